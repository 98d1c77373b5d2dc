"""The commune registry, the commune and district home pages, commune settings."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Collection, Page, Site
from wagtail.search import index

from theme.blocks import BaseStreamBlock
from theme.models import BasePage


class UnitKind(models.TextChoices):
    """Administrative level of a unit, as written in its official name."""

    COMMUNE = "xa", _("Commune")
    TOWN = "thi_tran", _("Town")
    DISTRICT = "huyen", _("District")


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
    subpage_types = [
        "home.StandardPage",
        "procedures.ProcedureIndexPage",
        "contact.ContactPage",
        "contact.OfficePage",
        "contact.ReceptionPage",
        "contact.FeedbackPage",
        "contact.RatingPage",
        "news.NewsIndexPage",
        "news.AnnouncementIndexPage",
        "news.GreetingIndexPage",
        "news.ThankYouPage",
        "district.DossierLookupPage",
    ]

    class Meta:
        verbose_name = _("commune home page")
        verbose_name_plural = _("commune home pages")


class StandardPage(IntroBodyPage):
    """An ordinary content page of a commune (about the commune, rules, …)."""

    parent_page_types = ["home.HomePage", "home.StandardPage", "home.DistrictHomePage"]
    subpage_types = ["home.StandardPage"]

    search_fields = [*IntroBodyPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class DistrictHomePage(IntroBodyPage):
    """The district portal's home: every commune with a link to its own site."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "contact.SatisfactionOverviewPage"]
    max_count = 1

    class Meta:
        verbose_name = _("district portal home page")
        verbose_name_plural = _("district portal home pages")

    def get_context(self, request, *args, **kwargs):
        from contact.stats import commune_figures

        context = super().get_context(request, *args, **kwargs)
        rows, _total = commune_figures()
        context["communes"] = [row["commune"] for row in rows]
        context["figures"] = rows
        return context


phone_validator = RegexValidator(
    r"^[0-9+().\s-]{8,20}$",
    _("Enter a phone number such as 0204 3881 234 or +84 204 3881 234."),
)


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
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
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
    def cache_key(cls, site_id: int) -> str:
        return f"commune-settings:{site_id}"

    @classmethod
    def for_site(cls, site):
        """Every page reads these; they change rarely, so they are cached per
        site and dropped when saved (see the signal handlers below)."""
        key = cls.cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, timeout=None)
        return instance

    @property
    def opening_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    @property
    def phone_href(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}"


@receiver([post_save, post_delete], sender=CommuneSettings, dispatch_uid="commune-settings-cache")
def forget_cached_settings(sender, instance, **kwargs):
    cache.delete(CommuneSettings.cache_key(instance.site_id))
