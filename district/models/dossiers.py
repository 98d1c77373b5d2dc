"""The dossier register of each commune's one-stop counter, the text
messages sent about dossiers, and the citizens' lookup page."""

from datetime import date

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from contact.phones import PhoneNumberField
from home.models import Commune
from home.scoping import CommuneScopedForm
from theme.models import SectionPage


class DossierStatus(models.TextChoices):
    """The states the one-stop software reports, in its order."""

    RECEIVED = "received", pgettext_lazy("dossier status", "Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("dossier status", "In progress")
    READY = "ready", pgettext_lazy("dossier status", "Result ready")
    RETURNED = "returned", pgettext_lazy("dossier status", "Returned to the applicant")
    OVERDUE = "overdue", pgettext_lazy("dossier status", "Overdue")


OPEN_DOSSIER_STATUSES = [DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS, DossierStatus.OVERDUE]


class DossierQuerySet(models.QuerySet):
    def late(self, on: date | None = None) -> "DossierQuerySet":
        """Marked overdue, or still open after the appointment day."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(status=DossierStatus.OVERDUE)
            | models.Q(status__in=OPEN_DOSSIER_STATUSES, appointment_date__lt=on)
        )


class Dossier(models.Model):
    """One application received at a commune's one-stop counter.

    Saving a dossier in the "ready" state records its text message in the
    same transaction (``district.dossiers.record_status_events``): the
    message exists once per dossier and event, whatever the number of saves.
    """

    base_form_class = CommuneScopedForm

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="dossiers"
    )
    receipt_code = models.CharField(
        _("receipt code"),
        max_length=40,
        help_text=_("As printed on the receipt by the one-stop software."),
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    procedure_name = models.CharField(
        _("procedure name"),
        max_length=300,
        blank=True,
        help_text=_("Filled from the procedure when empty."),
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=120)
    applicant_phone = PhoneNumberField(_("applicant's phone"), blank=True)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    appointment_date = models.DateField(_("result due on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DossierStatus.choices,
        default=DossierStatus.RECEIVED,
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    note = models.TextField(_("internal note"), blank=True)
    is_example = models.BooleanField(_("example entry"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("receipt_code")]),
        FieldRowPanel([FieldPanel("procedure"), FieldPanel("procedure_name")]),
        FieldRowPanel([FieldPanel("applicant_name"), FieldPanel("applicant_phone")]),
        FieldRowPanel(
            [FieldPanel("received_on"), FieldPanel("appointment_date"), FieldPanel("returned_on")]
        ),
        FieldPanel("status"),
        FieldPanel("note"),
        FieldPanel("is_example"),
    ]

    class Meta:
        ordering = ["-received_on", "receipt_code"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "receipt_code"], name="unique_receipt_code_per_commune"
            )
        ]
        indexes = [models.Index(fields=["commune", "status", "appointment_date"])]

    def __str__(self):
        return self.receipt_code

    def save(self, *args, **kwargs):
        from district.dossiers import record_status_events

        if not self.procedure_name and self.procedure_id:
            self.procedure_name = self.procedure.name
        with transaction.atomic():
            super().save(*args, **kwargs)
            record_status_events(self)

    @property
    def is_late(self) -> bool:
        if self.status == DossierStatus.OVERDUE:
            return True
        return self.status in OPEN_DOSSIER_STATUSES and self.appointment_date < timezone.localdate()

    @property
    def phone_last_four(self) -> str:
        return self.applicant_phone[-4:]


class SmsEvent(models.TextChoices):
    READY = "ready", _("Result ready")


class SmsStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("sms status", "Waiting")
    SENDING = "sending", pgettext_lazy("sms status", "Sending")
    SENT = "sent", pgettext_lazy("sms status", "Sent")
    FAILED = "failed", pgettext_lazy("sms status", "Failed, will retry")
    GAVE_UP = "gave_up", pgettext_lazy("sms status", "Failed, given up")
    NO_PHONE = "no_phone", pgettext_lazy("sms status", "No phone number")


class SmsMessage(models.Model):
    """The delivery log: one row per dossier and event, never two (the
    unique constraint is what makes a retried save harmless)."""

    base_form_class = CommuneScopedForm

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="sms_messages"
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="sms_messages"
    )
    event = models.CharField(_("event"), max_length=12, choices=SmsEvent.choices)
    to = models.CharField(_("to"), max_length=20)
    text = models.TextField(_("text"))
    segments = models.PositiveSmallIntegerField(_("segments"))
    status = models.CharField(
        _("status"), max_length=10, choices=SmsStatus.choices, default=SmsStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    reference = models.CharField(_("gateway reference"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("dossier", read_only=True),
                FieldPanel("event", read_only=True),
                FieldPanel("to", read_only=True),
                FieldPanel("text", read_only=True),
                FieldPanel("segments", read_only=True),
                FieldPanel("status", read_only=True),
                FieldPanel("attempts", read_only=True),
                FieldPanel("last_error", read_only=True),
            ]
        )
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "event"], name="one_sms_per_dossier_event")
        ]

    def __str__(self):
        return f"{self.dossier} {self.event} → {self.to}"


class DossierLookupPage(SectionPage):
    """Where a citizen follows a dossier with the receipt code and the last
    four digits of the phone given at the counter (``/tra-cuu-ho-so/``)."""

    class Meta:
        verbose_name = _("dossier lookup page")
        verbose_name_plural = _("dossier lookup pages")

    def serve(self, request, *args, **kwargs):
        from district.views import dossier_lookup

        return dossier_lookup(self, request)
