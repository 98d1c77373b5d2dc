"""The typed rows the figures come in: one per commune, one for the total,
one per month of satisfaction. The shares are properties computed from the
counts of the same row, so a share can never disagree with its counts."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from home.models import Commune

from .period import Period


def one_decimal(value: float) -> float:
    """Rounded half up, as a report is read (2.25 → 2.3), not half to even
    as Python's ``round`` does."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def share(part: int, whole: int) -> float | None:
    """Percent with one decimal; None ("—" on the pages) when nothing was
    counted, which is not the same as 0%."""
    return one_decimal(100 * part / whole) if whole else None


def median_days(waits: list[float]) -> float | None:
    """The median of waits in days, one decimal; None without any."""
    return one_decimal(median(waits)) if waits else None


class KindShares:
    """The satisfied share of each kind of rating, from the row's own counts
    of that kind. The plan asks citizens to rate two services, citizen
    reception and the handling of procedures; their shares are read apart
    (Decision 766/QĐ-TTg's index counts the handling of procedures)."""

    procedure_ratings: int
    procedure_satisfied: int
    reception_ratings: int
    reception_satisfied: int

    @property
    def procedure_satisfied_share(self) -> float | None:
        """Satisfied ratings of a procedure's handling, in percent."""
        return share(self.procedure_satisfied, self.procedure_ratings)

    @property
    def reception_satisfied_share(self) -> float | None:
        """Satisfied ratings of citizen reception, in percent."""
        return share(self.reception_satisfied, self.reception_ratings)


@dataclass(frozen=True)
class Figures(KindShares):
    """What citizens gave and got in a period, for one commune or several.

    - ``ratings``: ratings of a visit given in the period, of both kinds.
    - ``satisfied``: of those, the satisfied ones by Decision 766/QĐ-TTg
      (every level but "không hài lòng", ``contact.models.satisfied_q``).
    - ``procedure_ratings``, ``procedure_satisfied``: the same, of the
      ratings of a procedure's handling at the one-stop counter only
      (``contact.models.of_kind_q``).
    - ``reception_ratings``, ``reception_satisfied``: the same, of the
      ratings of citizen reception only.
    - ``feedback_received``: feedback submitted in the period, spam
      excluded (``received_q``: spam is no resident's opinion); rejected
      submissions count.
    - ``answered``: of those, answered by the end of the period
      (``answered_q``); an answer given after the period's end does not
      count in that period, so a past period's figures stay put.
    - ``answered_on_time``: of those, answered on or before the due day
      (``answered_on_time_q``).
    - ``waits``: days from submission to answer of the answered ones, whose
      median is ``median_days_to_answer`` (calendar days, one decimal).
    - ``overdue``: feedback still waiting for its answer after its due day,
      as of the end of the period (``overdue_q``), whenever it was submitted:
      a state, not a flow.
    - ``dossiers_on_time``: dossiers returned to the applicant in the
      period, on or before their appointment day (``returned_on_time_q``).
    - ``dossiers_late``: dossiers late as of the end of the period
      (``late_q``: marked overdue, or open after the appointment day),
      whenever received.
    """

    ratings: int = 0
    satisfied: int = 0
    procedure_ratings: int = 0
    procedure_satisfied: int = 0
    reception_ratings: int = 0
    reception_satisfied: int = 0
    feedback_received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    overdue: int = 0
    dossiers_on_time: int = 0
    dossiers_late: int = 0
    waits: tuple[float, ...] = field(default=(), repr=False)

    @property
    def satisfied_share(self) -> float | None:
        """Satisfied ratings out of all ratings of the period, in percent."""
        return share(self.satisfied, self.ratings)

    @property
    def answer_rate(self) -> float | None:
        """Answered out of received, in percent."""
        return share(self.answered, self.feedback_received)

    @property
    def on_time_rate(self) -> float | None:
        """Answered on time out of **received** (not out of answered), in
        percent. Divided by answered, a commune that answers one submission
        in a hundred, on time, would show 100%: an unanswered resident was
        not answered on time. Both rates share the denominator, so they read
        together ("of 10 received, 8 answered, 5 on time"). Feedback that
        is neither answered nor due yet at the end of the period lowers the
        rate of a period that ends today; it rises as answers come."""
        return share(self.answered_on_time, self.feedback_received)

    @property
    def median_days_to_answer(self) -> float | None:
        return median_days(list(self.waits))


@dataclass(frozen=True)
class Programme:
    """Where a commune stands in the district's programme at the end of the
    period.

    - ``criteria_met``: criteria "met" and confirmed by the district by the
      end of the period (``district.models.met_q``); a proposal does not
      count.
    - ``launch_date``: when its site opened, if recorded.
    - ``procedures_published``: what its catalogue lists today (the
      district's records for communes plus its own; the catalogue keeps no
      history, so this is always today's).
    - ``leadership_phones_complete``: III.1.1's phone numbers are all
      published at the end of the period (as recorded today): the Party
      secretary and deputy, the chairman and vice-chairmen and the six
      civil-servant posts each held, and everyone in them with a phone
      (``missing_published_phones``).
    """

    criteria_met: int
    launch_date: date | None
    procedures_published: int
    leadership_phones_complete: bool


@dataclass(frozen=True)
class CommuneFigures(Figures):
    """One commune's figures for ``period``; ``programme`` only where it
    was asked for (the dashboard), None on the public pages."""

    commune: Commune | None = None
    period: Period | None = None
    programme: Programme | None = None


@dataclass(frozen=True)
class FigureTable:
    """One row per commune (by statistical code) and the total of them all,
    whose shares are computed from the summed counts, never averaged."""

    period: Period
    rows: list[CommuneFigures]
    total: Figures
    criteria_in_plan: int | None = None

    def for_commune(self, commune: Commune) -> CommuneFigures | None:
        return next((row for row in self.rows if row.commune.pk == commune.pk), None)


@dataclass(frozen=True)
class MonthFigures(KindShares):
    """Ratings given in one calendar month (local time) of the period, of
    both kinds and of each."""

    month: date
    ratings: int
    satisfied: int
    procedure_ratings: int = 0
    procedure_satisfied: int = 0
    reception_ratings: int = 0
    reception_satisfied: int = 0

    @property
    def satisfied_share(self) -> float | None:
        return share(self.satisfied, self.ratings)
