"""The twelve steps of section IV of the plan (CÁC BƯỚC TIẾN HÀNH), and
where each commune (or the district, for its own steps) stands on them."""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from home.models import Commune
from home.rules import matches

from .history import CarriesEvidence, RecordsStatusChanges


class StepLevel(models.TextChoices):
    DISTRICT = "district", _("The district's step")
    COMMUNE = "commune", _("Each commune's step")


class Step(models.Model):
    """One row of the plan's table in section IV, in its words; loaded from
    ``district/data/steps.json`` (``district.steps.load_steps``)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    content = models.TextField(_("content and requirement"))
    deadline_text = models.CharField(_("time in the plan"), max_length=80)
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day the plan allows for the step.")
    )
    unit = models.CharField(_("unit in charge"), max_length=250)
    level = models.CharField(_("carried out by"), max_length=10, choices=StepLevel.choices)
    commune_duty = models.TextField(_("what the commune does (V.4)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return f"{self.number}. {self.content[:80]}"


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("step status", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("step status", "In progress")
    DONE = "done", pgettext_lazy("step status", "Done")


def step_overdue_q(on: date | None = None) -> Q:
    """Past the plan's deadline on ``on`` (today by default) and still not
    done: what the reminders chase."""
    on = on or timezone.localdate()
    return Q(step__deadline__lt=on) & ~Q(status=StepStatus.DONE)


def step_late_q(on: date | None = None) -> Q:
    """Flagged late on the dashboard: overdue, or done after the deadline
    (the reviews count it late). Done with no date given counts as on time."""
    on = on or timezone.localdate()
    done_after = Q(status=StepStatus.DONE, done_on__gt=F("step__deadline"))
    return step_overdue_q(on) | (Q(step__deadline__lt=on) & done_after)


class StepProgressQuerySet(models.QuerySet):
    def late(self, on: date | None = None) -> "StepProgressQuerySet":
        return self.filter(step_late_q(on))

    def overdue(self, on: date | None = None) -> "StepProgressQuerySet":
        return self.filter(step_overdue_q(on))


class StepProgress(RecordsStatusChanges, CarriesEvidence):
    """Where one commune stands on one of its steps, or the district on one
    of its own (``commune`` empty: district admins only), with the date done
    and the evidence: a file or photo from the commune's collection."""

    tracked_fields = ("status", "done_on")
    history_target = "step"

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="step_progress",
        help_text=_("Empty for a step the district itself carries out."),
    )
    step = models.ForeignKey(
        Step, verbose_name=_("step"), on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    done_on = models.DateField(_("date done"), null=True, blank=True)

    objects = StepProgressQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("step")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("done_on")]),
        MultiFieldPanel(
            [FieldPanel("evidence_document"), FieldPanel("evidence_image"), FieldPanel("note")],
            heading=_("Evidence"),
        ),
    ]

    class Meta:
        ordering = ["step__number", "commune"]
        verbose_name = _("step progress")
        verbose_name_plural = _("steps progress")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "step"], name="one_progress_per_commune_step"
            ),
            models.UniqueConstraint(
                fields=["step"],
                condition=Q(commune__isnull=True),
                name="one_progress_per_district_step",
            ),
        ]

    def __str__(self):
        return f"{self.commune or _('District')}: {self.step.number}"

    @property
    def is_late(self) -> bool:
        return matches(self, step_late_q())


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Deadline approaching")
    PASSED = "passed", _("Deadline passed")


class StepReminder(models.Model):
    """A reminder sent, so the daily job sends each one once, and one
    missed on a day the job did not run is sent the next day."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="reminders")
    commune = models.ForeignKey(
        Commune, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("step reminder")
        verbose_name_plural = _("step reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "commune", "kind"], name="one_reminder_per_step_commune_kind"
            ),
            models.UniqueConstraint(
                fields=["step", "kind"],
                condition=Q(commune__isnull=True),
                name="one_reminder_per_district_step_kind",
            ),
        ]

    def __str__(self):
        return f"{self.step.number} {self.commune or '-'} {self.kind}"
