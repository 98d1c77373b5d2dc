"""The one-stop office (bộ phận một cửa): where it is, when it is open, what
a visitor finds there and who sits at which counter."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site

from home.models import CommuneSettings, SectionPage
from home.sections import section_links

from ..forms import OfficePageForm
from .directory import Official


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
        context["dossier_lookup"] = section_links(self, request, "dossier_lookup").get(
            "dossier_lookup"
        )
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
