"""Many citizens at once, against PostgreSQL: every submission stored once,
every tracking code unique. Threads each hold their own connection."""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client, override_settings
from django_recaptcha.client import RecaptchaResponse

from contact.models import Feedback, Rating

FEEDBACK_COUNT = 200
RATING_COUNT = 500


def provision_voi():
    from home.registry import read_commune_registry
    from home.services import provision_communes

    rows = [row for row in read_commune_registry() if row.slug == "voi"]
    provision_communes(rows=rows, base_domain="localhost")


def in_thread(function):
    def run(index):
        try:
            return function(index)
        finally:
            connection.close()

    return run


@in_thread
def send_feedback(index: int) -> int:
    response = Client().post(
        "/gop-y/",
        {
            "kind": "gop_y",
            "subject": f"Góp ý số {index}",
            "message": f"Nội dung góp ý số {index} của người dân.",
            "name": f"Người dân {index}",
            "phone": f"0912{index:06d}",
            "email": "",
            "g-recaptcha-response": "ok",
        },
        HTTP_HOST="voi.localhost",
        REMOTE_ADDR=f"10.0.{index // 250}.{index % 250}",
    )
    return response.status_code


@in_thread
def send_rating(index: int) -> int:
    response = Client().post(
        "/danh-gia/",
        {"level": ["rat_hai_long", "hai_long", "khong_hai_long"][index % 3]},
        HTTP_HOST="voi.localhost",
        REMOTE_ADDR=f"10.1.{index // 250}.{index % 250}",
    )
    return response.status_code


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the load test runs against PostgreSQL (DATABASE_URL=postgres://…)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(FEEDBACK_RATE_LIMIT=1000, RATING_RATE_LIMIT=1000)
def test_concurrent_feedback_and_ratings_are_all_stored(migrated_db, monkeypatch):
    provision_voi()
    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit", lambda **kwargs: RecaptchaResponse(is_valid=True)
    )
    with ThreadPoolExecutor(max_workers=8) as pool:
        feedback_codes = list(pool.map(send_feedback, range(FEEDBACK_COUNT)))
        rating_codes = list(pool.map(send_rating, range(RATING_COUNT)))

    assert feedback_codes == [302] * FEEDBACK_COUNT
    assert rating_codes == [302] * RATING_COUNT
    assert Feedback.objects.count() == FEEDBACK_COUNT
    codes = list(Feedback.objects.values_list("tracking_code", flat=True))
    assert len(set(codes)) == FEEDBACK_COUNT
    subjects = set(Feedback.objects.values_list("subject", flat=True))
    assert subjects == {f"Góp ý số {index}" for index in range(FEEDBACK_COUNT)}
    assert Rating.objects.count() == RATING_COUNT
    assert Rating.objects.filter(level="khong_hai_long").count() == len(range(2, RATING_COUNT, 3))
