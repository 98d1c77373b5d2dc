"""Spreadsheet files every app writes: cells that a spreadsheet must not run.

A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` is read by Excel and
LibreOffice as a formula, and a tab or carriage return before one hides it
(CSV injection, OWASP). Text that reaches an export (a commune's name, a
citizen's subject) is prefixed with an apostrophe, which the spreadsheet
shows as text and does not run. Numbers are left as numbers: ``-1`` is a
value, not a formula. In XLSX, openpyxl stores a string starting with ``=``
as a formula: ``xlsx_text`` marks such a cell as text instead.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


def neutralise(value: Any) -> Any:
    """The value, with an apostrophe before text that would start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """UTF-8 with a byte-order mark (so that Excel reads Vietnamese), every
    cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return (UTF8_BOM + buffer.getvalue()).encode("utf-8")


def xlsx_text(sheet_row) -> None:
    """Marks the cells of an openpyxl row whose text starts with ``=`` as
    text, so that the workbook keeps them as written instead of a formula."""
    for cell in sheet_row:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


class NeutralisedCsvExportMixin:
    """For Wagtail's listing and report views with a spreadsheet export: every
    CSV cell neutralised (XLSX cells are typed and need no such care)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise(value)
        return value
