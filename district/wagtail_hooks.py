"""Admin screens of the district app: the programme's criteria progress and
launches, the dashboard and merging communes."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from home.scoping import (
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSet,
    DistrictAdminMenuItem,
    actions_saving_through,
)

from . import survey_views, views
from .forms import CriterionProgressForm, StepProgressForm
from .models import CommuneLaunch, Criterion, CriterionProgress, CriterionSection, StepProgress
from .progress import save_progress, save_step_progress
from .reports import MissingLeadershipPhonesReport

for _model in (CriterionProgress, CommuneLaunch, StepProgress):
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


class StepProgressViewSet(CommuneScopedViewSet):
    """The plan's steps (section IV) per commune; a commune editor sees and
    exports their own commune's rows only, never the district's own steps."""

    model = StepProgress
    icon = "list-ol"
    menu_label = gettext_lazy("Steps of the plan")
    list_display = [
        "step",
        Column("get_status_display", label=gettext_lazy("status")),
        DateColumn("done_on", label=gettext_lazy("date done")),
        "commune",
    ]
    list_filter = ["status", "commune", "step"]
    list_export = ["commune", "step", "status", "done_on", "note"]
    export_filename = "steps-progress"
    base_form_class = StepProgressForm


def entered_by_district(queryset):
    return queryset.filter(section__filled_by_district=True)


class PoliceCriteriaIndexView(generic.IndexView):
    def get_base_queryset(self):
        return entered_by_district(super().get_base_queryset())


class EnteredByDistrictMixin:
    """The plan's own criteria are not edited here (their file is the source)."""

    def get_queryset(self):
        return entered_by_district(self.model._default_manager.all())

    def get_base_object_queryset(self):
        return entered_by_district(super().get_base_object_queryset())


class PoliceCriterionEditView(EnteredByDistrictMixin, generic.EditView):
    pass


class PoliceCriterionDeleteView(EnteredByDistrictMixin, generic.DeleteView):
    pass


class PoliceCriterionViewSet(ModelViewSet):
    """The "Công an thân thiện" criteria (V.3), which the plan leaves to the
    district police: district admins enter them here (plain model
    permissions, as for the procedure fields). The plan's own criteria come
    from ``district/data/criteria.json`` and are not listed here."""

    model = Criterion
    icon = "pick"
    menu_label = gettext_lazy("Friendly police criteria")
    form_fields = ["section", "code", "requirement", "agency", "means", "sort_order"]
    list_display = ["code", "requirement", "agency"]
    copy_view_enabled = False
    index_view_class = PoliceCriteriaIndexView
    edit_view_class = PoliceCriterionEditView
    delete_view_class = PoliceCriterionDeleteView

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        sections = CriterionSection.objects.filter(filled_by_district=True)

        class PoliceCriterionForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["section"].queryset = sections

        return PoliceCriterionForm


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
        StepProgressViewSet("step_progress"),
        CommuneLaunchViewSet("launches"),
        PoliceCriterionViewSet("police_criteria"),
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


@hooks.register("register_actions")
def save_step_progress_through_the_service(registry):
    """Steps are saved with their author, as the history needs."""

    def save(progress, *, user, form):
        return save_step_progress(progress, user=user)

    for action in actions_saving_through(save):
        registry.register(StepProgress, action)
