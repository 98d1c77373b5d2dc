"""Admin screens of the procedures app: importing the catalogue and the
review report (district admins), importing a commune's dossiers (its editors)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from home.access import is_district_admin
from home.exports import NeutralisedCsvExportMixin

from .dossiers import import_dossiers, read_dossier_csv
from .forms import DossierImportForm, ProcedureImportForm
from .models import Procedure
from .services import ProcedureFileError, import_procedures, read_procedure_file


def _require_district_admin(request):
    if not is_district_admin(request.user):
        raise PermissionDenied


def import_view(request):
    _require_district_admin(request)
    report, file_error = None, None
    form = ProcedureImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_procedure_file(upload.read(), upload.name)
        except ProcedureFileError as error:
            file_error = str(error)
        else:
            report = import_procedures(rows=rows, dry_run=form.cleaned_data["dry_run"])
    return TemplateResponse(
        request,
        "procedures/admin/import.html",
        {
            "form": form,
            "report": report,
            "file_error": file_error,
            "page_title": _("Import procedures"),
        },
    )


class ProceduresNotReviewedReport(NeutralisedCsvExportMixin, ReportView):
    """District records nobody has reviewed in the last 12 months, oldest first,
    exportable to CSV and XLSX like Wagtail's own reports."""

    page_title = gettext_lazy("Procedures not reviewed for 12 months")
    header_icon = "time"
    index_url_name = "procedures_not_reviewed"
    index_results_url_name = "procedures_not_reviewed_results"
    list_export = ["code", "name", "field", "last_reviewed"]
    export_headings = {
        "code": gettext_lazy("National code"),
        "name": gettext_lazy("Name"),
        "field": gettext_lazy("Field"),
        "last_reviewed": gettext_lazy("Last reviewed"),
    }
    columns = [
        Column("code", label=gettext_lazy("National code")),
        TitleColumn("name", label=gettext_lazy("Name"), url_name="procedures:edit"),
        Column("field", label=gettext_lazy("Field")),
        DateColumn("last_reviewed", label=gettext_lazy("Last reviewed")),
    ]

    def dispatch(self, request, *args, **kwargs):
        _require_district_admin(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Procedure.objects.stale().select_related("field")

    def get_filename(self):
        return "procedures-not-reviewed"


def dossier_import_view(request):
    if not request.user.has_perm("procedures.add_dossier"):
        raise PermissionDenied
    form = DossierImportForm(request.POST or None, request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_dossier_csv(upload.read())
        except (UnicodeDecodeError, ValueError):
            form.add_error("file", _("This is not a UTF-8 CSV file."))
        else:
            report = import_dossiers(
                commune=form.cleaned_data["commune"],
                rows=rows,
                dry_run=form.cleaned_data["dry_run"],
            )
    return TemplateResponse(
        request,
        "procedures/admin/dossier_import.html",
        {"page_title": _("Import dossiers"), "form": form, "report": report},
    )
