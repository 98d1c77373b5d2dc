"""``home.rules.matches`` reads a rule on one row exactly as the database
does: every project rule is checked on a grid of rows against the
queryset that filters by it."""

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F, Q
from django.utils import timezone

from contact.models import (
    Feedback,
    FeedbackStatus,
    Rating,
    RatingLevel,
    answered_on_time_q,
    answered_q,
    overdue_q,
    received_q,
    satisfied_q,
)
from district.models import Criterion, CriterionProgress, ProgressStatus, met_q
from home.rules import matches
from procedures.models import Dossier, DossierStatus, late_q, returned_on_time_q

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2025, 3, 10)


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


def test_lookups_and_connectors_without_a_database():
    row = Row(
        status="new",
        due=date(2025, 1, 5),
        done=None,
        at=datetime(2025, 1, 5, 18, tzinfo=ZoneInfo("UTC")),
    )
    assert matches(row, Q(status="new"))
    assert matches(row, Q(status__in=["new", "old"]) & Q(due__lt=date(2025, 1, 6)))
    assert not matches(row, Q(due__gt=date(2025, 1, 5)))
    assert matches(row, Q(due__gte=date(2025, 1, 5)) & Q(due__lte=date(2025, 1, 5)))
    assert matches(row, Q(done__isnull=True)) and not matches(row, Q(done__isnull=False))
    assert matches(row, Q(done=None))
    assert not matches(row, Q(done__lt=date(2030, 1, 1)))  # NULL compares false …
    assert matches(row, ~Q(done__lt=date(2030, 1, 1)))  # … and its negation true
    assert matches(row, Q(status="x") | Q(status="new"))
    assert not matches(row, Q(status="x") | ~Q(status="new"))
    assert matches(row, Q(at__date=date(2025, 1, 6)))  # 01:00 in Vietnam
    assert matches(row, Q(at__date__gt=F("due")))
    assert matches(row, Q())


@pytest.mark.parametrize(
    "rule",
    [
        Q(name__icontains="a"),
        Q(due__year=2025),
        Q(due__lt=F("due") + 1),
        Q(status="a") ^ Q(status="b"),
    ],
)
def test_a_rule_python_cannot_read_exactly_is_refused(rule):
    row = Row(name="a", due=date(2025, 1, 1), status="a")
    with pytest.raises(ValueError):
        matches(row, rule)


def aware(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=HANOI) + timedelta(hours=hour)


def agree(model, rule: Q, rows) -> None:
    """Each row satisfies the rule in Python exactly when the database
    finds it with the rule."""
    found = set(model.objects.filter(rule).values_list("pk", flat=True))
    assert found  # the grid exercises both sides
    assert len(found) < len(rows)
    for row in rows:
        assert matches(row, rule) == (row.pk in found), (row.__dict__, rule)


@pytest.fixture
def feedback_grid(communes):
    statuses = list(FeedbackStatus)
    dues = [DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)]
    # None, the due day's last hour, the morning after (UTC's same day),
    # and the day after ``DAY``.
    answers = [
        None,
        aware(DAY, 23),
        aware(DAY + timedelta(days=1), 6),
        aware(DAY, 2) + timedelta(days=2),
    ]
    rows = []
    for n, (status, due, answered) in enumerate(itertools.product(statuses, dues, answers)):
        rows.append(
            Feedback.objects.create(
                commune=communes["voi"],
                tracking_code=f"R{n:03d}-GRID",
                kind="gop_y",
                subject="x",
                message="x",
                name="x",
                status=status,
                due_date=due,
                submitted_at=aware(DAY - timedelta(days=5), 9),
                answered_at=answered,
            )
        )
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rule",
    [
        received_q(),
        answered_q(),
        answered_q(by=DAY),
        answered_on_time_q(),
        answered_on_time_q(by=DAY),
        overdue_q(DAY),
        overdue_q(DAY + timedelta(days=1)),
    ],
    ids=[
        "received",
        "answered",
        "answered by",
        "on time",
        "on time by",
        "overdue",
        "overdue after",
    ],
)
def test_feedback_rules_read_the_same_on_a_row(feedback_grid, rule):
    agree(Feedback, rule, feedback_grid)


@pytest.mark.django_db
def test_feedback_properties_use_the_rules(feedback_grid):
    today = timezone.localdate()
    overdue = set(Feedback.objects.overdue(today).values_list("pk", flat=True))
    on_time = set(Feedback.objects.answered_on_time().values_list("pk", flat=True))
    answered = set(Feedback.objects.answered().values_list("pk", flat=True))
    for row in feedback_grid:
        assert row.is_overdue == (row.pk in overdue)
        assert row.is_answered == (row.pk in answered)
        assert row.answered_on_time == ((row.pk in on_time) if row.pk in answered else None)


@pytest.mark.django_db
def test_rating_rule_and_property(communes):
    rows = [Rating.objects.create(commune=communes["voi"], level=level) for level in RatingLevel]
    agree(Rating, satisfied_q(), rows)
    assert [row.is_satisfied for row in rows] == [True, True, False]


@pytest.mark.django_db
def test_dossier_rules_and_property(communes):
    days = [DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)]
    rows = []
    for n, (status, appointment, returned) in enumerate(
        itertools.product(list(DossierStatus), days, [None, *days])
    ):
        rows.append(
            Dossier.objects.create(
                commune=communes["voi"],
                receipt_code=f"G{n:03d}",
                applicant_name="x",
                received_on=DAY - timedelta(days=10),
                appointment_date=appointment,
                status=status,
                returned_on=returned,
            )
        )
    for rule in (late_q(DAY), late_q(DAY + timedelta(days=2)), returned_on_time_q()):
        agree(Dossier, rule, rows)
    late_today = set(Dossier.objects.late().values_list("pk", flat=True))
    assert [row.is_late for row in rows] == [row.pk in late_today for row in rows]


@pytest.mark.django_db
def test_criterion_rule_and_property(communes):
    criteria = list(Criterion.objects.order_by("code")[:12])
    combos = itertools.product(
        list(ProgressStatus),
        [True, False],
        [None, aware(DAY, 23), aware(DAY, 23) + timedelta(hours=2)],
    )
    rows = []
    for criterion, (status, confirmed, confirmed_at) in zip(criteria * 2, combos, strict=False):
        rows.append(
            CriterionProgress.objects.create(
                commune=communes["voi" if len(rows) < 12 else "kep"],
                criterion=criterion,
                status=status,
                confirmed=confirmed,
                confirmed_at=confirmed_at,
            )
        )
    agree(CriterionProgress, met_q(), rows)
    agree(CriterionProgress, met_q(as_of=DAY), rows)
    met = set(CriterionProgress.objects.met().values_list("pk", flat=True))
    assert [row.counts_as_met for row in rows] == [row.pk in met for row in rows]
