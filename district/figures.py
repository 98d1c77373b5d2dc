"""The district dashboard's figures: one row per commune for a period, in a
fixed number of queries whatever the number of communes.

A period is a pair of days, both included. Feedback and ratings count when
they were submitted in the period; criteria, launches, procedures and
phones are the state of today.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from statistics import median

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contact.models import LEADERSHIP_POSTS, Feedback, FeedbackStatus, Official, Rating, RatingLevel
from contact.stats import ANSWERED, share
from home.models import Commune
from procedures.models import Procedure

from .models import CommuneLaunch, Criterion, CriterionProgress, ProgressStatus


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """Aware datetimes from the first day's midnight to the last day's end."""
        tz = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=tz),
            datetime.combine(self.end, time.max, tzinfo=tz),
        )


# The dashboard's columns and the export's, in order.
COLUMN_LABELS = {
    "code": _("Statistical code"),
    "commune": pgettext_lazy("dashboard", "Commune"),
    "criteria_met": _("Criteria met"),
    "launch_date": _("Launch date"),
    "feedback_received": _("Feedback received"),
    "answered_on_time": _("Answered on time"),
    "on_time_rate": _("Answered on time (%)"),
    "median_days_to_answer": _("Median days to answer"),
    "satisfied_share": _("Satisfied (%)"),
    "ratings": _("Ratings"),
    "procedures_published": _("Procedures published"),
    "leadership_phones_complete": _("Leadership phones complete"),
}
COLUMNS = list(COLUMN_LABELS)


def criteria_met(communes: list[Commune]) -> dict[int, int]:
    rows = (
        CriterionProgress.objects.filter(
            commune__in=communes, status=ProgressStatus.MET, confirmed=True
        )
        .values("commune")
        .annotate(n=Count("pk"))
    )
    return {row["commune"]: row["n"] for row in rows}


def feedback_figures(communes: list[Commune], period: Period) -> dict[int, dict]:
    """Received, answered on time, and the median of whole days between
    submission and answer, of the feedback submitted in the period."""
    start, end = period.bounds
    rows = Feedback.objects.filter(commune__in=communes, submitted_at__range=(start, end)).exclude(
        status=FeedbackStatus.SPAM
    )
    figures: dict[int, dict] = {}
    waits: dict[int, list[float]] = {}
    for commune_id, status, submitted_at, answered_at, due in rows.values_list(
        "commune", "status", "submitted_at", "answered_at", "due_date"
    ):
        entry = figures.setdefault(commune_id, {"received": 0, "on_time": 0})
        entry["received"] += 1
        if status in ANSWERED and answered_at is not None:
            if timezone.localdate(answered_at) <= due:
                entry["on_time"] += 1
            waits.setdefault(commune_id, []).append(
                (answered_at - submitted_at).total_seconds() / 86400
            )
    for commune_id, days in waits.items():
        figures[commune_id]["median_days"] = round(median(days), 1)
    return figures


def rating_figures(communes: list[Commune], period: Period) -> dict[int, dict]:
    rows = (
        Rating.objects.filter(commune__in=communes, created_at__range=period.bounds)
        .values("commune")
        .annotate(
            count=Count("pk"), unsatisfied=Count("pk", filter=Q(level=RatingLevel.UNSATISFIED))
        )
    )
    return {row["commune"]: row for row in rows}


def procedures_published(communes: list[Commune]) -> dict[int, int]:
    """What each commune's catalogue lists: the district records that apply
    to communes, plus its own procedures."""
    shared = Procedure.objects.filter(commune__isnull=True, applies_to_communes=True).count()
    own = {
        row["commune"]: row["n"]
        for row in Procedure.objects.filter(commune__in=communes)
        .values("commune")
        .annotate(n=Count("pk"))
    }
    return {commune.pk: shared + own.get(commune.pk, 0) for commune in communes}


def leadership_phones_complete(communes: list[Commune], on: date) -> dict[int, bool]:
    """True when every leadership post has someone in office with a phone."""
    covered: dict[int, set[str]] = {}
    for commune_id, post in (
        Official.objects.in_office(on)
        .filter(commune__in=communes, post__in=LEADERSHIP_POSTS)
        .exclude(phone="")
        .values_list("commune", "post")
    ):
        covered.setdefault(commune_id, set()).add(post)
    needed = {str(post) for post in LEADERSHIP_POSTS}
    return {c.pk: needed <= covered.get(c.pk, set()) for c in communes}


def dashboard_rows(communes, period: Period) -> tuple[list[dict], int]:
    """One dict per commune (keys of ``COLUMNS`` plus ``commune_obj``), and
    the number of criteria in the plan."""
    communes = list(communes.filter(site__isnull=False).order_by("code"))
    total_criteria = Criterion.objects.count()
    met = criteria_met(communes)
    launches = dict(
        CommuneLaunch.objects.filter(commune__in=communes).values_list("commune", "launch_date")
    )
    feedback = feedback_figures(communes, period)
    ratings = rating_figures(communes, period)
    procedures = procedures_published(communes)
    phones = leadership_phones_complete(communes, timezone.localdate())
    rows = []
    for commune in communes:
        fed = feedback.get(commune.pk, {"received": 0, "on_time": 0})
        rated = ratings.get(commune.pk, {"count": 0, "unsatisfied": 0})
        rows.append(
            {
                "commune_obj": commune,
                "code": commune.code,
                "commune": commune.full_name,
                "criteria_met": met.get(commune.pk, 0),
                "launch_date": launches.get(commune.pk),
                "feedback_received": fed["received"],
                "answered_on_time": fed["on_time"],
                "on_time_rate": share(fed["on_time"], fed["received"]),
                "median_days_to_answer": fed.get("median_days"),
                "satisfied_share": share(rated["count"] - rated["unsatisfied"], rated["count"]),
                "ratings": rated["count"],
                "procedures_published": procedures[commune.pk],
                "leadership_phones_complete": phones[commune.pk],
            }
        )
    return rows, total_criteria


def sort_rows(rows: list[dict], key: str) -> list[dict]:
    """Sorted by a column, ``-key`` descending; empty values always last."""
    descending = key.startswith("-")
    name = key.lstrip("-")
    if name not in COLUMNS:
        return rows
    present = [row for row in rows if row[name] is not None]
    missing = [row for row in rows if row[name] is None]
    present.sort(key=lambda row: row[name], reverse=descending)
    return present + missing
