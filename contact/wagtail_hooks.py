"""Admin screens for the directory, the district report, and the contact
pages' part in provisioning and demo content."""

from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from home.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSet
from procedures.wagtail_hooks import DistrictAdminMenuItem

from . import views
from .admin import FeedbackFilterSet, FeedbackHistoryPanel
from .models import (
    ContactPage,
    Feedback,
    FeedbackPage,
    OfficePage,
    Official,
    Rating,
    RatingPage,
    ReceptionPage,
    ReplyTemplate,
    SatisfactionOverviewPage,
)

CONTACT_SLUG = "lien-he"
OFFICE_SLUG = "mot-cua"
RECEPTION_SLUG = "tiep-cong-dan"

FEEDBACK_SLUG = "gop-y"
RATING_SLUG = "danh-gia"
OVERVIEW_SLUG = "hai-long"

for _model in (Official, Feedback, ReplyTemplate, Rating):
    register_permission_policy(_model, CommuneScopedPermissionPolicy(_model))


class OfficialViewSet(CommuneScopedViewSet):
    model = Official
    icon = "group"
    menu_label = gettext_lazy("Officials' directory")
    list_display = [
        "full_name",
        Column("position_label", label=capfirst(gettext_lazy("position"))),
        Column("phone_display", label=capfirst(gettext_lazy("phone"))),
        "commune",
        "term_end",
    ]
    list_filter = ["commune", "post"]
    search_fields = ["full_name", "title", "phone", "email"]
    search_backend_name = None
    ordering = ["commune", "full_name"]


class FeedbackViewSet(CommuneScopedViewSet):
    """Moderation: citizens create submissions, editors never add them."""

    model = Feedback
    icon = "comment"
    menu_label = gettext_lazy("Feedback")
    list_display = [
        "tracking_code",
        "subject",
        Column("get_kind_display", label=capfirst(gettext_lazy("kind"))),
        Column("get_status_display", label=capfirst(gettext_lazy("status"))),
        DateColumn("submitted_at", label=capfirst(gettext_lazy("submitted at"))),
        # A date, not "in 9 days" / "just now": editors plan by the calendar day.
        Column(
            "due_date",
            label=capfirst(gettext_lazy("answer due by")),
            accessor=lambda feedback: date_format(feedback.due_date, "SHORT_DATE_FORMAT"),
            sort_key="due_date",
        ),
        Column("assigned_to", label=capfirst(gettext_lazy("assigned to"))),
        "commune",
    ]
    filterset_class = FeedbackFilterSet
    search_fields = ["tracking_code", "subject", "message", "name"]
    search_backend_name = None
    list_export = [
        "tracking_code",
        "commune",
        "submitted_at",
        "kind",
        "subject",
        "message",
        "status",
        "due_date",
        "answered_at",
        "verified",
        "name",
        "phone",
        "email",
        "answer",
    ]
    export_filename = "feedback"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("tracking_code", read_only=True),
                FieldPanel("commune", read_only=True),
                FieldPanel("kind", read_only=True),
                FieldPanel("subject", read_only=True),
                FieldPanel("message", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("photo", read_only=True),
                FieldPanel("consent_to_publish", read_only=True),
                FieldPanel("verified", read_only=True),
                FieldPanel("submitted_at", read_only=True),
                FieldPanel("due_date", read_only=True),
            ],
            heading=gettext_lazy("What the citizen sent"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("assigned_to"),
                FieldPanel("reason"),
                FieldPanel("reply_template"),
                FieldPanel("answer"),
            ],
            heading=gettext_lazy("Handling"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("published_title"),
                FieldPanel("published_question"),
                FieldPanel("published_answer"),
            ],
            heading=gettext_lazy("Published copy (no personal data)"),
            help_text=gettext_lazy(
                "Filled in with the name, phone numbers and emails removed when you publish; "
                "check and correct it."
            ),
        ),
        FeedbackHistoryPanel(heading=gettext_lazy("History")),
    ]


class ReplyTemplateViewSet(CommuneScopedViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Reply templates")
    list_display = ["title", "commune"]
    search_fields = ["title", "text"]
    search_backend_name = None


class RatingViewSet(CommuneScopedViewSet):
    """Ratings are read, not written, in the admin."""

    model = Rating
    icon = "pick"
    menu_label = gettext_lazy("Ratings")
    list_display = [
        Column("get_level_display", label=capfirst(gettext_lazy("rating"))),
        DateColumn("created_at", label=capfirst(gettext_lazy("time"))),
        "procedure",
        "official",
        "comment",
        "commune",
    ]
    list_filter = ["level", "commune"]
    list_export = ["created_at", "commune", "level", "procedure", "official", "comment"]
    export_filename = "ratings"
    inspect_view_enabled = True
    form_fields = ["level", "comment"]


class ContactViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Citizens")
    menu_icon = "group"
    menu_order = 220
    items = (
        OfficialViewSet("officials"),
        FeedbackViewSet("feedback"),
        ReplyTemplateViewSet("reply_templates"),
        RatingViewSet("ratings"),
    )


@hooks.register("register_admin_viewset")
def register_contact_viewsets():
    return ContactViewSetGroup()


@hooks.register("register_admin_urls")
def register_contact_admin_urls():
    return [
        path(
            "contact/missing-phones/",
            views.MissingLeadershipPhonesReport.as_view(),
            name="contact_missing_phones",
        ),
        path(
            "contact/missing-phones/results/",
            views.MissingLeadershipPhonesReport.as_view(results_only=True),
            name="contact_missing_phones_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_missing_phones_report():
    return DistrictAdminMenuItem(
        gettext_lazy("Communes missing leadership phone numbers"),
        reverse("contact_missing_phones"),
        icon_name="mobile-alt",
        order=710,
    )


@hooks.register("commune_editor_permissions")
def commune_editor_contact_permissions():
    return [
        "contact.add_official",
        "contact.change_official",
        "contact.delete_official",
        "contact.change_feedback",
        "contact.add_replytemplate",
        "contact.change_replytemplate",
        "contact.delete_replytemplate",
        "contact.view_rating",
    ]


@hooks.register("district_admin_permissions")
def district_admin_contact_permissions():
    return [
        "contact.add_official",
        "contact.change_official",
        "contact.delete_official",
        "contact.change_feedback",
        "contact.delete_feedback",
        "contact.add_replytemplate",
        "contact.change_replytemplate",
        "contact.delete_replytemplate",
        "contact.view_rating",
        "contact.delete_rating",
    ]


def contact_pages() -> list[tuple[type, str, str, str, bool]]:
    """(page type, slug, title, introduction, in menu) of the pages every
    commune gets; texts in the home page's language."""
    return [
        (
            ContactPage,
            CONTACT_SLUG,
            _("Contact and directory"),
            _(
                "The phone numbers of the commune's leaders and civil servants: "
                "call the person in charge directly."
            ),
            True,
        ),
        (
            OfficePage,
            OFFICE_SLUG,
            _("One-stop office"),
            _(
                "Where to submit and collect your dossiers, when the office is open "
                "and who serves at each counter."
            ),
            True,
        ),
        (
            FeedbackPage,
            FEEDBACK_SLUG,
            _("Feedback"),
            _(
                "Send the commune a suggestion, report a problem, make a petition or praise "
                "an official. You get a tracking code and an answer within ten working days."
            ),
            True,
        ),
        (
            RatingPage,
            RATING_SLUG,
            _("Rate your visit"),
            _("How were you served at the one-stop office today? It takes ten seconds."),
            False,
        ),
        (
            ReceptionPage,
            RECEPTION_SLUG,
            _("Citizen reception"),
            _(
                "When and where the commune's leaders receive citizens, the rules for "
                "complaints and denunciations, and the yearly dialogue with residents."
            ),
            False,
        ),
    ]


@hooks.register("provision_commune")
def provision_contact_pages(*, commune, home_page, report):
    with translation.override(home_page.locale.language_code):
        pages = contact_pages()
    for page_type, slug, title, intro, in_menu in pages:
        if page_type.objects.child_of(home_page).exists():
            continue
        page = page_type(title=title, slug=slug, intro=intro, show_in_menus=in_menu)
        home_page.add_child(instance=page)
        page.save_revision().publish()
        report.record(f"{commune.full_name}: {slug} page created")


@hooks.register("provision_portal")
def provision_overview_page(*, portal, report):
    if SatisfactionOverviewPage.objects.child_of(portal).exists():
        return
    with translation.override(portal.locale.language_code):
        title = _("Citizens' satisfaction")
        intro = _(
            "How satisfied citizens are with each commune's one-stop office, and how "
            "each commune answers their feedback."
        )
    page = SatisfactionOverviewPage(
        title=title, slug=OVERVIEW_SLUG, intro=intro, show_in_menus=True
    )
    portal.add_child(instance=page)
    page.save_revision().publish()
    report.record(f"portal: {OVERVIEW_SLUG} page created")


@hooks.register("load_demo_content")
def load_demo_contact_content(*, report):
    from .demo import load_demo_directory_and_office

    load_demo_directory_and_office(report)
