"""Admin screens for the catalogue, and the catalogue's part in provisioning."""

from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from home.access import is_district_admin
from home.scoping import CommuneScopedPermissionPolicy, CommuneScopedViewSet

from . import views
from .models import LocalProcedureNote, Procedure, ProcedureField, ProcedureIndexPage

CATALOGUE_SLUG = "thu-tuc"

register_permission_policy(Procedure, CommuneScopedPermissionPolicy(Procedure))
register_permission_policy(LocalProcedureNote, CommuneScopedPermissionPolicy(LocalProcedureNote))


class ProcedureViewSet(CommuneScopedViewSet):
    model = Procedure
    icon = "list-ul"
    menu_label = gettext_lazy("Procedures")
    add_to_admin_menu = False
    list_display = ["code", "name", "field", "commune", "last_reviewed"]
    list_filter = ["field", "commune"]
    search_fields = ["code", "name"]
    search_backend_name = None
    ordering = ["code"]


class LocalProcedureNoteViewSet(CommuneScopedViewSet):
    model = LocalProcedureNote
    icon = "pick"
    menu_label = gettext_lazy("Local notes")
    list_display = ["procedure", "commune", "handled_by", "counter", "phone"]
    list_filter = ["commune"]
    search_fields = ["procedure__code", "procedure__name", "handled_by"]
    search_backend_name = None


class ProcedureFieldViewSet(ModelViewSet):
    """The shared taxonomy: district admins only (plain model permissions)."""

    model = ProcedureField
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Procedure fields")
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]
    copy_view_enabled = False


class ProcedureViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Procedure catalogue")
    menu_icon = "list-ul"
    menu_order = 200
    items = (
        ProcedureViewSet("procedures"),
        LocalProcedureNoteViewSet("procedure_notes"),
        ProcedureFieldViewSet("procedure_fields"),
    )


@hooks.register("register_admin_viewset")
def register_procedure_viewsets():
    return ProcedureViewSetGroup()


@hooks.register("register_admin_urls")
def register_procedure_admin_urls():
    return [
        path("procedures/import/", views.import_view, name="procedures_import"),
        path(
            "procedures/not-reviewed/",
            views.ProceduresNotReviewedReport.as_view(),
            name="procedures_not_reviewed",
        ),
        path(
            "procedures/not-reviewed/results/",
            views.ProceduresNotReviewedReport.as_view(results_only=True),
            name="procedures_not_reviewed_results",
        ),
    ]


class DistrictAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_district_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return DistrictAdminMenuItem(
        gettext_lazy("Import procedures"),
        reverse("procedures_import"),
        icon_name="upload",
        order=210,
    )


@hooks.register("register_reports_menu_item")
def register_not_reviewed_report():
    return DistrictAdminMenuItem(
        gettext_lazy("Procedures not reviewed for 12 months"),
        reverse("procedures_not_reviewed"),
        icon_name="time",
        order=700,
    )


@hooks.register("commune_editor_permissions")
def commune_editor_procedure_permissions():
    return [
        "procedures.add_procedure",
        "procedures.change_procedure",
        "procedures.delete_procedure",
        "procedures.add_localprocedurenote",
        "procedures.change_localprocedurenote",
        "procedures.delete_localprocedurenote",
    ]


@hooks.register("district_admin_permissions")
def district_admin_procedure_permissions():
    return [
        f"procedures.{action}_{model}"
        for action in ("add", "change", "delete")
        for model in ("procedure", "localprocedurenote", "procedurefield")
    ]


@hooks.register("provision_commune")
def provision_catalogue_page(*, commune, home_page, report):
    if ProcedureIndexPage.objects.child_of(home_page).exists():
        return
    with translation.override(home_page.locale.language_code):
        title = _("Administrative procedures")
        intro = _(
            "Every administrative procedure handled at the commune's one-stop counter: "
            "what to bring, how long it takes, what it costs."
        )
    page = ProcedureIndexPage(title=title, slug=CATALOGUE_SLUG, intro=intro, show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    report.record(f"{commune.full_name}: procedure catalogue created")


DEMO_COUNTERS = {
    "1.001193": ("Công chức Tư pháp - Hộ tịch", "Quầy số 1"),
    "1.000894": ("Công chức Tư pháp - Hộ tịch", "Quầy số 1"),
    "2.000815": ("Công chức Tư pháp - Hộ tịch", "Quầy số 2"),
}


@hooks.register("load_demo_content")
def load_demo_procedure_notes(*, report):
    """Example local notes (who handles it, which counter) for every commune."""
    from home.demo import example_contact_details
    from home.models import Commune

    procedures = {p.code: p for p in Procedure.objects.district().filter(code__in=DEMO_COUNTERS)}
    for commune in Commune.objects.filter(site__isnull=False):
        if LocalProcedureNote.objects.filter(commune=commune).exists():
            continue
        phone = example_contact_details(commune)["phone"]
        for code, (handled_by, counter) in DEMO_COUNTERS.items():
            if code in procedures:
                LocalProcedureNote.objects.create(
                    commune=commune,
                    procedure=procedures[code],
                    handled_by=handled_by,
                    counter=counter,
                    phone=phone,
                    note="Thông tin minh họa.",
                )
        report.record(f"{commune.full_name}: example procedure notes")
