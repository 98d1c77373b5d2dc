"""District admins' screens: importing the catalogue and the review report."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.access import is_district_admin

from .forms import ProcedureImportForm
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


def not_reviewed_view(request):
    _require_district_admin(request)
    return TemplateResponse(
        request,
        "procedures/admin/not_reviewed.html",
        {
            "procedures": Procedure.objects.stale().select_related("field"),
            "page_title": _("Procedures not reviewed for 12 months"),
        },
    )
