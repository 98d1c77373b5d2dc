"""Who to call and where to go: the officials' directory, the one-stop
office, citizen reception and the yearly dialogue with residents."""

import json
from datetime import date

from django.db import models
from django.db.models import Case, Prefetch, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from home.models import Commune, CommuneSettings
from theme.models import BasePage, SectionPage

from .forms import FeedbackModerationForm, OfficePageForm, OfficialForm, ReceptionPageForm
from .phones import PhoneNumberField, format_phone, international_phone, phone_uri
from .vcard import official_vcard


class Post(models.TextChoices):
    """The posts of a commune, in the order the directory lists them."""

    PARTY_SECRETARY = "bi_thu", _("Party Secretary")
    DEPUTY_PARTY_SECRETARY = "pho_bi_thu", _("Deputy Party Secretary")
    CHAIRMAN = "chu_tich", _("Chairman of the People's Committee")
    VICE_CHAIRMAN = "pho_chu_tich", _("Vice-Chairman of the People's Committee")
    POLICE_CHIEF = "truong_cong_an", _("Chief of Police")
    OFFICE_STATISTICS = "van_phong", _("Office and Statistics")
    JUSTICE_CIVIL_STATUS = "tu_phap", _("Justice and Civil Status")
    LAND_CONSTRUCTION = "dia_chinh", _("Land Administration and Construction")
    CULTURE_SOCIAL = "van_hoa", _("Culture and Social Affairs")
    FINANCE_ACCOUNTING = "tai_chinh", _("Finance and Accounting")
    MILITARY_COMMANDER = "quan_su", _("Military Commander")
    OTHER = "khac", _("Other")


LEADERSHIP_POSTS = [
    Post.PARTY_SECRETARY,
    Post.DEPUTY_PARTY_SECRETARY,
    Post.CHAIRMAN,
    Post.VICE_CHAIRMAN,
    Post.POLICE_CHIEF,
]
POST_RANK = {post.value: rank for rank, post in enumerate(Post)}


class OfficialQuerySet(models.QuerySet):
    def in_office(self, on: date | None = None) -> "OfficialQuerySet":
        """People whose term covers the day: ended terms disappear from public
        pages without being deleted, future ones appear when they start."""
        on = on or timezone.localdate()
        return self.filter(
            Q(term_start__isnull=True) | Q(term_start__lte=on),
            Q(term_end__isnull=True) | Q(term_end__gte=on),
        )

    def in_directory_order(self) -> "OfficialQuerySet":
        """Leadership first, then civil servants by post, then display order."""
        rank = Case(
            *[When(post=value, then=Value(rank)) for value, rank in POST_RANK.items()],
            output_field=models.IntegerField(),
        )
        return self.annotate(post_rank=rank).order_by("post_rank", "sort_order", "full_name")

    def for_site(self, site: Site) -> "OfficialQuerySet":
        return self.filter(commune__site=site)

    def with_photos(self) -> "OfficialQuerySet":
        """Photo and its renditions in two queries, whatever the number of people."""
        from wagtail.images import get_image_model

        images = get_image_model().objects.prefetch_related("renditions")
        return self.prefetch_related(Prefetch("photo", queryset=images))


class Official(models.Model):
    """One person of a commune's leadership or civil service, with the number
    citizens may call."""

    base_form_class = OfficialForm

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="officials"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    post = models.CharField(_("position"), max_length=20, choices=Post.choices)
    title = models.CharField(
        pgettext_lazy("official", "title"),
        max_length=150,
        blank=True,
        help_text=_("Required for “Other”; otherwise shown instead of the position's name."),
    )
    responsibilities = models.TextField(
        _("areas of responsibility"),
        blank=True,
        help_text=_("What citizens may call this person about, e.g. “Hộ tịch, chứng thực”."),
    )
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(
        _("term ends"),
        null=True,
        blank=True,
        help_text=_("After this day the person no longer appears on the public pages."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("display order"),
        default=0,
        help_text=_("Among people of the same position, smaller numbers come first."),
    )
    is_example = models.BooleanField(
        _("example entry"),
        default=False,
        help_text=_("Shown with an “example” mark until replaced by the real person."),
    )

    objects = OfficialQuerySet.as_manager()

    panels = [
        FieldPanel("commune"),
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("post"), FieldPanel("title")]),
        FieldPanel("responsibilities"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
        FieldPanel("sort_order"),
        FieldPanel("is_example"),
    ]

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["commune", "full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.position_label})"

    @property
    def position_label(self) -> str:
        return self.title or str(self.get_post_display())

    @property
    def is_leadership(self) -> bool:
        return self.post in LEADERSHIP_POSTS

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def phone_href(self) -> str:
        return phone_uri(self.phone)


class ContactPage(RoutablePageMixin, SectionPage):
    """The commune's contact details and its directory of officials, with a
    vCard per person at ``vcard/<id>/``."""

    class Meta:
        verbose_name = _("contact and directory page")
        verbose_name_plural = _("contact and directory pages")

    def officials_for(self, site: Site) -> list[Official]:
        return list(Official.objects.for_site(site).in_office().in_directory_order().with_photos())

    @path("")
    def directory(self, request):
        site = Site.find_for_request(request)
        officials = self.officials_for(site)
        settings = CommuneSettings.for_site(site)
        return self.render(
            request,
            context_overrides={
                "leadership": [person for person in officials if person.is_leadership],
                "civil_servants": [person for person in officials if not person.is_leadership],
                "json_ld": organisation_json_ld(
                    settings,
                    officials,
                    site_url=request.build_absolute_uri("/"),
                    page_url=request.build_absolute_uri(),
                ),
                "has_examples": any(person.is_example for person in officials),
                "related_pages": self.related_pages(),
                "feedback_url": request.build_absolute_uri("/gop-y/"),
                "rating_url": request.build_absolute_uri("/danh-gia/"),
            },
        )

    def related_pages(self) -> list[Page]:
        """The office and reception pages beside this one, in one query."""
        return list(
            Page.objects.sibling_of(self, inclusive=False).live().type(OfficePage, ReceptionPage)
        )

    @path("vcard/<int:pk>/", name="vcard")
    def vcard(self, request, pk):
        site = Site.find_for_request(request)
        person = get_object_or_404(Official.objects.for_site(site).in_office(), pk=pk)
        settings = CommuneSettings.for_site(site)
        response = HttpResponse(
            official_vcard(person, organisation=settings.official_name),
            content_type="text/vcard; charset=utf-8",
        )
        filename = slugify(person.full_name, allow_unicode=False) or f"official-{person.pk}"
        response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
        return response


def organisation_json_ld(settings: CommuneSettings, officials, *, site_url: str, page_url: str):
    """schema.org GovernmentOrganization with a ContactPoint per person who
    has a phone or email, so search engines can show who to call."""
    organisation = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": settings.official_name,
        "url": site_url,
        "mainEntityOfPage": page_url,
    }
    if settings.address:
        organisation["address"] = {
            "@type": "PostalAddress",
            "streetAddress": settings.address,
            "addressCountry": "VN",
        }
    if settings.phone:
        organisation["telephone"] = settings.phone
    if settings.email:
        organisation["email"] = settings.email
    contact_points = []
    for person in officials:
        if not (person.phone or person.email):
            continue
        point = {"@type": "ContactPoint", "name": person.full_name}
        point["contactType"] = person.position_label
        if person.phone:
            point["telephone"] = international_phone(person.phone)
        if person.email:
            point["email"] = person.email
        point["availableLanguage"] = "vi"
        contact_points.append(point)
    if contact_points:
        organisation["contactPoint"] = contact_points
    return json_for_script(organisation)


def json_for_script(data) -> str:
    """JSON safe inside a <script> element: no closing tag or comment can
    be smuggled in through an editor's text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OfficePage(SectionPage):
    """The one-stop office (bộ phận một cửa): where it is, when it is open,
    what a visitor finds there and who sits at which counter."""

    base_form_class = OfficePageForm

    address = models.CharField(
        _("address"),
        max_length=250,
        blank=True,
        help_text=_("Leave empty to use the commune's address."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    location_is_example = models.BooleanField(_("location is an example"), default=False)
    has_wifi = models.BooleanField(_("free Wi-Fi"), default=False)
    wifi_network = models.CharField(_("Wi-Fi network name"), max_length=60, blank=True)
    has_photocopier = models.BooleanField(_("photocopier"), default=False)
    has_waiting_area = models.BooleanField(_("waiting area"), default=False)
    has_drinking_water = models.BooleanField(_("drinking water"), default=False)
    has_reading_shelf = models.BooleanField(_("reading shelf"), default=False)
    has_parking = models.BooleanField(_("parking"), default=False)
    has_step_free_access = models.BooleanField(_("step-free access"), default=False)
    other_facilities = models.TextField(_("other facilities"), blank=True)
    what_to_bring = RichTextField(
        _("what to bring"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("location_is_example"),
            ],
            heading=_("Location"),
        ),
        InlinePanel("opening_periods", heading=_("Opening hours"), label=_("period")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("has_wifi"), FieldPanel("wifi_network")]),
                FieldPanel("has_photocopier"),
                FieldRowPanel(
                    [
                        FieldPanel("has_waiting_area"),
                        FieldPanel("has_drinking_water"),
                        FieldPanel("has_reading_shelf"),
                    ]
                ),
                FieldPanel("has_parking"),
                FieldPanel("has_step_free_access"),
                FieldPanel("other_facilities"),
            ],
            heading=_("Facilities"),
        ),
        FieldPanel("what_to_bring"),
        InlinePanel("counters", heading=_("Counter staff on duty"), label=_("counter")),
    ]

    class Meta:
        verbose_name = _("one-stop office page")
        verbose_name_plural = _("one-stop office pages")

    @property
    def map_url(self) -> str:
        """An OpenStreetMap link: no third-party map is embedded in the page."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    def facilities(self) -> list[str]:
        items = []
        if self.has_wifi:
            items.append(
                _("Free Wi-Fi, network “%(name)s”") % {"name": self.wifi_network}
                if self.wifi_network
                else _("Free Wi-Fi")
            )
        if self.has_photocopier:
            items.append(_("Photocopier"))
        if self.has_waiting_area:
            items.append(_("Waiting area with seats"))
        if self.has_drinking_water:
            items.append(_("Drinking water"))
        if self.has_reading_shelf:
            items.append(_("Reading shelf with newspapers and legal documents"))
        if self.has_parking:
            items.append(_("Parking for motorbikes and bicycles"))
        if self.has_step_free_access:
            items.append(_("Step-free access"))
        items.extend(line.strip() for line in self.other_facilities.splitlines() if line.strip())
        return items

    def weekly_schedule(self) -> list[tuple[str, list]]:
        """(day, periods) for every day of the week, closed days included."""
        by_day: dict[int, list] = {day.value: [] for day in Weekday}
        for period in sorted(self.opening_periods.all(), key=lambda p: (p.weekday, p.opens)):
            by_day[period.weekday].append(period)
        return [(Weekday(day).label, periods) for day, periods in by_day.items()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        settings = CommuneSettings.for_site(site)
        context["office_address"] = self.address or settings.address
        context["counters"] = list(self.counters.select_related("official").order_by("sort_order"))
        return context


class OfficeOpeningPeriod(Orderable):
    page = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")


class OfficeCounter(Orderable):
    """A counter of the one-stop office and the person who staffs it."""

    page = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="counters")
    name = models.CharField(_("counter"), max_length=100, help_text=_("e.g. “Quầy số 1”"))
    official = models.ForeignKey(
        Official,
        verbose_name=_("official on duty"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handles = models.CharField(
        _("handles"), max_length=250, blank=True, help_text=_("e.g. “Hộ tịch, chứng thực”")
    )
    days = models.CharField(_("days on duty"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("official")]),
        FieldRowPanel([FieldPanel("handles"), FieldPanel("days")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("counter")
        verbose_name_plural = _("counters")


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
        return context


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


# --- Feedback (góp ý, phản ánh, kiến nghị) and satisfaction ratings ---------


class FeedbackKind(models.TextChoices):
    SUGGESTION = "gop_y", _("Suggestion")
    REPORT = "phan_anh", _("Report of a problem")
    PETITION = "kien_nghi", _("Petition")
    PRAISE = "khen_ngoi", _("Praise")


class FeedbackStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("feedback status", "New")
    IN_PROGRESS = "in_progress", pgettext_lazy("feedback status", "In progress")
    ANSWERED = "answered", pgettext_lazy("feedback status", "Answered")
    PUBLISHED = "published", pgettext_lazy("feedback status", "Published")
    CLOSED = "closed", pgettext_lazy("feedback status", "Closed")
    SPAM = "spam", pgettext_lazy("feedback status", "Spam")
    REJECTED = "rejected", pgettext_lazy("feedback status", "Rejected")


OPEN_STATUSES = [FeedbackStatus.NEW, FeedbackStatus.IN_PROGRESS]


class FeedbackQuerySet(models.QuerySet):
    def overdue(self, on: date | None = None) -> "FeedbackQuerySet":
        """Still waiting for an answer after the due day."""
        on = on or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES, due_date__lt=on)

    def published(self) -> "FeedbackQuerySet":
        return self.filter(status=FeedbackStatus.PUBLISHED)

    def for_site(self, site: Site) -> "FeedbackQuerySet":
        return self.filter(commune__site=site)


class Feedback(models.Model):
    """One citizen's opinion, stored before anything else happens to it.

    The citizen's own text and contact details are never edited; what is
    published is a separate, scrubbed copy of the question and the answer.
    """

    base_form_class = FeedbackModerationForm

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="feedback"
    )
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=FeedbackKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    name = models.CharField(_("name"), max_length=120)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="feedback/%Y/%m/", blank=True)
    consent_to_publish = models.BooleanField(
        _("agrees to publication without personal data"), default=False
    )
    verified = models.BooleanField(
        _("passed the spam check"),
        default=True,
        help_text=_("False when the reCAPTCHA service could not be reached at submission."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    assigned_to = models.ForeignKey(
        "auth.User",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_template = models.ForeignKey(
        "contact.ReplyTemplate",
        verbose_name=_("start the answer from a template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used only when the answer is empty."),
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_title = models.CharField(_("published title"), max_length=200, blank=True)
    published_question = models.TextField(_("published question"), blank=True)
    published_answer = models.TextField(_("published answer"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Folded (no diacritics) copy of what is published, for citizens' searches.
    search_text = models.TextField(editable=False, blank=True)
    reason = models.CharField(_("reason for spam or rejection"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    due_date = models.DateField(_("answer due by"))

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["commune", "status", "due_date"])]

    def __str__(self):
        return f"{self.tracking_code}: {self.subject}"

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_STATUSES and self.due_date < timezone.localdate()

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.due_date


class FeedbackEvent(models.Model):
    """The history of a submission: who did what, and when."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        "auth.User", verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=40)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("feedback event")
        verbose_name_plural = _("feedback events")

    def __str__(self):
        return f"{self.feedback_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ReplyTemplate(models.Model):
    """A reusable answer; ``{name}`` and ``{code}`` are filled in when used."""

    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reply_templates",
        help_text=_("Empty: offered to every commune."),
    )
    title = models.CharField(pgettext_lazy("template", "title"), max_length=120)
    text = models.TextField(
        _("text"), help_text=_("{name} becomes the citizen's name, {code} the tracking code.")
    )

    panels = [FieldPanel("commune"), FieldPanel("title"), FieldPanel("text")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self):
        return self.title

    def fill(self, feedback: Feedback) -> str:
        return self.text.replace("{name}", feedback.name).replace("{code}", feedback.tracking_code)


class RatingLevel(models.TextChoices):
    """The three-level scale of counter-side rating devices; as in Decision
    766/QĐ-TTg, everything but "unsatisfied" counts as satisfied."""

    VERY_SATISFIED = "rat_hai_long", _("Very satisfied")
    SATISFIED = "hai_long", _("Satisfied")
    UNSATISFIED = "khong_hai_long", _("Unsatisfied")


class RatingQuerySet(models.QuerySet):
    def summary(self) -> dict:
        """Count, satisfied count and share (percent, one decimal), in one query."""
        figures = self.aggregate(
            count=models.Count("pk"),
            unsatisfied=models.Count("pk", filter=Q(level=RatingLevel.UNSATISFIED)),
        )
        count = figures["count"]
        satisfied = count - figures["unsatisfied"]
        share = round(100 * satisfied / count, 1) if count else None
        return {"count": count, "satisfied": satisfied, "share": share}

    def by_month(self) -> list[dict]:
        from django.db.models.functions import TruncMonth

        rows = (
            self.annotate(month=TruncMonth("created_at"))
            .values("month")
            .annotate(
                count=models.Count("pk"),
                unsatisfied=models.Count("pk", filter=Q(level=RatingLevel.UNSATISFIED)),
            )
            .order_by("-month")
        )
        return [
            {
                "month": row["month"],
                "count": row["count"],
                "share": round(100 * (row["count"] - row["unsatisfied"]) / row["count"], 1),
            }
            for row in rows
        ]


class Rating(models.Model):
    """A citizen's rating of a visit to the one-stop counter (no login)."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="ratings"
    )
    level = models.CharField(_("rating"), max_length=16, choices=RatingLevel.choices)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("official who served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ratings",
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return f"{self.get_level_display()} ({self.created_at:%d/%m/%Y})"


class FeedbackPage(RoutablePageMixin, SectionPage):
    """Where citizens send feedback, follow it by tracking code, and read the
    published questions and answers: ``/gop-y/`` and its routes."""

    class Meta:
        verbose_name = _("feedback page")
        verbose_name_plural = _("feedback pages")

    def commune_for(self, request) -> Commune:
        return get_object_or_404(Commune, site=Site.find_for_request(request))

    @path("")
    def feedback_form(self, request):
        from . import views

        return views.feedback_form(self, request)

    @re_path(r"^da-gui/(?P<code>[A-Z0-9]{4}-[A-Z0-9]{4})/$", name="confirmation")
    def confirmation(self, request, code):
        feedback = get_object_or_404(
            Feedback.objects.for_site(Site.find_for_request(request)), tracking_code=code
        )
        return self.render(
            request,
            template="contact/feedback_confirmation.html",
            context_overrides={"feedback": feedback},
        )

    @path("tra-cuu/", name="lookup")
    def lookup(self, request):
        from . import views

        return views.feedback_lookup(self, request)

    @path("hoi-dap/", name="answers")
    def answers(self, request):
        from . import views

        return views.published_answers(self, request)


class RatingPage(RoutablePageMixin, SectionPage):
    """The page the counter poster's QR code opens: rate the visit, then see
    the commune's figures at ``ket-qua/``."""

    class Meta:
        verbose_name = _("rating page")
        verbose_name_plural = _("rating pages")

    @path("")
    def rating_form(self, request):
        from . import views

        return views.rating_form(self, request)

    @path("cam-on/", name="thanks")
    def thanks(self, request):
        return self.render(request, template="contact/rating_thanks.html")

    @path("ket-qua/", name="results")
    def results(self, request):
        ratings = Rating.objects.filter(commune__site=Site.find_for_request(request))
        return self.render(
            request,
            template="contact/rating_results.html",
            context_overrides={"summary": ratings.summary(), "months": ratings.by_month()[:12]},
        )


class SatisfactionOverviewPage(BasePage):
    """The district portal's public figures: every commune's ratings and
    answers to feedback, as the communes publish them."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.DistrictHomePage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("satisfaction overview page")
        verbose_name_plural = _("satisfaction overview pages")

    def get_context(self, request, *args, **kwargs):
        from .stats import commune_figures

        context = super().get_context(request, *args, **kwargs)
        rows, total = commune_figures()
        context.update(
            {"rows": rows, "total": total, "months": Rating.objects.all().by_month()[:12]}
        )
        return context
