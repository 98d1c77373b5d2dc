"""Each figure function on its own: empty data, the period's first and last
days (local time, Asia/Ho_Chi_Minh, where a UTC date would be wrong), and
the rules each figure counts by."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from contact.models import PHONE_REQUIRED_POSTS, Feedback, FeedbackStatus, Rating, RatingLevel
from district.figures import Figures, Period, figure_table, monthly_satisfaction, share
from district.figures.compute import (
    answer_waits,
    dossier_counts,
    feedback_counts,
    missing_published_phones,
    procedures_published,
    rating_counts,
)
from district.figures.rows import median_days
from district.forms import PeriodForm
from home.models import Commune
from procedures.models import Dossier, DossierStatus, Procedure
from tests.factories import OfficialFactory, ProcedureFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = ZoneInfo("UTC")
JANUARY = Period(start=date(2025, 1, 1), end=date(2025, 1, 31))
S = FeedbackStatus


def at(*args, tz=HANOI) -> datetime:
    return datetime(*args, tzinfo=tz)


_codes = iter(range(1, 10_000))


def feedback(commune, submitted, due, status=S.NEW, answered=None):
    return Feedback.objects.create(
        commune=commune,
        tracking_code=f"F{next(_codes):04d}-TEST",
        kind="gop_y",
        subject="Ý kiến",
        message="Nội dung",
        name="Người dân",
        submitted_at=submitted,
        due_date=due,
        status=status,
        answered_at=answered,
    )


def rate(commune, when, level=RatingLevel.SATISFIED):
    return Rating.objects.create(commune=commune, level=level, created_at=when)


# --- Shares, medians, periods ------------------------------------------------


def test_share_is_none_when_nothing_was_counted():
    assert share(0, 0) is None
    assert share(0, 4) == 0.0
    assert share(1, 3) == 33.3
    assert share(2, 3) == 66.7
    assert share(1, 8) == 12.5
    assert share(1, 16) == 6.3  # 6.25 rounded half up


def test_both_rates_are_out_of_the_feedback_received():
    """On time is divided by received, not by answered: an unanswered
    resident was not answered on time."""
    figures = Figures(feedback_received=4, answered=2, answered_on_time=1)
    assert (figures.answer_rate, figures.on_time_rate) == (50.0, 25.0)
    assert Figures(ratings=3, satisfied=2).satisfied_share == 66.7


def test_median_days_of_none_is_none_and_of_an_even_count_the_mean_of_the_middle():
    assert median_days([]) is None
    assert median_days([1.5, 12.0]) == 6.8
    assert median_days([5.0, 1.0, 17.0]) == 5.0


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(start=date(2025, 2, 1), end=date(2025, 1, 31))


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2026, 12, 3), date(2026, 1, 1)),
        (date(2026, 1, 31), date(2025, 2, 1)),
        (date(2024, 2, 29), date(2023, 3, 1)),
        (date(2025, 11, 1), date(2024, 12, 1)),
    ],
)
def test_the_last_twelve_months_are_this_month_and_the_eleven_before(today, start):
    assert Period.last_twelve_months(today) == Period(start=start, end=today)


def test_the_bounds_are_local_midnights():
    start, end = JANUARY.bounds
    assert start == at(2025, 1, 1) == at(2024, 12, 31, 17, tz=UTC)
    assert end == at(2025, 2, 1)


# --- Ratings -------------------------------------------------------------------


def test_ratings_on_the_first_and_last_local_days_count(communes):
    voi = communes["voi"]
    rate(voi, at(2025, 1, 1, 0, 0))  # first local minute (31 Dec in UTC)
    rate(voi, at(2025, 1, 31, 23, 59), RatingLevel.UNSATISFIED)  # last local minute
    rate(voi, at(2024, 12, 31, 23, 59))  # before
    rate(voi, at(2025, 2, 1, 0, 0))  # after (31 Jan in UTC)
    counts = rating_counts([voi.pk], JANUARY)
    assert counts == {
        voi.pk: {
            "ratings": 2,
            "satisfied": 1,
            "procedure_ratings": 2,
            "procedure_satisfied": 1,
            "reception_ratings": 0,
            "reception_satisfied": 0,
        }
    }


def test_every_level_but_unsatisfied_is_satisfied(communes):
    voi = communes["voi"]
    for level in (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.UNSATISFIED):
        rate(voi, at(2025, 1, 10, 9), level)
    row = figure_table(Commune.objects.filter(pk=voi.pk), JANUARY).rows[0]
    assert (row.ratings, row.satisfied, row.satisfied_share) == (3, 2, 66.7)


def test_monthly_satisfaction_groups_by_local_month_newest_first(communes):
    voi, kep = communes["voi"], communes["kep"]
    rate(voi, at(2025, 3, 1, 0, 30))  # March locally, February in UTC
    rate(voi, at(2025, 2, 28, 23, 30), RatingLevel.UNSATISFIED)
    rate(voi, at(2025, 2, 10, 9))
    rate(kep, at(2025, 2, 10, 9), RatingLevel.UNSATISFIED)
    period = Period(start=date(2025, 1, 1), end=date(2025, 3, 31))
    months = monthly_satisfaction([voi], period)
    assert [(m.month, m.ratings, m.satisfied_share) for m in months] == [
        (date(2025, 3, 1), 1, 100.0),
        (date(2025, 2, 1), 2, 50.0),
    ]
    both = monthly_satisfaction(period=period)
    assert [(m.month, m.ratings) for m in both] == [(date(2025, 3, 1), 1), (date(2025, 2, 1), 3)]
    assert monthly_satisfaction([voi], JANUARY) == []


# --- Feedback ----------------------------------------------------------------


def test_feedback_figures_count_by_the_owners_rules(communes):
    voi = communes["voi"]
    due = date(2025, 1, 20)
    feedback(voi, at(2025, 1, 1, 0, 5), due, S.ANSWERED, at(2025, 1, 20, 23, 30))  # on time
    # Answered at 06:00 the day after the due day: 23:00 UTC on the due day,
    # late in Vietnam.
    feedback(voi, at(2025, 1, 6, 6), due, S.PUBLISHED, at(2025, 1, 21, 6))
    feedback(voi, at(2025, 1, 7, 8), due, S.CLOSED, at(2025, 1, 8, 8))  # on time
    feedback(voi, at(2025, 1, 8, 8), due, S.REJECTED)  # received, never answered
    feedback(voi, at(2025, 1, 9, 8), due, S.SPAM)  # not received
    feedback(voi, at(2025, 1, 31, 23, 50), date(2025, 2, 14))  # last local minutes
    feedback(voi, at(2025, 2, 1, 0, 5), date(2025, 2, 14))  # after
    counts = feedback_counts([voi.pk], JANUARY)[voi.pk]
    assert counts == {
        "feedback_received": 5,
        "answered": 3,
        "answered_on_time": 2,
        "overdue": 0,
    }


def test_an_answer_after_the_period_is_not_counted_in_it(communes):
    voi = communes["voi"]
    feedback(voi, at(2025, 1, 5, 8), date(2025, 1, 19), S.ANSWERED, at(2025, 2, 1, 0, 10))
    feedback(voi, at(2025, 1, 25, 8), date(2025, 2, 10), S.ANSWERED, at(2025, 1, 31, 23, 50))
    counts = feedback_counts([voi.pk], JANUARY)[voi.pk]
    # The first was still waiting, past its day, at the end of January.
    assert (counts["answered"], counts["answered_on_time"], counts["overdue"]) == (1, 1, 1)
    assert answer_waits([voi.pk], JANUARY) == {voi.pk: (pytest.approx(6.66, abs=0.01),)}


def test_overdue_is_a_state_at_the_end_whatever_the_submission(communes):
    voi = communes["voi"]
    feedback(voi, at(2024, 11, 1, 8), date(2024, 11, 15))  # old, still open
    feedback(voi, at(2025, 1, 20, 8), date(2025, 1, 31))  # due on the last day: not yet
    feedback(voi, at(2025, 1, 10, 8), date(2025, 1, 24), S.IN_PROGRESS)
    feedback(voi, at(2025, 1, 10, 8), date(2025, 1, 24), S.REJECTED)
    counts = feedback_counts([voi.pk], JANUARY)[voi.pk]
    assert (counts["feedback_received"], counts["overdue"]) == (3, 2)


def test_median_days_to_answer_in_days_between_submission_and_answer(communes):
    voi = communes["voi"]
    due = date(2025, 1, 31)
    feedback(voi, at(2025, 1, 2, 8), due, S.ANSWERED, at(2025, 1, 3, 8))
    feedback(voi, at(2025, 1, 2, 8), due, S.ANSWERED, at(2025, 1, 5, 20))
    feedback(voi, at(2025, 1, 2, 8), due, S.NEW)
    row = figure_table(Commune.objects.filter(pk=voi.pk), JANUARY).rows[0]
    assert row.median_days_to_answer == 2.3  # 1 and 3.5 days: 2.25, rounded half up


# --- Dossiers, catalogue, phones ------------------------------------------


def test_dossier_figures(communes):
    voi = communes["voi"]
    D = DossierStatus

    def dossier(code, received, appointment, status, returned=None):
        Dossier.objects.create(
            commune=voi,
            receipt_code=code,
            applicant_name="Lan",
            received_on=received,
            appointment_date=appointment,
            status=status,
            returned_on=returned,
        )

    dossier("A", date(2025, 1, 2), date(2025, 1, 10), D.RETURNED, date(2025, 1, 10))  # on time
    dossier("B", date(2025, 1, 2), date(2025, 1, 10), D.RETURNED, date(2025, 1, 11))  # late
    dossier("C", date(2024, 12, 2), date(2024, 12, 20), D.RETURNED, date(2025, 1, 1))
    dossier("D", date(2025, 1, 2), date(2025, 1, 30), D.IN_PROGRESS)  # late on the 31st
    dossier("E", date(2025, 1, 2), date(2025, 1, 31), D.IN_PROGRESS)  # due on the last day
    dossier("F", date(2025, 1, 2), date(2025, 2, 10), D.OVERDUE)  # the software says so
    dossier("G", date(2025, 1, 2), date(2025, 1, 5), D.READY)  # waits for its applicant
    dossier("H", date(2025, 2, 2), date(2025, 2, 5), D.OVERDUE)  # received after
    assert dossier_counts([voi.pk], JANUARY) == {
        voi.pk: {"dossiers_on_time": 1, "dossiers_late": 2}
    }


def test_procedures_published_are_the_shared_records_plus_the_communes_own(communes):
    voi, kep = communes["voi"], communes["kep"]
    shared = Procedure.objects.filter(commune__isnull=True, applies_to_communes=True).count()
    ProcedureFactory(commune=voi)
    ProcedureFactory(commune=None, applies_to_communes=False)
    assert procedures_published([voi.pk, kep.pk]) == {voi.pk: shared + 1, kep.pk: shared}


def test_published_phones_as_of_a_day_by_terms_of_office(communes):
    voi = communes["voi"]
    for post in PHONE_REQUIRED_POSTS[1:]:
        OfficialFactory(commune=voi, post=post)
    OfficialFactory(commune=voi, post=PHONE_REQUIRED_POSTS[0], term_end=date(2025, 1, 15))
    assert missing_published_phones([voi], date(2025, 1, 15))[voi.pk] == []
    assert missing_published_phones([voi], date(2025, 1, 16))[voi.pk] == [
        "Bí thư Đảng ủy: chưa có ai"
    ]


# --- No data -------------------------------------------------------------------


def test_no_data_gives_zero_counts_and_no_shares(communes):
    table = figure_table(Commune.objects.filter(slug="tan-thanh"), JANUARY)
    (row,) = table.rows
    assert (row.ratings, row.feedback_received, row.overdue, row.dossiers_late) == (0, 0, 0, 0)
    assert row.satisfied_share is None and row.answer_rate is None
    assert row.on_time_rate is None and row.median_days_to_answer is None
    assert row.programme is None and table.criteria_in_plan is None
    assert table.total.satisfied_share is None and table.total.median_days_to_answer is None


def test_public_pages_in_a_fixed_number_of_queries(communes, django_assert_num_queries):
    with django_assert_num_queries(5):
        figure_table(Commune.objects.filter(slug="voi"), JANUARY)
    rate(communes["kep"], at(2025, 1, 3, 9))
    with django_assert_num_queries(5):
        figure_table(Commune.objects.filter(slug__in=["voi", "kep", "tan-thanh"]), JANUARY)


def test_the_default_period_is_the_last_twelve_months(communes):
    assert figure_table(Commune.objects.filter(slug="voi")).period == Period.last_twelve_months()


def test_dashboard_default_period_is_the_public_one():
    assert PeriodForm({}).period() == Period.last_twelve_months()
    assert PeriodForm({"start": "2025-03-01", "end": "2025-01-01"}).period() == Period(
        start=date(2025, 1, 1), end=date(2025, 3, 1)
    )
    end_only = PeriodForm({"end": "2024-02-29"}).period()
    assert end_only == Period(start=date(2023, 3, 1), end=date(2024, 2, 29))
