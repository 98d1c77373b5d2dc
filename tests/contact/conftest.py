"""reCAPTCHA's verification is the one thing stubbed: Google cannot be
reached from here. Everything else (field, widget, form) is the real one."""

from urllib.error import URLError

import pytest
from django_recaptcha.client import RecaptchaResponse


@pytest.fixture
def captcha_ok(monkeypatch):
    calls = []

    def submit(recaptcha_response, private_key, remoteip):
        calls.append(recaptcha_response)
        return RecaptchaResponse(is_valid=True)

    monkeypatch.setattr("django_recaptcha.fields.client.submit", submit)
    return calls


@pytest.fixture
def captcha_invalid(monkeypatch):
    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit",
        lambda **kwargs: RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"]),
    )


@pytest.fixture
def captcha_unreachable(monkeypatch):
    def submit(**kwargs):
        raise URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr("django_recaptcha.fields.client.submit", submit)
