"""``district.figures``: rules the other figure tests leave open: the
district's time zone whatever zone is active, the period's first day as a
lower bound of the monthly figures, and a table's row by commune."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from contact.models import PHONE_REQUIRED_POSTS, Official, Rating, RatingLevel
from district.figures import Period, figure_table, monthly_satisfaction, sort_rows
from district.figures.compute import procedures_published
from home.models import Commune
from procedures.models import Procedure
from tests.factories import OfficialFactory, ProcedureFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
JANUARY = Period(start=date(2025, 1, 1), end=date(2025, 1, 31))


def rate(commune, when, level=RatingLevel.SATISFIED):
    return Rating.objects.create(commune=commune, level=level, created_at=when)


def test_monthly_satisfaction_leaves_out_ratings_before_the_period(communes):
    voi = communes["voi"]
    rate(voi, datetime(2024, 12, 31, 23, 30, tzinfo=HANOI))
    rate(voi, datetime(2025, 1, 1, 0, 30, tzinfo=HANOI))
    months = monthly_satisfaction([voi], JANUARY)
    assert [(m.month, m.ratings) for m in months] == [(date(2025, 1, 1), 1)]


@pytest.mark.parametrize("active", ["UTC", "America/New_York"])
def test_monthly_satisfaction_is_by_the_districts_months_whatever_zone_is_active(communes, active):
    voi = communes["voi"]
    rate(voi, datetime(2025, 3, 1, 0, 30, tzinfo=HANOI))  # 28 February in UTC
    rate(voi, datetime(2025, 2, 10, 9, tzinfo=HANOI), RatingLevel.UNSATISFIED)
    period = Period(start=date(2025, 1, 1), end=date(2025, 3, 31))
    with timezone.override(active):
        months = monthly_satisfaction([voi], period)
    assert [(m.month, m.ratings, m.satisfied) for m in months] == [
        (date(2025, 3, 1), 1, 1),
        (date(2025, 2, 1), 1, 0),
    ]


def test_a_tables_row_is_found_by_its_commune(communes):
    voi, kep = communes["voi"], communes["kep"]
    rate(kep, datetime(2025, 1, 10, 9, tzinfo=HANOI))
    table = figure_table(Commune.objects.filter(pk__in=[voi.pk, kep.pk]), JANUARY)
    assert table.for_commune(kep).commune == kep
    assert table.for_commune(kep).ratings == 1
    assert table.for_commune(voi).ratings == 0
    assert table.for_commune(communes["tan-thanh"]) is None


def test_sorting_by_a_column_descending_and_ascending(communes):
    voi, kep, tan_thanh = communes["voi"], communes["kep"], communes["tan-thanh"]
    for _ in range(2):
        rate(kep, datetime(2025, 1, 10, 9, tzinfo=HANOI))
    rate(voi, datetime(2025, 1, 10, 9, tzinfo=HANOI), RatingLevel.UNSATISFIED)
    table = figure_table(Commune.objects.filter(pk__in=[voi.pk, kep.pk, tan_thanh.pk]), JANUARY)
    by_code = table.rows

    def order(key):
        return [row.commune.slug for row in sort_rows(by_code, key)]

    assert order("-ratings") == ["kep", "voi", "tan-thanh"]
    assert order("ratings") == ["tan-thanh", "voi", "kep"]
    # No share without ratings: Tân Thanh goes last both ways.
    assert order("-satisfied_share") == ["kep", "voi", "tan-thanh"]
    assert order("satisfied_share") == ["voi", "kep", "tan-thanh"]
    assert order("no-such-column") == [row.commune.slug for row in by_code]


def test_procedures_published_without_any_district_record_for_communes(communes):
    voi, kep = communes["voi"], communes["kep"]
    Procedure.objects.filter(commune__isnull=True).update(applies_to_communes=False)
    ProcedureFactory(commune=voi)
    ProcedureFactory(commune=kep, applies_to_communes=True)
    assert procedures_published([voi.pk, kep.pk]) == {voi.pk: 1, kep.pk: 1}
    ProcedureFactory(commune=None, applies_to_communes=True)
    assert procedures_published([voi.pk, kep.pk]) == {voi.pk: 2, kep.pk: 2}


def test_a_period_of_one_day_is_that_day():
    day = date(2025, 1, 31)
    start, end = Period(start=day, end=day).bounds
    assert (start, end) == (
        datetime(2025, 1, 31, tzinfo=HANOI),
        datetime(2025, 2, 1, tzinfo=HANOI),
    )


def test_leadership_phones_are_taken_as_of_the_periods_end_not_today(communes):
    voi = communes["voi"]
    Official.objects.filter(commune=voi).delete()
    for post in PHONE_REQUIRED_POSTS:
        OfficialFactory(commune=voi, post=post, term_end=JANUARY.end)
    table = figure_table(Commune.objects.filter(pk=voi.pk), JANUARY, programme=True)
    assert table.rows[0].programme.leadership_phones_complete is True
    today = Period.last_twelve_months()
    table = figure_table(Commune.objects.filter(pk=voi.pk), today, programme=True)
    assert table.rows[0].programme.leadership_phones_complete is False
