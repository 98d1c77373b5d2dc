"""Many citizens at once, against PostgreSQL: every submission stored once,
every tracking code unique.

Threads each hold their own connection in autocommit, so they see the
communes provisioned for the session and commit for real; the test removes
what they wrote afterwards, from a connection of its own, so that the
rolled-back tests after it find the database as they expect.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client, override_settings
from django_recaptcha.client import RecaptchaResponse

from contact.models import Feedback, Rating

FEEDBACK_COUNT = 200
RATING_COUNT = 500


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
@pytest.mark.django_db
@override_settings(FEEDBACK_RATE_LIMIT=1000, RATING_RATE_LIMIT=1000)
def test_concurrent_feedback_and_ratings_are_all_stored(monkeypatch):
    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit", lambda **kwargs: RecaptchaResponse(is_valid=True)
    )
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            feedback_codes = list(pool.map(send_feedback, range(FEEDBACK_COUNT)))
            rating_codes = list(pool.map(send_rating, range(RATING_COUNT)))
        with ThreadPoolExecutor(max_workers=1) as pool:
            stored = pool.submit(in_thread(lambda _: stored_figures()), 0).result()
    finally:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(in_thread(lambda _: remove_what_the_threads_wrote()), 0).result()
    check(feedback_codes, rating_codes, stored)


def stored_figures() -> dict:
    feedback = Feedback.objects.filter(commune__slug="voi")
    ratings = Rating.objects.filter(commune__slug="voi")
    return {
        "feedback": feedback.count(),
        "codes": list(feedback.values_list("tracking_code", flat=True)),
        "subjects": set(feedback.values_list("subject", flat=True)),
        "ratings": ratings.count(),
        "unsatisfied": ratings.filter(level="khong_hai_long").count(),
    }


def remove_what_the_threads_wrote() -> None:
    Feedback.objects.filter(commune__slug="voi").delete()
    Rating.objects.filter(commune__slug="voi").delete()


def check(feedback_codes, rating_codes, stored) -> None:
    assert feedback_codes == [302] * FEEDBACK_COUNT
    assert rating_codes == [302] * RATING_COUNT
    assert stored["feedback"] == FEEDBACK_COUNT
    assert len(set(stored["codes"])) == FEEDBACK_COUNT
    assert stored["subjects"] == {f"Góp ý số {index}" for index in range(FEEDBACK_COUNT)}
    assert stored["ratings"] == RATING_COUNT
    assert stored["unsatisfied"] == len(range(2, RATING_COUNT, 3))
