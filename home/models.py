"""The commune registry, the pages every site is built from (the abstract
base pages, the commune home page, content pages) and commune settings."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Collection, Page, Site, Workflow
from wagtail.search import index

from theme import versions
from theme.blocks import BaseStreamBlock

from .caching.keys import host_version_key
from .forms import BasePageForm
from .phones import PhoneNumberField, format_phone, phone_uri
from .sections import HOME_SERVICES, section_links, section_page_types


def lower_first(name: str) -> str:
    """'Thị trấn Vôi' -> 'thị trấn Vôi', as a unit's name is written mid-sentence."""
    return name[:1].lower() + name[1:]


class UnitKind(models.TextChoices):
    """Administrative level of a unit, as written in its official name."""

    COMMUNE = "xa", _("Commune")
    TOWN = "thi_tran", _("Town")
    WARD = "phuong", _("Ward")
    SPECIAL_ZONE = "dac_khu", _("Special zone")
    DISTRICT = "huyen", _("District")


UNIT_NOUNS = {
    UnitKind.COMMUNE: pgettext_lazy("unit named in a sentence", "commune"),
    UnitKind.TOWN: pgettext_lazy("unit named in a sentence", "town"),
    UnitKind.WARD: pgettext_lazy("unit named in a sentence", "ward"),
    UnitKind.SPECIAL_ZONE: pgettext_lazy("unit named in a sentence", "special zone"),
    UnitKind.DISTRICT: pgettext_lazy("unit named in a sentence", "district"),
}


def unit_noun(kind: str) -> str:
    """How a sentence names a unit of this kind, in the active language:
    "xã", "thị trấn", "phường", "đặc khu" ("commune", "town", "ward",
    "special zone": the island units of the 2025 map). Lower case, as
    written mid-sentence ("UBND thị trấn", "the town's answer"); a sentence
    never says "xã" of a town. Messages take it as ``%(unit)s``."""
    return str(UNIT_NOUNS.get(kind, UNIT_NOUNS[UnitKind.COMMUNE]))


def unit_title(kind: str) -> str:
    """The same noun as a title or at the head of a line: "Thị trấn", "Xã"."""
    return capfirst(unit_noun(kind))


class Commune(models.Model):
    """One commune-level unit of the district, identified by its statistical code.

    The registry row is what survives renames and merges: the ``Site``, home
    page, collection and editors' group hang off it, so that a change of name
    or slug updates them instead of creating new ones.
    """

    code = models.CharField(
        _("statistical code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{5}$", _("Enter the 5-digit statistical code."))],
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=10, choices=UnitKind.choices)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    full_name = models.CharField(_("official name"), max_length=120)
    district = models.CharField(_("district"), max_length=120, blank=True)
    province = models.CharField(_("province"), max_length=120, blank=True)
    site = models.OneToOneField(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commune",
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editors_group = models.OneToOneField(
        Group,
        verbose_name=_("editors' group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commune",
    )
    approvers_group = models.OneToOneField(
        Group,
        verbose_name=_("approvers' group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approving_commune",
        help_text=_("The chairman or the office chief: they approve what editors publish."),
    )
    approval_workflow = models.OneToOneField(
        Workflow,
        verbose_name=_("approval workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commune",
    )
    approval_required = models.BooleanField(
        _("news, announcements, greetings and answers need approval"),
        default=True,
        help_text=_(
            "On: editors submit, the commune's approvers publish. Set by the district "
            "(manage.py commune_approval)."
        ),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        help_text=_("Set by the merge: the commune no longer has a site of its own."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        permissions = [("manage_all_communes", _("Can manage every commune"))]

    def __str__(self):
        return self.full_name

    @property
    def name_in_sentence(self) -> str:
        """The official name as written mid-sentence: "thị trấn Vôi", "xã Tân Thanh"."""
        return lower_first(self.full_name)

    @property
    def unit_noun(self) -> str:
        """ "thị trấn" for Vôi, "xã" for Tân Thanh (``unit_noun``)."""
        return unit_noun(self.kind)

    @property
    def unit_title(self) -> str:
        return unit_title(self.kind)


class BasePage(Page):
    """What every page shares: a social image for Facebook and Zalo previews,
    and the admin form that keeps a commune's pages to its own files.

    The meta description is Wagtail's own ``search_description``.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a link to this page is shared on Facebook or Zalo."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    base_form_class = BasePageForm

    class Meta:
        abstract = True


class SectionPage(BasePage):
    """A section every commune has once, right under its home page (contact,
    catalogue, feedback, news…), opened by a short introduction. Subclasses
    add their own fields and panels, and the page types allowed below them.
    Which sections a commune has, in which order, is ``home.sections``."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True


class IntroBodyPage(BasePage):
    """A page made of a short introduction and a body of blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True


class HomePage(IntroBodyPage):
    """A commune's home page: the root of that commune's site."""

    parent_page_types = ["wagtailcore.Page"]
    # The sections every commune has (``home.sections``), declared once.
    subpage_types = section_page_types()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.services(request)
        return context

    def services(self, request) -> list[dict]:
        """The grid of services under the title: what residents come for,
        each one tap from the home page, found in the page tree."""
        links = section_links(self, request, *HOME_SERVICES)
        return [
            {"key": key, "url": links[key][0], "title": links[key][1], "hint": hint}
            for key, hint in HOME_SERVICES.items()
            if key in links
        ]

    class Meta:
        verbose_name = _("commune home page")
        verbose_name_plural = _("commune home pages")


class StandardPage(IntroBodyPage):
    """An ordinary content page of a commune (about the commune, rules, …)."""

    parent_page_types = ["home.HomePage", "home.StandardPage", "district.DistrictHomePage"]
    subpage_types = ["home.StandardPage"]

    search_fields = [*IntroBodyPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


# Settings left behind by a purge are no longer read; they go after a day.
SETTINGS_CACHE_SECONDS = 24 * 60 * 60


@register_setting(icon="home")
class CommuneSettings(BaseSiteSetting):
    """Per-site facts shown in every page's header and footer.

    Name, type and code are kept in step with the registry by provisioning;
    editors of the commune fill in the contact details.
    """

    official_name = models.CharField(_("official name"), max_length=120)
    kind = models.CharField(_("type"), max_length=10, choices=UnitKind.choices)
    statistical_code = models.CharField(_("statistical code"), max_length=5, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    zalo_url = models.URLField(_("Zalo page"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per period, e.g. “Thứ Hai – Thứ Sáu: 7:30 – 17:00”."),
    )
    details_are_examples = models.BooleanField(
        _("contact details are examples"),
        default=False,
        help_text=_("Shows a notice that the contact details are not yet the real ones."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("official_name", read_only=True),
                FieldPanel("kind", read_only=True),
                FieldPanel("statistical_code", read_only=True),
            ],
            heading=_("Identity"),
            help_text=_("Kept in step with the district's commune registry."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("zalo_url"),
                FieldPanel("facebook_url"),
                FieldPanel("opening_hours"),
                FieldPanel("details_are_examples"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("commune settings")

    @classmethod
    def cache_key(cls, site) -> str:
        """Under the site's page-cache counter: whatever purges the site's
        pages (a save of these settings does, ``home.cache_targets``)
        forgets them too."""
        version = versions.current(host_version_key(site.hostname))
        return f"commune-settings:{version}:{site.pk}"

    @classmethod
    def for_site(cls, site):
        """Every page reads these; they change rarely, so they are cached per site."""
        key = cls.cache_key(site)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, timeout=SETTINGS_CACHE_SECONDS)
        return instance

    @property
    def is_portal(self) -> bool:
        """The settings of the oversight unit's portal, not of a commune."""
        return self.kind == UnitKind.DISTRICT

    @property
    def unit_noun(self) -> str:
        """How the site's own sentences name its unit (``unit_noun``):
        templates write ``{% blocktranslate with unit=identity.unit_noun %}``."""
        return unit_noun(self.kind)

    @property
    def unit_title(self) -> str:
        return unit_title(self.kind)

    @property
    def opening_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def phone_href(self) -> str:
        return phone_uri(self.phone)
