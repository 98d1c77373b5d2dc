"""The news section, loudspeaker announcements, greetings and the thank-you page.

Every commune gets one of each index page (see ``news.wagtail_hooks``); the
listings query their own children only, so a commune's pages and feeds carry
nothing of another commune.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from contact.models import Letter
from home.models import BasePage, SectionPage
from theme.pagination import paginate

from ..blocks import ArticleStreamBlock
from ..forms import AnnouncementPageForm, GreetingPageForm
from ..occasions import occasion_choices, occasion_name

NEWS_PER_PAGE = 10
ANNOUNCEMENTS_PER_PAGE = 20
GREETINGS_PER_PAGE = 20
THANKS_PER_PAGE = 30
# About two minutes read aloud on the village loudspeakers.
ANNOUNCEMENT_MAX_CHARS = 1500


def with_image_renditions(queryset):
    """The image joined in and its renditions prefetched: two queries, whatever
    the number of pages."""
    return queryset.select_related("image").prefetch_related("image__renditions")


def unrestricted_children(queryset):
    """Live children of the page being served, without a view restriction of
    their own. Restrictions above them already guard the listing itself
    (Wagtail checks them before serving it), so this replaces ``public()``
    and its extra query with a join."""
    return queryset.live().filter(view_restrictions__isnull=True)


class NewsCategory(models.TextChoices):
    GOVERNMENT = "chinh-quyen", _("Government activities")
    ECONOMY = "kinh-te", _("Economy and agriculture")
    CULTURE = "van-hoa-xa-hoi", _("Culture and society")
    SECURITY = "an-ninh", _("Security and order")
    REFORM = "cai-cach-hanh-chinh", _("Administrative reform")
    OTHER = "khac", _("Other news")


class NewsIndexPage(RoutablePageMixin, SectionPage):
    """The commune's news: articles newest first, ten to a page, filtered by
    category, with RSS and Atom feeds of the latest articles."""

    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def articles(self):
        return unrestricted_children(NewsArticlePage.objects.child_of(self)).order_by(
            "-date", "-pk"
        )

    @path("")
    def listing(self, request):
        articles = self.articles()
        category = request.GET.get("chuyen-muc", "")
        if category in NewsCategory.values:
            articles = articles.filter(category=category)
        else:
            category = ""
        return self.render(
            request,
            context_overrides={
                "articles": paginate(request, with_image_renditions(articles), NEWS_PER_PAGE),
                "categories": NewsCategory.choices,
                "category": category,
            },
        )

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from ..feeds import NewsRssFeed

        return NewsRssFeed()(request, index_page=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from ..feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index_page=self)


class NewsArticlePage(BasePage):
    """One news article: a lead, a main image and a body of blocks."""

    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.CharField(
        _("category"), max_length=30, choices=NewsCategory.choices, default=NewsCategory.GOVERNMENT
    )
    lead = models.TextField(
        _("lead"), max_length=400, help_text=_("Two or three sentences that sum up the article.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("main image: text alternative"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows. Leave empty to use the image's title."),
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def image_alt_text(self) -> str:
        return self.image_alt or (self.image.title if self.image else "")

    @property
    def og_image(self):
        return self.social_image or self.image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parent"] = self.get_parent()
        return context


class AnnouncementIndexPage(RoutablePageMixin, SectionPage):
    """Announcements for the village loudspeakers, newest first, with a
    podcast feed (``podcast/``) that smart-radio systems read."""

    subpage_types = ["news.AnnouncementPage"]

    class Meta:
        verbose_name = _("announcements index page")
        verbose_name_plural = _("announcements index pages")

    def announcements(self):
        announcements = unrestricted_children(AnnouncementPage.objects.child_of(self))
        return announcements.select_related("audio").order_by("-date", "-pk")

    @path("")
    def listing(self, request):
        items = paginate(request, self.announcements(), ANNOUNCEMENTS_PER_PAGE)
        return self.render(request, context_overrides={"announcements": items})

    @path("podcast/", name="podcast")
    def podcast_feed(self, request):
        from ..feeds import AnnouncementPodcastFeed

        return AnnouncementPodcastFeed()(request, index_page=self)


class AnnouncementPage(BasePage):
    """A loudspeaker announcement (thông báo): a text short enough to be read
    aloud, and optionally the recording that the village radios play."""

    base_form_class = AnnouncementPageForm

    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(
        _("text to read aloud"),
        validators=[MaxLengthValidator(ANNOUNCEMENT_MAX_CHARS)],
        help_text=_("At most 1500 characters, about two minutes read aloud."),
    )
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("audio recording"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP3, M4A, OGG or WAV file uploaded to the commune's documents."),
    )

    parent_page_types = ["news.AnnouncementIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("text"),
        FieldPanel("audio"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("text"), index.FilterField("date")]

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    @property
    def text_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    @property
    def reading_minutes(self) -> int:
        """Minutes needed to read the text aloud, at about 130 words a minute."""
        return max(1, round(len(self.text.split()) / 130))


class GreetingIndexPage(SectionPage):
    """The archive of the commune leaders' greetings, newest first."""

    subpage_types = ["news.GreetingPage"]

    class Meta:
        verbose_name = _("greetings archive page")
        verbose_name_plural = _("greetings archive pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        greetings = unrestricted_children(GreetingPage.objects.child_of(self)).started()
        greetings = with_image_renditions(greetings.order_by("-starts_at"))
        context["greetings"] = paginate(request, greetings, GREETINGS_PER_PAGE)
        return context


class GreetingPageQuerySet(PageQuerySet):
    def started(self) -> "GreetingPageQuerySet":
        return self.filter(starts_at__lte=timezone.now())

    def current(self) -> "GreetingPageQuerySet":
        """Greetings for the home page: gone live and not yet expired."""
        now = timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)


class GreetingPage(BasePage):
    """A leader's greeting to residents on a holiday or occasion.

    It is visible from ``starts_at``: before, its address answers 404 even if
    the page was published in advance. Until ``ends_at`` it is shown on the
    commune's home page; afterwards it stays in the archive.
    """

    base_form_class = GreetingPageForm

    occasion = models.CharField(_("occasion"), max_length=60, choices=occasion_choices)
    text = RichTextField(_("greeting"), features=["bold", "italic"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown with the greeting and when it is shared on Facebook or Zalo."),
    )
    signer = models.ForeignKey(
        "contact.Official",
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A leader of the commune, from the officials' directory."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    starts_at = models.DateTimeField(
        _("goes live"),
        default=timezone.now,
        help_text=_("From this moment the greeting is visible and shown on the home page."),
    )
    ends_at = models.DateTimeField(
        _("leaves the home page"),
        help_text=_("After this moment the greeting is only in the archive."),
    )

    objects = PageManager.from_queryset(GreetingPageQuerySet)()

    parent_page_types = ["news.GreetingIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("occasion"),
        FieldPanel("text"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("signer"),
                FieldPanel("signer_name", read_only=True),
                FieldPanel("signer_position", read_only=True),
            ],
            heading=_("Signature"),
            help_text=_(
                "The name and position are kept as they were when the greeting was signed."
            ),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Schedule")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("text")]

    class Meta:
        verbose_name = _("greeting")
        verbose_name_plural = _("greetings")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The greeting must leave the home page after it goes live.")}
            )

    @property
    def occasion_label(self) -> str:
        return occasion_name(self.occasion)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_current(self) -> bool:
        return self.starts_at <= timezone.now() < self.ends_at

    @property
    def og_image(self):
        return self.social_image or self.image

    def serve(self, request, *args, **kwargs):
        if not self.has_started and not getattr(request, "is_preview", False):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.has_started else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parent"] = self.get_parent()
        context["share_url"] = request.build_absolute_uri(self.get_url(request))
        return context


class ThankYouPage(SectionPage):
    """Contributors the commune thanks (form 01), named only with their consent."""

    class Meta:
        verbose_name = _("thank-you page")
        verbose_name_plural = _("thank-you pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        letters = Letter.objects.published_thanks().filter(commune__site=site)
        context["thanks"] = paginate(
            request, letters.order_by("-letter_date", "-pk"), THANKS_PER_PAGE
        )
        return context
