"""The dossier register of each commune's one-stop counter, the text
messages sent about dossiers, and the citizens' lookup page."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Site

from home import ratelimit
from home.models import Commune, SectionPage
from home.phones import PhoneNumberField
from home.rules import matches

from ..forms import DossierLookupForm


class DossierStatus(models.TextChoices):
    """The states the one-stop software reports, in its order."""

    RECEIVED = "received", pgettext_lazy("dossier status", "Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("dossier status", "In progress")
    READY = "ready", pgettext_lazy("dossier status", "Result ready")
    RETURNED = "returned", pgettext_lazy("dossier status", "Returned to the applicant")
    OVERDUE = "overdue", pgettext_lazy("dossier status", "Overdue")


OPEN_DOSSIER_STATUSES = [DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS, DossierStatus.OVERDUE]
HOUR = 3600


# --- The rules, written once (``home.rules``): the queryset methods, the
# instance property, the admin filter and the district's figures read these.


def late_q(on: date) -> Q:
    """Late at the end of the day ``on``: received by then and marked
    overdue by the one-stop software, or still open after its appointment
    day (returned only after ``on`` counts as open then). A dossier whose
    result is ready waits for its applicant, not for the commune."""
    still_open = Q(status__in=OPEN_DOSSIER_STATUSES) | Q(
        status=DossierStatus.RETURNED, returned_on__gt=on
    )
    return Q(received_on__lte=on) & (
        Q(status=DossierStatus.OVERDUE) | (still_open & Q(appointment_date__lt=on))
    )


def returned_on_time_q() -> Q:
    """Returned to the applicant on or before its appointment day."""
    return Q(
        status=DossierStatus.RETURNED,
        returned_on__isnull=False,
        returned_on__lte=F("appointment_date"),
    )


class DossierQuerySet(models.QuerySet):
    def matching_receipt(self, *, site, receipt_code: str, last_four: str) -> "Dossier | None":
        """The site's commune's dossier only when both the code and the
        phone's last four digits match; the caller answers the same way for
        either mistake."""
        dossier = (
            self.filter(commune__site=site, receipt_code__iexact=receipt_code.strip())
            .only(
                "receipt_code",
                "procedure_name",
                "received_on",
                "appointment_date",
                "returned_on",
                "status",
                "applicant_phone",
            )
            .first()
        )
        if dossier is None or len(last_four) != 4:
            return None
        return dossier if dossier.applicant_phone.endswith(last_four) else None

    def late(self, on: date | None = None) -> "DossierQuerySet":
        """Late at the end of ``on`` (today by default): ``late_q``."""
        return self.filter(late_q(on or timezone.localdate()))

    def returned_on_time(self) -> "DossierQuerySet":
        return self.filter(returned_on_time_q())


class Dossier(models.Model):
    """One application received at a commune's one-stop counter.

    Every writer (the admin, the CSV import, the demo) saves it through
    ``procedures.dossiers.save_dossier``, which records the text message of
    a "ready" dossier in the same transaction: once per dossier and event,
    whatever the number of saves.
    """

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
    new_appointment_date = models.DateField(
        _("new appointment date"),
        null=True,
        blank=True,
        help_text=_("When a late dossier's result is promised anew; its apology letter gives it."),
    )
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

    @property
    def is_late(self) -> bool:
        """Late today, by ``late_q``."""
        return matches(self, late_q(timezone.localdate()))

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
    EXAMPLE = "example", pgettext_lazy("sms status", "Example entry, never sent")


class SmsMessage(models.Model):
    """The delivery log: one row per dossier and event, never two (the
    unique constraint is what makes a retried save harmless)."""

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
        """Receipt code plus the phone's last four digits. A wrong code and a
        wrong phone get the same answer, so neither can be probed alone; only
        the dossier's own progress is shown, nothing about the applicant."""
        form = DossierLookupForm(request.POST or None)
        found, status = None, 200
        if request.method == "POST":
            if not ratelimit.allow(
                request, "dossier-lookup", limit=settings.LOOKUP_RATE_LIMIT, window=HOUR
            ):
                form.add_error(
                    None, gettext("Too many look-ups from your connection; try again later.")
                )
                status = 429
            elif form.is_valid():
                found = Dossier.objects.matching_receipt(
                    site=Site.find_for_request(request),
                    receipt_code=form.cleaned_data["receipt_code"],
                    last_four=form.cleaned_data["phone_last_four"],
                )
                if found is None:
                    form.add_error(
                        None,
                        gettext(
                            "We found no dossier with this receipt code and these phone digits."
                        ),
                    )
                    status = 404
        context = self.get_context(request)
        context.update(form=form, found=found)
        return TemplateResponse(request, self.get_template(request), context, status=status)
