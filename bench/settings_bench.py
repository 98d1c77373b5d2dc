"""Production settings for the loopback benchmarks only (never deployed).

Two differences because this machine cannot reach the outside world:
reCAPTCHA's verification call to Google is answered in-process (the field,
widget and form are the real ones; the token must be ``BENCH_CAPTCHA_TOKEN``
or the submission is refused), and mail goes nowhere instead of to an SMTP
server. A third because there is no proxy in front: Django serves
``/media/`` (``urls_bench.py``). Used by ``bench/serve.sh`` with
``PYTHONPATH=bench``.
"""

import django_recaptcha.client as recaptcha_client

from config.settings.production import *  # noqa: F403

BENCH_CAPTCHA_TOKEN = "bench-captcha-token"  # noqa: S105 - not a secret
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
ROOT_URLCONF = "urls_bench"
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]


def verify_without_google(recaptcha_response, private_key, remoteip):
    return recaptcha_client.RecaptchaResponse(is_valid=recaptcha_response == BENCH_CAPTCHA_TOKEN)


recaptcha_client.submit = verify_without_google
