"""The sections every commune's site has, in menu order, and the portal's.

Provisioning walks these lists (``home.services.ensure_sections``): it
creates each section page under a commune's home page once, with its slug,
title and introduction in the home page's language, and never touches it
again. Code that must link to a section (the counter poster's QR codes, the
contact page's links to feedback and rating) finds it here by its key, in
the commune's page tree, so no address is spelt out anywhere.

Page types are named by their ``app_label.ModelName``, as Wagtail's own
``subpage_types`` do: this module sits below the apps that define them.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from theme.menu import MenuGroup, MenuLayout
from theme.navigation import cached_for_navigation


@dataclass(frozen=True)
class Section:
    key: str
    slug: str
    page_type: str
    title: Promise
    intro: Promise | str = ""
    in_menu: bool = False

    @property
    def model(self) -> type[Page]:
        return apps.get_model(self.page_type)

    def existing_page(self, home: Page) -> Page | None:
        """This section's page under the home page, live or not. A type that a
        home may hold once is found by type (the slug may have been renamed);
        a content page, which may repeat, by its slug."""
        pages = self.model.objects.child_of(home)
        if self.model.max_count_per_parent != 1:
            pages = pages.filter(slug=self.slug)
        return pages.first()


COMMUNE_SECTIONS = [
    Section(
        "about",
        "gioi-thieu",
        "home.StandardPage",
        _("About the commune"),
        in_menu=True,
    ),
    Section(
        "catalogue",
        "thu-tuc",
        "procedures.ProcedureIndexPage",
        _("Administrative procedures"),
        _(
            "Every administrative procedure handled at the %(unit)s's one-stop counter: "
            "what to bring, how long it takes, what it costs."
        ),
        in_menu=True,
    ),
    Section(
        "contact",
        "lien-he",
        "contact.ContactPage",
        _("Contact and directory"),
        _(
            "The phone numbers of the %(unit)s's leaders and civil servants: "
            "call the person in charge directly."
        ),
        in_menu=True,
    ),
    Section(
        "office",
        "mot-cua",
        "contact.OfficePage",
        _("One-stop office"),
        _(
            "Where to submit and collect your dossiers, when the office is open "
            "and who serves at each counter."
        ),
        in_menu=True,
    ),
    Section(
        "feedback",
        "gop-y",
        "contact.FeedbackPage",
        _("Feedback"),
        _(
            "Send the %(unit)s a suggestion, report a problem, make a petition or praise "
            "an official. You get a tracking code and an answer within ten working days."
        ),
        in_menu=True,
    ),
    Section(
        "rating",
        "danh-gia",
        "contact.RatingPage",
        _("Rate your visit"),
        _("How were you served at the one-stop office today? It takes ten seconds."),
        in_menu=True,
    ),
    Section(
        "reception",
        "tiep-cong-dan",
        "contact.ReceptionPage",
        _("Citizen reception"),
        _(
            "When and where the %(unit)s's leaders receive citizens, the rules for "
            "complaints and denunciations, and the yearly dialogue with residents."
        ),
        in_menu=True,
    ),
    Section(
        "news",
        "tin-tuc",
        "news.NewsIndexPage",
        _("News"),
        _("News of the %(unit)s's government and life, newest first."),
        in_menu=True,
    ),
    Section(
        "announcements",
        "thong-bao",
        "news.AnnouncementIndexPage",
        _("Announcements"),
        _(
            "Announcements read on the village loudspeakers, with their recordings "
            "when there is one."
        ),
        in_menu=True,
    ),
    Section(
        "greetings",
        "loi-chuc",
        "news.GreetingIndexPage",
        _("Greetings"),
        _("The %(unit)s leaders' greetings to residents on holidays and occasions."),
        in_menu=True,
    ),
    Section(
        "thanks",
        "cam-on",
        "news.ThankYouPage",
        _("Thank you"),
        _(
            "The %(unit)s thanks the people and organisations who contributed to its "
            "development. Named here with their consent."
        ),
        in_menu=True,
    ),
    Section(
        "dossier_lookup",
        "tra-cuu-ho-so",
        "procedures.DossierLookupPage",
        _("Dossier lookup"),
        _(
            "Follow your dossier with the receipt code the one-stop counter gave you and "
            "the last four digits of your phone number."
        ),
        in_menu=True,
    ),
]

PORTAL_SECTIONS = [
    Section(
        "satisfaction",
        "hai-long",
        "district.SatisfactionOverviewPage",
        _("Citizens' satisfaction"),
        _(
            "How satisfied citizens are with each commune's one-stop office, and how "
            "each commune answers their feedback."
        ),
        in_menu=True,
    ),
]

# The menu's groups and the sections each lists, in order (a page in the
# menu that no group names, such as an editor's own content page, goes to the
# last group, after the home link). On a phone one button opens them all.
MENU_GROUPS = [
    ("services", _("Public services"), ["catalogue", "dossier_lookup", "office", "rating"]),
    ("voice", _("Feedback and reception"), ["feedback", "reception", "contact"]),
    ("news", _("News and announcements"), ["news", "announcements", "greetings", "thanks"]),
    ("about", _("About"), ["about", "satisfaction"]),
]
# What a wide screen also shows in the bar itself, in order.
MENU_BAR = [
    "catalogue",
    "dossier_lookup",
    "feedback",
    "reception",
    "contact",
    "news",
    "satisfaction",
]

# The services a commune's home page shows as a grid of links, one tap each
# (what residents come for), with a line saying what each is for.
HOME_SERVICES = {
    "catalogue": _("What to bring, how long it takes, what it costs"),
    "dossier_lookup": _("Is your dossier ready? Check it with its receipt code"),
    "feedback": _("Suggestions, problems, petitions and praise"),
    "rating": _("Tell us how you were served"),
    "reception": _("When the leaders receive citizens"),
    "contact": _("The leaders' and civil servants' phone numbers"),
    "news": _("The latest news and announcements"),
}

SECTIONS_BY_KEY = {section.key: section for section in [*COMMUNE_SECTIONS, *PORTAL_SECTIONS]}


def section_page_types() -> list[str]:
    """What may be created under a commune's home page (``HomePage.subpage_types``)."""
    return list(dict.fromkeys(section.page_type for section in COMMUNE_SECTIONS))


def section_pages(home: Page, *keys: str) -> dict[str, Page]:
    """The live pages of these sections under a home page, by key, in one query.

    A section is found by its page type among the home's children, not by
    its slug: an editor may rename the slug, and the link follows."""
    sections = [SECTIONS_BY_KEY[key] for key in keys]
    content_types = ContentType.objects.get_for_models(*(s.model for s in sections))
    wanted = {content_types[section.model].pk: section for section in sections}
    found: dict[str, Page] = {}
    children = Page.objects.child_of(home).live().filter(content_type__in=wanted)
    for page in children.order_by("path"):
        section = wanted[page.content_type_id]
        if section.model.max_count_per_parent != 1 and page.slug != section.slug:
            continue
        found.setdefault(section.key, page)
    return found


def menu_layout() -> MenuLayout:
    """The theme's menu arranged in these groups (``theme.navigation``),
    registered when the app starts (``home.apps``)."""
    groups = tuple(
        MenuGroup(key, title, tuple(SECTIONS_BY_KEY[section].page_type for section in sections))
        for key, title, sections in MENU_GROUPS
    )
    bar = tuple(SECTIONS_BY_KEY[key].page_type for key in MENU_BAR)
    return MenuLayout(groups=groups, bar_page_types=bar, home_group=MENU_GROUPS[-1][0])


def section_links(page: Page, request, *keys: str) -> dict[str, tuple[str, str]]:
    """(address on the request's site, title) of these sections' live pages
    under the home of ``page`` (the home itself or any page below it), by key:
    what a page links to. Kept with the menu until the next change of the
    page tree, so a link costs no query."""
    home_path = page.path[: 2 * Page.steplen]
    cache_key = f"{home_path}:{translation.get_language()}:{','.join(keys)}"

    def build() -> dict[str, tuple[str, str]]:
        home = page if page.path == home_path else Page.objects.get(path=home_path)
        found = section_pages(home, *keys)
        return {key: (found[key].get_url(request), found[key].title) for key in found}

    return cached_for_navigation("section-links", cache_key, build)


def section_urls(page: Page, request, *keys: str) -> dict[str, str]:
    """The addresses of these sections' live pages, by key (``section_links``)."""
    return {key: url for key, (url, _title) in section_links(page, request, *keys).items()}
