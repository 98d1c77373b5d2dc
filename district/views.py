"""The district's admin screens (dashboard, drill-down, dossier import,
merge) and the citizens' dossier lookup."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from contact import ratelimit
from home.access import communes_for_user, is_district_admin
from home.models import Commune

from .dossiers import find_dossier, import_dossiers, read_dossier_csv
from .exports import export_response
from .figures import COLUMN_LABELS, COLUMNS, dashboard_rows, sort_rows
from .forms import DossierImportForm, DossierLookupForm, MergeForm, PeriodForm
from .merge import MergeError, merge_communes
from .models import Criterion, CriterionProgress, Dossier

HOUR = 3600

# --- Citizens' lookup ---------------------------------------------------------


def dossier_lookup(page, request):
    """Receipt code plus the phone's last four digits. A wrong code and a
    wrong phone get the same answer, so neither can be probed alone; only
    the dossier's own progress is shown, nothing about the applicant."""
    form = DossierLookupForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST":
        if not ratelimit.allow(
            request, "dossier-lookup", limit=settings.LOOKUP_RATE_LIMIT, window=HOUR
        ):
            form.add_error(None, _("Too many look-ups from your connection; try again later."))
            status = 429
        elif form.is_valid():
            commune = Commune.objects.filter(site=Site.find_for_request(request)).first()
            found = commune and find_dossier(
                commune, form.cleaned_data["receipt_code"], form.cleaned_data["phone_last_four"]
            )
            if not found:
                form.add_error(
                    None,
                    _("We found no dossier with this receipt code and these phone digits."),
                )
                status = 404
    context = page.get_context(request)
    context.update(form=form, found=found)
    return TemplateResponse(request, page.get_template(request), context, status=status)


# --- Dashboard ----------------------------------------------------------------


def _period_query(period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def dashboard(request):
    """Every commune the user may see (their own only, for a commune editor)
    against the programme's figures, sortable, exportable for a period."""
    form = PeriodForm(request.GET or None)
    period = form.period()
    rows, total_criteria = dashboard_rows(communes_for_user(request.user), period)
    ordering = request.GET.get("sort", "code")
    rows = sort_rows(rows, ordering)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return export_response(rows, period, total_criteria, export)
    query = _period_query(period)
    columns = []
    for key in COLUMNS:
        descending = ordering == key
        columns.append(
            {
                "key": key,
                "label": COLUMN_LABELS[key],
                "sort_url": "?" + urlencode({**query, "sort": f"-{key}" if descending else key}),
                "aria_sort": "ascending"
                if ordering == key
                else ("descending" if ordering == f"-{key}" else ""),
            }
        )
    return TemplateResponse(
        request,
        "district/admin/dashboard.html",
        {
            "page_title": _("District dashboard"),
            "form": form,
            "period": period,
            "rows": rows,
            "columns": columns,
            "total_criteria": total_criteria,
            "export_csv": "?" + urlencode({**query, "sort": ordering, "export": "csv"}),
            "export_xlsx": "?" + urlencode({**query, "sort": ordering, "export": "xlsx"}),
            "query": urlencode(query),
        },
    )


def commune_detail(request, code):
    """One commune's figures and its progress on every criterion."""
    communes = communes_for_user(request.user).filter(site__isnull=False)
    commune = get_object_or_404(communes, code=code)
    form = PeriodForm(request.GET or None)
    period = form.period()
    rows, total_criteria = dashboard_rows(communes.filter(pk=commune.pk), period)
    progress = {
        p.criterion_id: p
        for p in CriterionProgress.objects.filter(commune=commune).select_related(
            "evidence_document", "evidence_image"
        )
    }
    criteria = list(Criterion.objects.select_related("section"))
    for criterion in criteria:
        criterion.commune_progress = progress.get(criterion.pk)
    return TemplateResponse(
        request,
        "district/admin/commune_detail.html",
        {
            "page_title": commune.full_name,
            "commune": commune,
            "row": rows[0],
            "labels": COLUMN_LABELS,
            "period": period,
            "form": form,
            "criteria": criteria,
            "total_criteria": total_criteria,
            "late_dossiers": Dossier.objects.filter(commune=commune).late().count(),
        },
    )


# --- Dossier import -----------------------------------------------------------


def import_view(request):
    if not request.user.has_perm("district.add_dossier"):
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
        "district/admin/import.html",
        {"page_title": _("Import dossiers"), "form": form, "report": report},
    )


# --- Merge --------------------------------------------------------------------


def merge_view(request):
    if not is_district_admin(request.user):
        raise PermissionDenied
    form = MergeForm(request.POST or None)
    report, error = None, ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = merge_communes(
                sources=[c.slug for c in data["sources"]],
                target=data["target"],
                name=data["name"],
                code=data["code"],
                dry_run=data["dry_run"],
            )
        except MergeError as failure:
            error = str(failure)
    return TemplateResponse(
        request,
        "district/admin/merge.html",
        {"page_title": _("Merge communes"), "form": form, "report": report, "error": error},
    )
