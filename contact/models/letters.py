"""Letters of the commune to residents (forms 01-04 of the district's plan)
and their register.

Numbering: one register per commune and calendar year for all its letters,
as a commune's clerk numbers outgoing "thư công" (TC, Decree 30/2020/NĐ-CP):
the n-th letter of the year is "Số: n/TC-UBND", and the register shows the
year beside it. A number is given when the letter is first saved through
``contact.letters.save_letter`` (every writer calls it; the model's ``save()``
is plain) and never changes; letters are not deleted by commune editors, so
the register has no gaps they could make.
"""

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..letter_texts import DEFAULT_FUNERAL_RULES, DEFAULT_WEDDING_COMMITMENT

REGISTER_SYMBOL = "TC-UBND"


class LetterKind(models.TextChoices):
    THANK_YOU = "thank_you", _("Thank-you letter (form 01)")
    APOLOGY = "apology", _("Apology letter (form 02)")
    MARRIAGE = "marriage", _("Congratulations on a marriage (form 03)")
    BIRTH = "birth", _("Congratulations on a birth (form 03)")
    CONDOLENCE = "condolence", _("Condolence letter (form 04)")


# Letters that name a resident's misfortune or a fault of the commune: they
# never appear on any public page, whatever is recorded about consent.
PRIVATE_KINDS = {LetterKind.APOLOGY, LetterKind.CONDOLENCE}


class LetterQuerySet(models.QuerySet):
    def published_thanks(self) -> "LetterQuerySet":
        """Thank-you letters whose recipient agreed to be named publicly."""
        return self.filter(
            kind=LetterKind.THANK_YOU, consent_to_publish=True, publish_on_thanks_page=True
        )


class Letter(models.Model):
    """A letter of the People's Committee to a resident or organisation, filled
    from its kind's template and registered with a number."""

    commune = models.ForeignKey(
        "home.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("kind of letter"), max_length=20, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    recipient_name = models.CharField(
        _("recipient"),
        max_length=200,
        help_text=_(
            "As written after “Kính gửi”, e.g. “Ông Nguyễn Văn An” or “Gia đình bà Lê Thị Hoa”."
        ),
    )
    recipient_address = models.CharField(
        pgettext_lazy("letter", "recipient's address"), max_length=250, blank=True
    )
    reason = models.TextField(
        _("occasion or reason"),
        help_text=_(
            "Thank-you: what was contributed. Apology: what was late or poorly handled. "
            "Marriage: the couple and the date. Birth: the baby's name and date of birth. "
            "Condolence: the deceased's name, age and date of death."
        ),
    )
    personal_message = models.TextField(
        _("personal words"),
        blank=True,
        help_text=_("Optional sentences added after the template's text."),
    )
    letter_date = models.DateField(_("date of the letter"), default=timezone.localdate)
    new_appointment_date = models.DateField(
        _("new appointment date"),
        null=True,
        blank=True,
        help_text=_(
            "Apology letters: the day the result will now be returned. Filled from the "
            "dossier when it has one."
        ),
    )
    signer = models.ForeignKey(
        "contact.Official",
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A leader of the commune, from the officials' directory."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    signer_post = models.CharField(_("signer's post"), max_length=20, blank=True, editable=False)
    consent_to_publish = models.BooleanField(
        _("the recipient agreed to be named publicly"),
        default=False,
        help_text=_("Thank-you letters only. Record how and when in the note below."),
    )
    consent_note = models.CharField(
        _("how consent was given"),
        max_length=250,
        blank=True,
        help_text=_("e.g. “Đồng ý bằng văn bản ngày 12/11/2026”."),
    )
    publish_on_thanks_page = models.BooleanField(
        _("show on the thank-you page"),
        default=False,
        help_text=_("Shows the recipient's name, contribution and the date, never the address."),
    )
    drafted_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = LetterQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("kind")]),
        MultiFieldPanel(
            [FieldPanel("recipient_name"), FieldPanel("recipient_address")],
            heading=_("Recipient"),
        ),
        FieldPanel("reason"),
        FieldPanel("new_appointment_date"),
        FieldPanel("personal_message"),
        FieldRowPanel([FieldPanel("letter_date"), FieldPanel("signer")]),
        MultiFieldPanel(
            [
                FieldPanel("consent_to_publish"),
                FieldPanel("consent_note"),
                FieldPanel("publish_on_thanks_page"),
            ],
            heading=_("Thank-you page"),
        ),
    ]

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="news_letter_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.reference} – {self.get_kind_display()} – {self.recipient_name}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{REGISTER_SYMBOL}" if self.number else ""

    @property
    def register_entry(self) -> str:
        return f"{self.reference} ({self.year})" if self.number else ""

    @property
    def is_private(self) -> bool:
        return self.kind in PRIVATE_KINDS

    def clean(self):
        super().clean()
        errors = {}
        if self.kind != LetterKind.THANK_YOU and (
            self.consent_to_publish or self.publish_on_thanks_page
        ):
            errors["publish_on_thanks_page"] = _("Only thank-you letters can be published.")
        elif self.publish_on_thanks_page and not self.consent_to_publish:
            errors["publish_on_thanks_page"] = _(
                "Record the recipient's consent before publishing their name."
            )
        elif self.consent_to_publish and not self.consent_note.strip():
            errors["consent_note"] = _("Say how and when the recipient gave consent.")
        if self.signer_id and self.commune_id and self.signer.commune_id != self.commune_id:
            errors["signer"] = _("Choose a leader of this commune.")
        if self.new_appointment_date and self.kind != LetterKind.APOLOGY:
            errors["new_appointment_date"] = _("Only apology letters give a new appointment.")
        if errors:
            raise ValidationError(errors)


@register_setting(icon="doc-full")
class LetterSettings(BaseSiteSetting):
    """The commune's own rules that go with its letters: the rules for a
    civilised funeral (with condolence letters) and the civilised-wedding
    commitment (with marriage congratulations). Start from the district's text."""

    funeral_rules = models.TextField(
        _("rules for a civilised funeral"),
        default=DEFAULT_FUNERAL_RULES,
        help_text=_("Printed with every condolence letter. One rule per line."),
    )
    wedding_commitment = models.TextField(
        _("civilised-wedding commitment"),
        default=DEFAULT_WEDDING_COMMITMENT,
        help_text=_("Printed with every marriage congratulation. One point per line."),
    )

    panels = [FieldPanel("funeral_rules"), FieldPanel("wedding_commitment")]

    class Meta:
        verbose_name = _("letter attachments")

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]
