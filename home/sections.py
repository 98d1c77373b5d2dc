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
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


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
