"""The period every figure is computed for."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included, in the district's time
    zone (Asia/Ho_Chi_Minh): a rating given at 23:30 on the last day
    counts, one at 00:10 the day after does not.

    Flows (ratings given, feedback received) count what happened in the
    period; states (answered, overdue, late, criteria met) are taken "as of"
    the end of its last day.
    """

    start: date
    end: date

    def __post_init__(self):
        if self.start > self.end:
            raise ValueError("A period starts on or before its end.")

    @classmethod
    def last_twelve_months(cls, today: date | None = None) -> "Period":
        """This month so far and the eleven before it, whole calendar months:
        the period of the public pages and the dashboard's default, so that
        the portal, the communes' pages and the district's report agree
        unless someone asks for another period."""
        today = today or timezone.localdate()
        months = today.year * 12 + today.month - 1 - 11
        return cls(start=date(months // 12, months % 12 + 1, 1), end=today)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """Aware datetimes: the first day's local midnight, and the local
        midnight after the last day (excluded): ``start <= t < end``."""
        zone = timezone.get_default_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )
