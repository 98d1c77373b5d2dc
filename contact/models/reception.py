"""Citizen reception (tiếp công dân) and the chairman's yearly dialogue
with residents."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from home.models import BasePage, CommuneSettings, SectionPage
from home.sections import section_pages

from ..forms import ReceptionPageForm
from ..structured_data import json_for_script
from .directory import Official
from .ratings import RatingKind


class ReceptionPage(SectionPage):
    """Citizen reception (tiếp công dân): who receives citizens and when, the
    rules as downloadable documents, and the dialogue meetings below it."""

    base_form_class = ReceptionPageForm

    place = models.CharField(_("reception place"), max_length=250, blank=True)

    subpage_types = ["contact.DialogueMeetingPage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("place"),
        InlinePanel("slots", heading=_("Reception schedule"), label=_("reception slot")),
        InlinePanel("rule_documents", heading=_("Rules and procedures"), label=_("document")),
    ]

    class Meta:
        verbose_name = _("citizen reception page")
        verbose_name_plural = _("citizen reception pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["slots"] = list(self.slots.select_related("official").order_by("sort_order"))
        context["rule_documents"] = list(
            self.rule_documents.select_related("document").order_by("sort_order")
        )
        meetings = list(DialogueMeetingPage.objects.child_of(self).live().order_by("-starts_at"))
        now = timezone.now()
        context["upcoming_meetings"] = sorted(
            (m for m in meetings if m.starts_at >= now), key=lambda m: m.starts_at
        )
        context["past_meetings"] = [m for m in meetings if m.starts_at < now]
        context["rating_url"] = self.reception_rating_url(request)
        return context

    def reception_rating_url(self, request) -> str | None:
        """The full address of the rating of citizen reception, for the QR
        code printed at the reception room (the plan's III.1.1: "mã QR code
        ... để người dân ... đánh giá trực tiếp hiệu quả công tác tiếp công
        dân"); None while the commune has no live rating page."""
        rating_page = section_pages(self.get_parent(), "rating").get("rating")
        if rating_page is None:
            return None
        rating_page = rating_page.specific
        return request.build_absolute_uri(rating_page.url_for_kind(request, RatingKind.RECEPTION))


class ReceptionSlot(Orderable):
    page = ParentalKey(ReceptionPage, on_delete=models.CASCADE, related_name="slots")
    official = models.ForeignKey(
        Official,
        verbose_name=_("receiving official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    receiver = models.CharField(
        _("received by"),
        max_length=200,
        blank=True,
        help_text=_("Used when no official is chosen, e.g. “Công chức Văn phòng”."),
    )
    days = models.CharField(_("days"), max_length=150, help_text=_("e.g. “Thứ Năm hằng tuần”"))
    hours = models.CharField(_("hours"), max_length=100, help_text=_("e.g. “7:30 – 11:30”"))

    panels = [
        FieldRowPanel([FieldPanel("official"), FieldPanel("receiver")]),
        FieldRowPanel([FieldPanel("days"), FieldPanel("hours")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("reception slot")
        verbose_name_plural = _("reception slots")

    @property
    def receiver_label(self) -> str:
        if self.official:
            return f"{self.official.full_name}, {self.official.position_label}"
        return self.receiver


class RuleKind(models.TextChoices):
    SCHEDULE = "schedule", _("Reception schedule")
    RECEPTION_RULES = "reception", _("Rules for receiving citizens")
    COMPLAINTS = "complaints", _("Handling complaints")
    DENUNCIATIONS = "denunciations", _("Handling denunciations")
    OTHER = "other", _("Other")


class ReceptionDocument(Orderable):
    page = ParentalKey(ReceptionPage, on_delete=models.CASCADE, related_name="rule_documents")
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    title = models.CharField(_("title"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rules document")
        verbose_name_plural = _("rules documents")


class DialogueMeetingPage(BasePage):
    """The chairman's direct dialogue with residents: announced beforehand,
    its outcome published on the same page afterwards."""

    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=250)
    chaired_by = models.CharField(_("chaired by"), max_length=200, blank=True)
    topics = models.TextField(_("topics"), help_text=_("One topic per line."))
    how_to_take_part = models.TextField(_("how to take part"), blank=True)
    outcome = RichTextField(
        _("outcome"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        help_text=_("Fill in after the meeting: answers given and commitments made."),
    )
    outcome_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["contact.ReceptionPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("place"),
                FieldPanel("chaired_by"),
                FieldPanel("topics"),
                FieldPanel("how_to_take_part"),
            ],
            heading=_("Announcement"),
        ),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("outcome_document")], heading=_("Outcome")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("topics"),
        index.SearchField("outcome"),
    ]

    class Meta:
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")

    @property
    def topic_lines(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]

    @property
    def has_taken_place(self) -> bool:
        return self.starts_at < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        settings = CommuneSettings.for_site(site)
        event = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.starts_at.isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {"@type": "Place", "name": self.place, "address": self.place},
            "organizer": {"@type": "GovernmentOrganization", "name": settings.official_name},
        }
        context["json_ld"] = json_for_script(event)
        context["parent"] = self.get_parent()
        return context
