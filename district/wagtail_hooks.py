"""Admin screens of the district app: the programme's criteria progress and
launches, the dashboard and merging communes."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from home.scoping import (
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSet,
    DistrictAdminMenuItem,
    actions_saving_through,
)

from . import survey_views, views
from .forms import CriterionProgressForm
from .models import CommuneLaunch, CriterionProgress
from .progress import save_progress
from .reports import MissingLeadershipPhonesReport

for _model in (CriterionProgress, CommuneLaunch):
    register_permission_policy(_model, CommuneScopedPermissionPolicy(_model))


class CriterionProgressViewSet(CommuneScopedViewSet):
    model = CriterionProgress
    icon = "tasks"
    menu_label = gettext_lazy("Criteria progress")
    list_display = [
        "criterion",
        Column("get_status_display", label=gettext_lazy("status")),
        "date",
        "confirmed",
        "commune",
    ]
    list_filter = ["status", "confirmed", "commune", "criterion__section"]
    list_export = ["commune", "criterion", "status", "evidence_url", "date", "note", "confirmed"]
    export_filename = "criteria-progress"
    base_form_class = CriterionProgressForm


class CommuneLaunchViewSet(CommuneScopedViewSet):
    model = CommuneLaunch
    icon = "date"
    menu_label = gettext_lazy("Launches")
    list_display = [
        "commune",
        DateColumn("launch_date", label=gettext_lazy("launch date")),
        "is_pilot",
    ]
    panels = [
        FieldPanel("commune"),
        MultiFieldPanel([FieldPanel("launch_date"), FieldPanel("is_pilot"), FieldPanel("note")]),
    ]


class DistrictViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("District programme")
    menu_icon = "table"
    menu_order = 230
    items = (
        CriterionProgressViewSet("criterion_progress"),
        CommuneLaunchViewSet("launches"),
    )


@hooks.register("register_admin_viewset")
def register_district_viewsets():
    return DistrictViewSetGroup()


@hooks.register("register_admin_urls")
def register_district_admin_urls():
    return [
        path("district/dashboard/", views.dashboard, name="district_dashboard"),
        path("district/dashboard/<str:code>/", views.commune_detail, name="district_commune"),
        path("district/merge/", views.merge_view, name="district_merge"),
        path("district/survey/", survey_views.survey_admin_results, name="district_survey"),
        path(
            "district/survey/<int:round_id>/",
            survey_views.survey_admin_results,
            name="district_survey_round",
        ),
        path(
            "district/missing-phones/",
            MissingLeadershipPhonesReport.as_view(),
            name="district_missing_phones",
        ),
        path(
            "district/missing-phones/results/",
            MissingLeadershipPhonesReport.as_view(results_only=True),
            name="district_missing_phones_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return MenuItem(
        gettext_lazy("District dashboard"),
        reverse("district_dashboard"),
        icon_name="table",
        order=225,
    )


class SurveyResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(survey_views.VIEW_RESPONSES)


@hooks.register("register_admin_menu_item")
def register_survey_results_menu_item():
    return SurveyResultsMenuItem(
        gettext_lazy("Survey results"), reverse("district_survey"), icon_name="list-ul", order=226
    )


@hooks.register("register_admin_menu_item")
def register_merge_menu_item():
    return DistrictAdminMenuItem(
        gettext_lazy("Merge communes"), reverse("district_merge"), icon_name="link", order=232
    )


@hooks.register("register_reports_menu_item")
def register_missing_phones_report():
    return DistrictAdminMenuItem(
        gettext_lazy("Communes missing officials' phone numbers"),
        reverse("district_missing_phones"),
        icon_name="mobile-alt",
        order=710,
    )


@hooks.register("register_actions")
def save_progress_through_the_service(registry):
    """The admin saves criteria progress as any other writer does, through
    ``district.progress.save_progress``: who may confirm, and the record of
    who confirmed and when."""

    def save(progress, *, user, form):
        return save_progress(progress, user=user, changed=form is None or form.has_changed())

    for action in actions_saving_through(save):
        registry.register(CriterionProgress, action)
