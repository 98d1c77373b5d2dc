"""The dashboard as a file for the 6-month and 1-year reviews: CSV (UTF-8
with a byte-order mark, so that Excel reads Vietnamese; formula-like text
neutralised by ``home.exports``) and XLSX (openpyxl, installed with
Wagtail). Both write the dashboard's columns (``district.figures``) from the
same rows as the page."""

import io
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from home.exports import csv_bytes, xlsx_text

from .figures import COLUMN_LIST, CommuneFigures, FigureTable

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headings() -> list[str]:
    return [str(column.label) for column in COLUMN_LIST]


def cell(row: CommuneFigures, column):
    """The value as a spreadsheet holds it: yes/no in words, empty for a
    figure that has nothing to count ("—" on the page)."""
    value = column.value(row)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else value


def dashboard_csv(table: FigureTable) -> bytes:
    def lines():
        yield headings()
        for row in table.rows:
            values = (cell(row, column) for column in COLUMN_LIST)
            yield [v.isoformat() if isinstance(v, date) else v for v in values]

    return csv_bytes(lines())


def dashboard_xlsx(table: FigureTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Communes")[:31]
    period = table.period
    sheet.append(
        [
            _("Period"),
            f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}",
            _("Criteria in the plan"),
            table.criteria_in_plan,
        ]
    )
    sheet.append(headings())
    for heading in sheet[2]:
        heading.font = Font(bold=True)
    for row in table.rows:
        sheet.append([cell(row, column) for column in COLUMN_LIST])
        xlsx_text(sheet[sheet.max_row])
    for index, column in enumerate(COLUMN_LIST, start=1):
        if column.kind == "date":
            for cells in sheet.iter_cols(min_row=3, min_col=index, max_col=index):
                for date_cell in cells:
                    date_cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "C3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(table: FigureTable, fmt: str) -> HttpResponse:
    period = table.period
    name = f"district-dashboard-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "xlsx":
        response = HttpResponse(dashboard_xlsx(table), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(dashboard_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
