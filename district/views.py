"""The district's admin screens: the dashboard, its drill-down per commune,
and merging communes."""

from dataclasses import replace
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.access import communes_for_user, is_district_admin

from .exports import export_response
from .figures import COLUMN_LABELS, COLUMN_LIST, dashboard_table, sort_rows
from .forms import MergeForm, PeriodForm
from .merge import MergeError, merge_communes
from .models import Criterion, CriterionProgress
from .steps import step_lines

# --- Dashboard ----------------------------------------------------------------


def _period_query(period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def _cells(row) -> list[dict]:
    """The row's values in the dashboard's column order, with each column's
    kind for the template to format (the exports read the same columns)."""
    return [{"column": column, "value": column.value(row)} for column in COLUMN_LIST[2:]]


def dashboard(request):
    """Every commune the user may see (their own only, for a commune editor)
    against the programme's figures, sortable, exportable for a period."""
    form = PeriodForm(request.GET or None)
    period = form.period()
    table = dashboard_table(communes_for_user(request.user), period)
    ordering = request.GET.get("sort", "code")
    table = replace(table, rows=sort_rows(table.rows, ordering))
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return export_response(table, export)
    query = _period_query(period)
    late_steps = [
        line
        for line in step_lines(
            [row.commune for row in table.rows], with_district=is_district_admin(request.user)
        )
        if line.late
    ]
    columns = []
    for column in COLUMN_LIST:
        key = column.key
        descending = ordering == key
        columns.append(
            {
                "key": key,
                "label": column.label,
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
            "rows": [{"figures": row, "cells": _cells(row)} for row in table.rows],
            "columns": columns,
            "total_criteria": table.criteria_in_plan,
            "late_steps": late_steps,
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
    table = dashboard_table(communes.filter(pk=commune.pk), period)
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
            "cells": _cells(table.rows[0]),
            "labels": COLUMN_LABELS,
            "period": period,
            "form": form,
            "criteria": criteria,
            "total_criteria": table.criteria_in_plan,
            "steps": step_lines([commune], with_district=False),
        },
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
