"""Admin screens of the procedures app: the catalogue (district records,
communes' notes and own procedures, its import and review report) and the
one-stop counter's dossier register with its text messages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from home.scoping import (
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSet,
    DistrictAdminMenuItem,
    actions_saving_through,
)

from . import views
from .admin import ApologyLetterPanel, DossierFilterSet
from .dossiers import save_dossier
from .forms import LocalProcedureNoteForm, ProcedureForm
from .models import Dossier, LocalProcedureNote, Procedure, ProcedureField, SmsMessage

for _model in (Procedure, LocalProcedureNote, Dossier, SmsMessage):
    register_permission_policy(_model, CommuneScopedPermissionPolicy(_model))


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
    base_form_class = ProcedureForm


class LocalProcedureNoteViewSet(CommuneScopedViewSet):
    model = LocalProcedureNote
    icon = "pick"
    menu_label = gettext_lazy("Local notes")
    list_display = ["procedure", "commune", "handled_by", "counter", "phone"]
    list_filter = ["commune"]
    search_fields = ["procedure__code", "procedure__name", "handled_by"]
    search_backend_name = None
    base_form_class = LocalProcedureNoteForm


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
        FieldPanel("new_appointment_date"),
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


class OneStopCounterViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("One-stop counter")
    menu_icon = "folder-open-inverse"
    menu_order = 228
    items = (DossierViewSet("dossiers"), SmsMessageViewSet("sms_messages"))


@hooks.register("register_admin_viewset")
def register_procedure_viewsets():
    return ProcedureViewSetGroup()


@hooks.register("register_admin_viewset")
def register_one_stop_counter_viewsets():
    return OneStopCounterViewSetGroup()


@hooks.register("register_actions")
def save_dossiers_through_the_register(registry):
    """The admin saves dossiers as the import does: with their text messages."""
    for action in actions_saving_through(lambda dossier, **_: save_dossier(dossier)):
        registry.register(Dossier, action)


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
        path("dossiers/import/", views.dossier_import_view, name="procedures_dossier_import"),
    ]


class DossierImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("procedures.add_dossier")


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


@hooks.register("register_admin_menu_item")
def register_dossier_import_menu_item():
    return DossierImportMenuItem(
        gettext_lazy("Import dossiers"),
        reverse("procedures_dossier_import"),
        icon_name="upload",
        order=231,
    )
