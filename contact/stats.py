"""Figures the communes publish: ratings and answers to feedback, per
commune and for the whole district, in a fixed number of queries."""

from django.db.models import Count, F, Q

from home.models import Commune

from .models import Feedback, FeedbackStatus, Rating, RatingLevel

ANSWERED = [FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED, FeedbackStatus.CLOSED]


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def commune_figures(communes=None) -> tuple[list[dict], dict]:
    """One row per commune (with a site) and the district total."""
    communes = list(
        (communes if communes is not None else Commune.objects.all())
        .filter(site__isnull=False)
        .select_related("site")
        .order_by("code")
    )
    ratings = {
        row["commune"]: row
        for row in Rating.objects.values("commune").annotate(
            count=Count("pk"), unsatisfied=Count("pk", filter=Q(level=RatingLevel.UNSATISFIED))
        )
    }
    feedback = {
        row["commune"]: row
        for row in Feedback.objects.exclude(status__in=[FeedbackStatus.SPAM])
        .values("commune")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(status__in=ANSWERED)),
            on_time=Count(
                "pk", filter=Q(status__in=ANSWERED, answered_at__date__lte=F("due_date"))
            ),
        )
    }
    rows, total = [], {"count": 0, "unsatisfied": 0, "received": 0, "answered": 0, "on_time": 0}
    for commune in communes:
        rated = ratings.get(commune.pk, {"count": 0, "unsatisfied": 0})
        fed = feedback.get(commune.pk, {"received": 0, "answered": 0, "on_time": 0})
        row = {
            "commune": commune,
            "ratings": rated["count"],
            "satisfied_share": share(rated["count"] - rated["unsatisfied"], rated["count"]),
            "received": fed["received"],
            "answered": fed["answered"],
            "answer_rate": share(fed["answered"], fed["received"]),
            "on_time_rate": share(fed["on_time"], fed["received"]),
        }
        rows.append(row)
        total["count"] += rated["count"]
        total["unsatisfied"] += rated["unsatisfied"]
        for key in ("received", "answered", "on_time"):
            total[key] += fed[key]
    summary = {
        "ratings": total["count"],
        "satisfied_share": share(total["count"] - total["unsatisfied"], total["count"]),
        "received": total["received"],
        "answered": total["answered"],
        "answer_rate": share(total["answered"], total["received"]),
        "on_time_rate": share(total["on_time"], total["received"]),
    }
    return rows, summary
