"""Admin screens of the satisfaction survey: the district opens rounds (its
own record, which commune editors cannot reach), and everyone reads the
responses of their own communes (``CommuneScopedViewSet``). Results per
question are the district's screen (``district.survey_views``), since the
figures live there."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from home.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSet

from .models import SurveyResponse, SurveyRound

register_permission_policy(SurveyResponse, CommuneScopedPermissionPolicy(SurveyResponse))


class SurveyRoundViewSet(ModelViewSet):
    """Rounds are the district's: only district admins hold their
    permissions (``home.roles``)."""

    model = SurveyRound
    icon = "list-ul"
    menu_label = gettext_lazy("Survey rounds")
    list_display = [
        "title",
        DateColumn("start_date", label=capfirst(gettext_lazy("first day"))),
        DateColumn("end_date", label=capfirst(gettext_lazy("last day"))),
    ]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("communes", widget=forms.CheckboxSelectMultiple),
    ]


class SurveyResponseViewSet(CommuneScopedViewSet):
    """Responses are read, never written, in the admin."""

    model = SurveyResponse
    icon = "clipboard-list"
    menu_label = gettext_lazy("Survey responses")
    list_display = [
        DateColumn("created_at", label=capfirst(gettext_lazy("time"))),
        "survey_round",
        Column("get_respondent_type_display", label=capfirst(gettext_lazy("respondent"))),
        Column("answers_display", label=capfirst(gettext_lazy("answers"))),
        "commune",
    ]
    list_filter = ["survey_round", "commune", "respondent_type"]
    list_export = ["created_at", "survey_round", "commune", "respondent_type", "answers_display"]
    export_filename = "survey-responses"
    inspect_view_enabled = True
    inspect_view_fields = ["survey_round", "commune", "respondent_type", "created_at"]
    form_fields = ["respondent_type"]

    def get_queryset(self, request):
        return SurveyResponse.objects.select_related("survey_round", "commune").prefetch_related(
            "answers"
        )


class SurveyViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Satisfaction survey")
    menu_icon = "list-ul"
    menu_order = 225
    items = (SurveyRoundViewSet("survey_rounds"), SurveyResponseViewSet("survey_responses"))
