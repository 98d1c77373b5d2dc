"""Admin screens of the district app, and its part in provisioning, demo
content and the roles' permissions."""

from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from home.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSet
from procedures.wagtail_hooks import DistrictAdminMenuItem

from . import views
from .admin import ApologyLetterPanel, DossierFilterSet
from .models import CommuneLaunch, CriterionProgress, Dossier, DossierLookupPage, SmsMessage

LOOKUP_SLUG = "tra-cuu-ho-so"

for _model in (Dossier, SmsMessage, CriterionProgress, CommuneLaunch):
    register_permission_policy(_model, CommuneScopedPermissionPolicy(_model))


class DossierViewSet(CommuneScopedViewSet):
    model = Dossier
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Dossiers")
    list_display = [
        "receipt_code",
        "procedure_name",
        "applicant_name",
        Column("get_status_display", label=gettext_lazy("status")),
        DateColumn("received_on", label=gettext_lazy("received on")),
        DateColumn("appointment_date", label=gettext_lazy("result due on")),
        "commune",
    ]
    filterset_class = DossierFilterSet
    search_fields = ["receipt_code", "applicant_name", "procedure_name"]
    search_backend_name = None
    list_export = [
        "receipt_code",
        "commune",
        "procedure_name",
        "applicant_name",
        "applicant_phone",
        "received_on",
        "appointment_date",
        "status",
        "returned_on",
    ]
    export_filename = "dossiers"
    panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("receipt_code")]),
        FieldRowPanel([FieldPanel("procedure"), FieldPanel("procedure_name")]),
        FieldRowPanel([FieldPanel("applicant_name"), FieldPanel("applicant_phone")]),
        FieldRowPanel(
            [FieldPanel("received_on"), FieldPanel("appointment_date"), FieldPanel("returned_on")]
        ),
        FieldPanel("status"),
        FieldPanel("note"),
        FieldPanel("is_example"),
        ApologyLetterPanel(heading=gettext_lazy("Apology letter (form 02)")),
    ]


class SmsMessageViewSet(CommuneScopedViewSet):
    """The delivery log: read, never written, in the admin."""

    model = SmsMessage
    icon = "mobile-alt"
    menu_label = gettext_lazy("Text messages")
    list_display = [
        "dossier",
        "to",
        Column("get_status_display", label=gettext_lazy("status")),
        "segments",
        "attempts",
        DateColumn("created_at", label=gettext_lazy("created at")),
        DateColumn("sent_at", label=gettext_lazy("sent at")),
        "commune",
    ]
    list_filter = ["status", "commune"]
    list_export = ["created_at", "commune", "dossier", "to", "text", "segments", "status"]
    export_filename = "text-messages"
    inspect_view_enabled = True
    form_fields = ["status"]


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
        DossierViewSet("dossiers"),
        SmsMessageViewSet("sms_messages"),
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
        path("district/dossiers/import/", views.import_view, name="district_dossier_import"),
        path("district/merge/", views.merge_view, name="district_merge"),
    ]


class DossierImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("district.add_dossier")


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return MenuItem(
        gettext_lazy("District dashboard"),
        reverse("district_dashboard"),
        icon_name="table",
        order=225,
    )


@hooks.register("register_admin_menu_item")
def register_dossier_import_menu_item():
    return DossierImportMenuItem(
        gettext_lazy("Import dossiers"),
        reverse("district_dossier_import"),
        icon_name="upload",
        order=231,
    )


@hooks.register("register_admin_menu_item")
def register_merge_menu_item():
    return DistrictAdminMenuItem(
        gettext_lazy("Merge communes"), reverse("district_merge"), icon_name="link", order=232
    )


@hooks.register("commune_editor_permissions")
def commune_editor_district_permissions():
    return [
        "district.add_dossier",
        "district.change_dossier",
        "district.delete_dossier",
        "district.view_smsmessage",
        "district.add_criterionprogress",
        "district.change_criterionprogress",
        "district.view_communelaunch",
    ]


@hooks.register("district_admin_permissions")
def district_admin_district_permissions():
    return [
        "district.add_dossier",
        "district.change_dossier",
        "district.delete_dossier",
        "district.view_smsmessage",
        "district.add_criterionprogress",
        "district.change_criterionprogress",
        "district.delete_criterionprogress",
        "district.add_communelaunch",
        "district.change_communelaunch",
        "district.delete_communelaunch",
    ]


@hooks.register("provision_commune")
def provision_lookup_page(*, commune, home_page, report):
    if DossierLookupPage.objects.child_of(home_page).exists():
        return
    with translation.override(home_page.locale.language_code):
        title = _("Dossier lookup")
        intro = _(
            "Follow your dossier with the receipt code the one-stop counter gave you and "
            "the last four digits of your phone number."
        )
    page = DossierLookupPage(title=title, slug=LOOKUP_SLUG, intro=intro, show_in_menus=False)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    report.record(f"{commune.full_name}: {LOOKUP_SLUG} page created")


@hooks.register("provision_portal")
def provision_criteria(*, portal, report):
    """The plan's criteria are data shipped with the project; loading them
    is idempotent, so provisioning does it every time."""
    from .criteria import load_criteria

    load_criteria(report=report)


@hooks.register("load_demo_content")
def load_demo_district_content(*, report):
    from .demo import load_demo_programme

    load_demo_programme(report)
