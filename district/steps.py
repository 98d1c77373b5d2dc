"""Where every commune (and the district) stands on the plan's steps, read
once for the dashboard, the commune page and the reminders: a step with no
progress row yet is "not started", and late once its deadline has passed."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from home.models import Commune
from home.rules import matches

from .models import Step, StepLevel, StepProgress, StepStatus
from .models.steps import step_late_q, step_overdue_q


@dataclass(frozen=True)
class StepLine:
    """One step of one commune (``commune`` None: the district's own)."""

    commune: Commune | None
    step: Step
    progress: StepProgress | None
    late: bool
    overdue: bool

    @property
    def status_label(self) -> str:
        if self.progress is None:
            return StepStatus.NOT_STARTED.label
        return self.progress.get_status_display()


def _line(commune, step, progress, on: date) -> StepLine:
    if progress is None:
        passed = step.deadline < on
        return StepLine(commune, step, None, late=passed, overdue=passed)
    return StepLine(
        commune,
        step,
        progress,
        late=matches(progress, step_late_q(on)),
        overdue=matches(progress, step_overdue_q(on)),
    )


def step_lines(communes, *, with_district: bool, on: date | None = None) -> list[StepLine]:
    """Every commune step of each of ``communes``, then (``with_district``)
    the district's own steps, in the plan's order. Two queries."""
    on = on or timezone.localdate()
    communes = list(communes)
    steps = list(Step.objects.all())
    rows = StepProgress.objects.select_related("step", "evidence_document", "evidence_image")
    found = {
        (p.commune_id, p.step_id): p
        for p in rows.filter(commune__in=communes)
        | (rows.filter(commune__isnull=True) if with_district else rows.none())
    }
    lines = [
        _line(commune, step, found.get((commune.pk, step.pk)), on)
        for commune in communes
        for step in steps
        if step.level == StepLevel.COMMUNE
    ]
    if with_district:
        lines += [
            _line(None, step, found.get((None, step.pk)), on)
            for step in steps
            if step.level == StepLevel.DISTRICT
        ]
    return lines
