"""Many residents answering the survey at once, against PostgreSQL: 500
responses from 8 threads, every one stored with its five answers.

As in ``test_load.py``: each thread holds its own connection in autocommit
and commits for real; the test removes what they wrote afterwards from a
connection of its own."""

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from contact.models import SurveyAnswer, SurveyResponse, SurveyRound, SurveyTopic

from .test_load import in_thread

RESPONSE_COUNT = 500
LEVELS = ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long", "rat_khong_hai_long"]
KINDS = ["nguoi_dan", "to_chuc", "doanh_nghiep"]
TITLE = "Khảo sát tải đồng thời"


@in_thread
def answer_survey(index: int) -> int:
    data = {"respondent_type": KINDS[index % 3]}
    data.update({f"q_{topic}": LEVELS[index % 5] for topic in SurveyTopic.values})
    response = Client().post(
        "/danh-gia/khao-sat/",
        data,
        HTTP_HOST="voi.localhost",
        REMOTE_ADDR=f"10.2.{index // 250}.{index % 250}",
    )
    return response.status_code


@in_thread
def open_round(_index) -> int:
    today = timezone.localdate()
    return SurveyRound.objects.create(
        title=TITLE, start_date=today - timedelta(days=1), end_date=today + timedelta(days=1)
    ).pk


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the load test runs against PostgreSQL (DATABASE_URL=postgres://…)",
)
@pytest.mark.django_db
@override_settings(SURVEY_RATE_LIMIT=1000)
def test_500_concurrent_survey_responses_are_all_stored():
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            round_pk = pool.submit(open_round, 0).result()
        with ThreadPoolExecutor(max_workers=8) as pool:
            codes = list(pool.map(answer_survey, range(RESPONSE_COUNT)))
        with ThreadPoolExecutor(max_workers=1) as pool:
            stored = pool.submit(in_thread(lambda _: stored_figures(round_pk)), 0).result()
    finally:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(in_thread(lambda _: SurveyRound.objects.filter(title=TITLE).delete()), 0)
    assert codes == [302] * RESPONSE_COUNT
    assert stored["responses"] == RESPONSE_COUNT
    assert stored["answers"] == RESPONSE_COUNT * len(SurveyTopic)
    assert stored["organisations"] == len(range(1, RESPONSE_COUNT, 3))
    assert stored["very_unsatisfied"] == len(range(4, RESPONSE_COUNT, 5)) * len(SurveyTopic)


def stored_figures(round_pk: int) -> dict:
    responses = SurveyResponse.objects.filter(survey_round_id=round_pk, commune__slug="voi")
    answers = SurveyAnswer.objects.filter(response__survey_round_id=round_pk)
    return {
        "responses": responses.count(),
        "answers": answers.count(),
        "organisations": responses.filter(respondent_type="to_chuc").count(),
        "very_unsatisfied": answers.filter(level="rat_khong_hai_long").count(),
    }
