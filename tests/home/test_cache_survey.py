"""The page cache and the survey (``home.caching``): a response refreshes
its commune's survey results and the portal's satisfaction page at once,
and nothing else; a round's change refreshes every commune's survey pages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from contact.models import SurveyRound, SurveyTopic

from .test_cache_invalidation import (
    PORTAL,
    assert_fresh,
    assert_hits_without_queries,
    host,
    page_cache_on,  # noqa: F401 - the fixture, used below
    warm,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
RESULTS = "/danh-gia/khao-sat/ket-qua/"
POSTER = "/danh-gia/khao-sat/in-poster/"


@pytest.fixture
def survey_round(communes):
    today = timezone.localdate()
    return SurveyRound.objects.create(
        title="Khảo sát bộ nhớ đệm", start_date=today - timedelta(days=1), end_date=today
    )


def test_a_response_refreshes_its_results_and_the_portal_only(
    survey_round, django_assert_num_queries
):
    others = [("kep", RESULTS), ("kep", POSTER), ("voi", "/"), ("voi", "/danh-gia/ket-qua/")]
    warm(*others, ("voi", RESULTS), (PORTAL, "/hai-long/khao-sat/"))
    data = {"respondent_type": "to_chuc", **{f"q_{t}": "hai_long" for t in SurveyTopic.values}}
    answered = Client().post("/danh-gia/khao-sat/", data, HTTP_HOST=host("voi"))
    assert answered.status_code == 302
    assert_hits_without_queries(django_assert_num_queries, *others)
    assert_fresh("voi", RESULTS, "100,0%")
    assert "100,0%" in assert_fresh(PORTAL, "/hai-long/khao-sat/")


def test_a_rounds_change_refreshes_every_communes_survey_pages(
    survey_round, django_assert_num_queries
):
    warm(("voi", RESULTS), ("kep", POSTER), ("kep", "/danh-gia/ket-qua/"))
    survey_round.title = "Khảo sát đã đổi tên"
    survey_round.save()
    assert_hits_without_queries(django_assert_num_queries, ("kep", "/danh-gia/ket-qua/"))
    assert_fresh("voi", RESULTS, "Khảo sát đã đổi tên")
    assert_fresh("kep", POSTER, "Khảo sát đã đổi tên")
