"""Every change of a criterion's or a step's status, with its time and
author, so that a figure can be computed as it stood at the end of any past
period (the six-month and one-year reviews).

Why an event table and not django-simple-history or django-pghistory: the
reviews ask one narrow question, "what was the status (and the district's
confirmation) of this commune's row at this moment?", for two models. One
indexed table answers it for every commune in one query
(``district.figures.compute.criteria_met``). simple-history would copy every
field of both models (evidence, notes) into two more tables and needs its
middleware for the author; pghistory records through PostgreSQL triggers,
while development and most tests run on SQLite. Neither is needed for two
fields, and this table adds no dependency.

Rows are written by the models' ``save`` (``record_change``), whoever saves
them (the admin, the demo, a command, a data migration): a ``QuerySet.update``
bypasses it, so the project never updates statuses in bulk.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Commune


class StatusChange(models.Model):
    """A row's state from ``at`` until the next change: a criterion's
    (status, confirmed by the district) or a step's (status, date done)."""

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_changes",
        help_text=_("Empty for a step the district itself carries out."),
    )
    criterion = models.ForeignKey(
        "district.Criterion",
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    step = models.ForeignKey(
        "district.Step",
        verbose_name=_("step"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    status = models.CharField(_("status"), max_length=12)
    confirmed = models.BooleanField(_("confirmed by the district"), default=False)
    done_on = models.DateField(_("date done"), null=True, blank=True)
    at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(criterion__isnull=True) ^ Q(step__isnull=True),
                name="status_change_of_a_criterion_or_a_step",
            )
        ]
        indexes = [models.Index(fields=["commune", "criterion", "at"])]

    def __str__(self):
        return f"{self.commune}: {self.criterion or self.step} → {self.status} ({self.at:%d/%m/%Y})"


class RecordsStatusChanges(models.Model):
    """Saves a ``StatusChange`` whenever the tracked fields change. The
    writer names the author in ``changed_by`` before saving (the services
    ``save_progress`` and ``save_step_progress`` do)."""

    tracked_fields: tuple[str, ...] = ("status",)
    history_target: str = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        state = self.tracked_state()
        if state != getattr(self, "_recorded_state", None):
            self.record_change()
            self._recorded_state = state

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._recorded_state = instance.tracked_state()
        return instance

    def tracked_state(self) -> tuple:
        return tuple(getattr(self, name) for name in self.tracked_fields)

    def change_time(self):
        return timezone.now()

    def record_change(self) -> StatusChange:
        return StatusChange.objects.create(
            commune_id=self.commune_id,
            **{f"{self.history_target}_id": getattr(self, f"{self.history_target}_id")},
            status=self.status,
            confirmed=getattr(self, "confirmed", False),
            done_on=getattr(self, "done_on", None),
            at=self.change_time(),
            by=getattr(self, "changed_by", None),
        )


class CarriesEvidence(models.Model):
    """What a commune shows for a criterion or a step: a file or a photo
    from its collection and a note (admin forms scope both choosers to the
    commune's collection)."""

    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("evidence file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("evidence photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
