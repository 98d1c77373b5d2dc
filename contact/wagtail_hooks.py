"""Admin screens of the contact app: the officials' directory, feedback
moderation, reply templates, ratings, and the letters' register."""

from django.urls import path
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from home.scoping import (
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSet,
    actions_saving_through,
)

from . import letter_views
from .admin import FeedbackFilterSet, FeedbackHistoryPanel, FeedbackPhotoPanel, FeedbackPhotoView
from .forms import FeedbackModerationForm, LetterForm, OfficialForm
from .letters import save_letter
from .models import Feedback, Letter, Official, Rating, ReplyTemplate
from .services import moderate
from .survey_admin import SurveyViewSetGroup

for _model in (Official, Feedback, ReplyTemplate, Rating):
    register_permission_policy(_model, CommuneScopedPermissionPolicy(_model))
letter_policy = CommuneScopedPermissionPolicy(Letter)
register_permission_policy(Letter, letter_policy)


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
    base_form_class = OfficialForm


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
    base_form_class = FeedbackModerationForm
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
                FeedbackPhotoPanel(heading=gettext_lazy("Photo")),
                FieldPanel("consent_to_publish", read_only=True),
                FieldPanel("verified", read_only=True),
                FieldPanel("is_example", read_only=True),
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
                FieldPanel("confirm_published_copy"),
            ],
            heading=gettext_lazy("Published copy (no personal data)"),
            help_text=gettext_lazy(
                "Drafted when you save the answer, with the name, phone numbers and emails "
                "removed. Read and correct it, then choose “Published”, tick the confirmation "
                "and save. Empty a field and save to draft it again."
            ),
        ),
        FeedbackHistoryPanel(heading=gettext_lazy("History")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("photo/<int:pk>/", FeedbackPhotoView.as_view(), name="photo"),
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
        Column("get_kind_display", label=capfirst(gettext_lazy("what is rated"))),
        Column("get_level_display", label=capfirst(gettext_lazy("rating"))),
        DateColumn("created_at", label=capfirst(gettext_lazy("time"))),
        "procedure",
        "official",
        "comment",
        "commune",
    ]
    list_filter = ["kind", "level", "commune"]
    list_export = ["created_at", "commune", "kind", "level", "procedure", "official", "comment"]
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


class LetterViewSet(CommuneScopedViewSet):
    """The letters' register; each letter opens for editing and printing."""

    model = Letter
    icon = "mail"
    menu_label = gettext_lazy("Letters")
    menu_order = 230
    add_to_admin_menu = True
    index_view_class = letter_views.LetterIndexView
    add_view_class = letter_views.LetterCreateView
    edit_view_class = letter_views.LetterEditView
    list_display = [
        Column("register_entry", label=gettext_lazy("Number"), sort_key="number"),
        "kind",
        "recipient_name",
        "letter_date",
        "drafted_by",
    ]
    list_filter = ["commune", "kind", "year"]
    list_export = [
        "year",
        "number",
        "register_entry",
        "kind",
        "recipient_name",
        "recipient_address",
        "letter_date",
        "signer_name",
        "drafted_by",
        "commune",
    ]
    export_headings = {"register_entry": gettext_lazy("Number")}
    export_filename = "so-dang-ky-thu"
    search_fields = ["recipient_name", "reason"]
    search_backend_name = None
    ordering = ["-year", "-number"]
    base_form_class = LetterForm

    @property
    def print_view(self):
        return letter_views.LetterPrintView.as_view(permission_policy=letter_policy)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("print/<int:pk>/", self.print_view, name="print"),
        ]


@hooks.register("register_admin_viewset")
def register_survey_viewsets():
    return SurveyViewSetGroup()


@hooks.register("register_admin_viewset")
def register_contact_viewsets():
    return ContactViewSetGroup()


@hooks.register("register_admin_viewset")
def register_letter_viewset():
    return LetterViewSet("letters")


@hooks.register("register_actions")
def moderate_feedback_through_the_service(registry):
    """The admin's save of a submission goes through ``contact.services.moderate``,
    like any other writer's: history, notices and publication included."""

    def save(feedback, *, user, form):
        return moderate(
            feedback, user=user, before_status=form.original_status, changed=form.changed_data
        )

    for action in actions_saving_through(save):
        registry.register(Feedback, action)


@hooks.register("register_actions")
def save_letters_through_the_register(registry):
    """The admin's drafting and editing screens save letters through
    ``contact.letters.save_letter``, like the demo and any command: a new
    letter is numbered, its drafter and signer recorded."""

    def save(letter, *, user, form):
        return save_letter(letter, user=user)

    for action in actions_saving_through(save):
        registry.register(Letter, action)
