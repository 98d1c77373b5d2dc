"""The queries behind the figures: one per kind of data, grouped by commune,
so a table costs the same number of queries for three communes or three
thousand. Every filter is a rule of the data's owner (``received_q``,
``answered_q``, ``satisfied_q``, ``late_q``, ``met_q`` …): nothing here
decides on its own what "answered" or "late" means."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from contact.models import (
    PHONE_PUBLISHED_POSTS,
    PHONE_REQUIRED_POSTS,
    Feedback,
    Official,
    Post,
    Rating,
    RatingKind,
    answered_on_time_q,
    answered_q,
    of_kind_q,
    overdue_q,
    received_q,
    satisfied_q,
)
from district.models.history import StatusChange
from district.models.programme import Criterion, ProgressStatus
from district.models.steps import Step, StepLevel, StepProgress, StepStatus, step_late_q
from home.models import Commune
from procedures.models import Dossier, Procedure, late_q, returned_on_time_q

from .period import Period
from .rows import CommuneFigures, Figures, FigureTable, MonthFigures, Programme

DAY_SECONDS = 86400


def communes_with_sites(communes=None) -> list[Commune]:
    """The communes that have a site (merged ones do not), by code, with
    their site and launch in the same query."""
    queryset = communes if communes is not None else Commune.objects.all()
    return list(
        queryset.filter(site__isnull=False).select_related("site", "launch").order_by("code")
    )


def rating_count_annotations() -> dict[str, Count]:
    """Ratings and satisfied ones, of both kinds together and of each kind
    apart, counted in the same query (so the kinds always add up to the
    whole)."""
    counts = {"ratings": Count("pk"), "satisfied": Count("pk", filter=satisfied_q())}
    for prefix, kind in (("procedure", RatingKind.PROCEDURE), ("reception", RatingKind.RECEPTION)):
        counts[f"{prefix}_ratings"] = Count("pk", filter=of_kind_q(kind))
        counts[f"{prefix}_satisfied"] = Count("pk", filter=of_kind_q(kind) & satisfied_q())
    return counts


def rating_counts(ids: list[int], period: Period) -> dict[int, dict]:
    """Ratings given in the period, and the satisfied ones, per commune, of
    both kinds and of each."""
    start, end = period.bounds
    rows = (
        Rating.objects.filter(commune__in=ids, created_at__gte=start, created_at__lt=end)
        .order_by()
        .values("commune")
        .annotate(**rating_count_annotations())
    )
    return {row.pop("commune"): row for row in rows}


def _received_in(period: Period) -> Q:
    start, end = period.bounds
    return Q(submitted_at__gte=start, submitted_at__lt=end) & received_q()


def feedback_counts(ids: list[int], period: Period) -> dict[int, dict]:
    """Received, answered and answered on time (of the period's feedback),
    and overdue at its end (of all feedback), per commune: one query."""
    received = _received_in(period)
    rows = (
        Feedback.objects.filter(commune__in=ids)
        .order_by()
        .values("commune")
        .annotate(
            feedback_received=Count("pk", filter=received),
            answered=Count("pk", filter=received & answered_q(by=period.end)),
            answered_on_time=Count("pk", filter=received & answered_on_time_q(by=period.end)),
            overdue=Count("pk", filter=overdue_q(on=period.end)),
        )
    )
    return {row.pop("commune"): row for row in rows}


def answer_waits(ids: list[int], period: Period) -> dict[int, tuple[float, ...]]:
    """Days from submission to answer of the period's answered feedback.
    A median needs every value, and SQLite has no median: the two
    timestamps of the answered rows are read, nothing else."""
    rows = Feedback.objects.filter(
        _received_in(period) & answered_q(by=period.end), commune__in=ids
    ).values_list("commune", "submitted_at", "answered_at")
    waits: dict[int, list[float]] = defaultdict(list)
    for commune_id, submitted_at, answered_at in rows:
        waits[commune_id].append((answered_at - submitted_at).total_seconds() / DAY_SECONDS)
    return {commune_id: tuple(days) for commune_id, days in waits.items()}


def dossier_counts(ids: list[int], period: Period) -> dict[int, dict]:
    """Returned on time in the period, and late at its end, per commune."""
    rows = (
        Dossier.objects.filter(commune__in=ids)
        .order_by()
        .values("commune")
        .annotate(
            dossiers_on_time=Count(
                "pk",
                filter=Q(returned_on__gte=period.start, returned_on__lte=period.end)
                & returned_on_time_q(),
            ),
            dossiers_late=Count("pk", filter=late_q(on=period.end)),
        )
    )
    return {row.pop("commune"): row for row in rows}


def criteria_met(ids: list[int], as_of: date) -> dict[int, int]:
    """Criteria met and confirmed by the district as they stood at the end
    of ``as_of`` (local time), per commune, from the status history
    (``StatusChange``): a criterion met after that day does not count, and
    one met then but reopened since still does. One query."""
    end = Period(as_of, as_of).bounds[1]
    latest = (
        StatusChange.objects.filter(
            commune=OuterRef("commune"), criterion=OuterRef("criterion"), at__lt=end
        )
        .order_by("-at", "-pk")
        .values("pk")[:1]
    )
    rows = (
        StatusChange.objects.filter(commune__in=ids, criterion__isnull=False, at__lt=end)
        .filter(pk=Subquery(latest))
        .filter(status=ProgressStatus.MET, confirmed=True)
        .order_by()
        .values("commune")
        .annotate(n=Count("pk"))
    )
    return {row["commune"]: row["n"] for row in rows}


def step_counts(ids: list[int], on: date) -> dict[int | None, dict]:
    """Per commune (``None``: the district's own steps), the steps it has
    to carry out, those done, and those late on ``on`` (``step_late_q``).
    A step without a progress row yet is not done, and late once its
    deadline has passed. Two queries."""
    steps = list(Step.objects.values_list("pk", "level", "deadline"))
    rows = StepProgress.objects.filter(Q(commune__in=ids) | Q(commune__isnull=True))
    states = {
        (commune, step): (done, late)
        for commune, step, done, late in rows.annotate(
            done=Count("pk", filter=Q(status=StepStatus.DONE)),
            late=Count("pk", filter=step_late_q(on)),
        ).values_list("commune", "step", "done", "late")
    }
    counts: dict[int | None, dict] = {}
    for owner in [*ids, None]:
        level = StepLevel.DISTRICT if owner is None else StepLevel.COMMUNE
        own = [(pk, deadline) for pk, step_level, deadline in steps if step_level == level]
        found = [(states.get((owner, pk)), deadline) for pk, deadline in own]
        counts[owner] = {
            "steps": len(own),
            "steps_done": sum(1 for state, _ in found if state and state[0]),
            "steps_late": sum(
                1 for state, deadline in found if (state[1] if state else deadline < on)
            ),
        }
    return counts


def procedures_published(ids: list[int]) -> dict[int, int]:
    """What each commune's catalogue lists: the district's records that
    apply to communes, plus its own procedures (one query)."""
    rows = (
        Procedure.objects.filter(
            Q(commune__in=ids) | Q(commune__isnull=True, applies_to_communes=True)
        )
        .order_by()
        .values("commune")
        .annotate(n=Count("pk"))
    )
    counts = {row["commune"]: row["n"] for row in rows}
    shared = counts.pop(None, 0)
    return {pk: shared + counts.get(pk, 0) for pk in ids}


def missing_published_phones(communes: list[Commune], on: date) -> dict[int, list[str]]:
    """Per commune, what III.1.1 of the plan asks to publish and is missing
    on ``on``: each post it names that nobody in office holds, then each
    person in office in such a post without a phone number (every
    vice-chairman, not one of them)."""
    filled: dict[int, set[str]] = defaultdict(set)
    unreachable: dict[int, list[str]] = defaultdict(list)
    people = (
        Official.objects.in_office(on)
        .filter(commune__in=communes, post__in=PHONE_PUBLISHED_POSTS)
        .in_directory_order()
    )
    for person in people:
        filled[person.commune_id].add(person.post)
        if not person.phone:
            unreachable[person.commune_id].append(
                _("%(person)s: no phone") % {"person": str(person)}
            )
    return {
        c.pk: [
            *(
                _("%(post)s: nobody listed") % {"post": Post(post).label}
                for post in PHONE_REQUIRED_POSTS
                if post not in filled[c.pk]
            ),
            *unreachable[c.pk],
        ]
        for c in communes
    }


def _launch_date(commune: Commune) -> date | None:
    launch = getattr(commune, "launch", None)
    return launch.launch_date if launch is not None else None


def programme_figures(communes: list[Commune], period: Period) -> dict[int, Programme]:
    ids = [c.pk for c in communes]
    met = criteria_met(ids, period.end)
    procedures = procedures_published(ids)
    missing = missing_published_phones(communes, period.end)
    return {
        c.pk: Programme(
            criteria_met=met.get(c.pk, 0),
            launch_date=_launch_date(c),
            procedures_published=procedures[c.pk],
            leadership_phones_complete=not missing[c.pk],
        )
        for c in communes
    }


def total_of(rows: list[CommuneFigures]) -> Figures:
    """Counts summed, waits pooled (the district's median is the median of
    every answer, not a median of medians)."""
    return Figures(
        ratings=sum(r.ratings for r in rows),
        satisfied=sum(r.satisfied for r in rows),
        procedure_ratings=sum(r.procedure_ratings for r in rows),
        procedure_satisfied=sum(r.procedure_satisfied for r in rows),
        reception_ratings=sum(r.reception_ratings for r in rows),
        reception_satisfied=sum(r.reception_satisfied for r in rows),
        feedback_received=sum(r.feedback_received for r in rows),
        answered=sum(r.answered for r in rows),
        answered_on_time=sum(r.answered_on_time for r in rows),
        overdue=sum(r.overdue for r in rows),
        dossiers_on_time=sum(r.dossiers_on_time for r in rows),
        dossiers_late=sum(r.dossiers_late for r in rows),
        waits=tuple(wait for r in rows for wait in r.waits),
    )


def figure_table(communes=None, period: Period | None = None, *, programme=False) -> FigureTable:
    """Every commune (with a site) of ``communes`` (all by default) for
    ``period`` (the last twelve months by default), and their total.

    Five queries, plus four with ``programme`` (the dashboard's criteria,
    procedures and phones), whatever the number of communes and rows.
    """
    period = period or Period.last_twelve_months()
    found = communes_with_sites(communes)
    ids = [c.pk for c in found]
    ratings = rating_counts(ids, period)
    feedback = feedback_counts(ids, period)
    waits = answer_waits(ids, period)
    dossiers = dossier_counts(ids, period)
    programmes = programme_figures(found, period) if programme else {}
    rows = [
        CommuneFigures(
            commune=commune,
            period=period,
            **ratings.get(commune.pk, {}),
            **feedback.get(commune.pk, {}),
            **dossiers.get(commune.pk, {}),
            waits=waits.get(commune.pk, ()),
            programme=programmes.get(commune.pk),
        )
        for commune in found
    ]
    return FigureTable(
        period=period,
        rows=rows,
        total=total_of(rows),
        criteria_in_plan=Criterion.objects.count() if programme else None,
    )


def monthly_satisfaction(communes=None, period: Period | None = None) -> list[MonthFigures]:
    """Ratings and the satisfied share per calendar month (local time) of
    the period, of both kinds and of each, newest first, of the given communes together (all by
    default). Months without a rating are left out."""
    period = period or Period.last_twelve_months()
    start, end = period.bounds
    ratings = Rating.objects.filter(created_at__gte=start, created_at__lt=end)
    if communes is not None:
        ratings = ratings.filter(commune__in=communes)
    zone = timezone.get_default_timezone()
    rows = (
        ratings.order_by()
        .annotate(month=TruncMonth("created_at", tzinfo=zone))
        .values("month")
        .annotate(**rating_count_annotations())
        .order_by("-month")
    )
    return [MonthFigures(**{**row, "month": _as_date(row["month"], zone)}) for row in rows]


def _as_date(month, zone) -> date:
    if timezone.is_aware(month):
        return timezone.localtime(month, zone).date()
    return month.date() if hasattr(month, "date") else month
