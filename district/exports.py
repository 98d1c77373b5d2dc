"""The dashboard as a file for the 6-month and 1-year reviews: CSV (UTF-8
with a byte-order mark, so that Excel reads Vietnamese) and XLSX (openpyxl,
installed with Wagtail)."""

import csv
import io
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .figures import COLUMN_LABELS, COLUMNS, Period

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headings() -> list[str]:
    return [str(COLUMN_LABELS[key]) for key in COLUMNS]


def cell(row: dict, key: str):
    value = row[key]
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else value


def csv_bytes(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings())
    for row in rows:
        writer.writerow(
            [v.isoformat() if isinstance(v, date) else v for v in (cell(row, k) for k in COLUMNS)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[dict], period: Period, total_criteria: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Communes")[:31]
    sheet.append(
        [
            _("Period"),
            f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}",
            _("Criteria in the plan"),
            total_criteria,
        ]
    )
    sheet.append(headings())
    for cell_ in sheet[2]:
        cell_.font = Font(bold=True)
    for row in rows:
        sheet.append([cell(row, key) for key in COLUMNS])
    for column in sheet.iter_cols(min_row=3, min_col=4, max_col=4):
        for date_cell in column:
            date_cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "C3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(rows: list[dict], period: Period, total_criteria: int, fmt: str):
    name = f"district-dashboard-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(rows, period, total_criteria), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
