"""The dashboard's columns, in order: the HTML table, the commune page, the
CSV and the XLSX all read a row's cells through these, so none of them can
show a figure the others do not."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .rows import CommuneFigures


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    value: Callable[[CommuneFigures], Any]
    kind: str = "count"  # count, percent, days, date, yes_no, text


def _programme(name: str) -> Callable[[CommuneFigures], Any]:
    return lambda row: getattr(row.programme, name) if row.programme else None


def _figure(name: str) -> Callable[[CommuneFigures], Any]:
    return lambda row: getattr(row, name)


COLUMN_LIST = [
    Column("code", _("Statistical code"), lambda row: row.commune.code, "text"),
    Column(
        "commune", pgettext_lazy("dashboard", "Commune"), lambda row: row.commune.full_name, "text"
    ),
    Column("criteria_met", _("Criteria met"), _programme("criteria_met")),
    Column("launch_date", _("Launch date"), _programme("launch_date"), "date"),
    Column("ratings", _("Ratings"), _figure("ratings")),
    Column("satisfied_share", _("Satisfied (%)"), _figure("satisfied_share"), "percent"),
    Column("procedure_ratings", _("Ratings of procedure handling"), _figure("procedure_ratings")),
    Column(
        "procedure_satisfied_share",
        _("Satisfied with procedure handling (%)"),
        _figure("procedure_satisfied_share"),
        "percent",
    ),
    Column("reception_ratings", _("Ratings of citizen reception"), _figure("reception_ratings")),
    Column(
        "reception_satisfied_share",
        _("Satisfied with citizen reception (%)"),
        _figure("reception_satisfied_share"),
        "percent",
    ),
    Column("feedback_received", _("Feedback received"), _figure("feedback_received")),
    Column("answered", _("Feedback answered"), _figure("answered")),
    Column("answer_rate", _("Answered (%)"), _figure("answer_rate"), "percent"),
    Column("answered_on_time", _("Answered on time"), _figure("answered_on_time")),
    Column("on_time_rate", _("Answered on time (%)"), _figure("on_time_rate"), "percent"),
    Column(
        "median_days_to_answer",
        _("Median days to answer"),
        _figure("median_days_to_answer"),
        "days",
    ),
    Column("overdue", _("Feedback overdue at the end"), _figure("overdue")),
    Column("dossiers_on_time", _("Dossiers returned on time"), _figure("dossiers_on_time")),
    Column("dossiers_late", _("Dossiers late at the end"), _figure("dossiers_late")),
    Column("procedures_published", _("Procedures published"), _programme("procedures_published")),
    Column(
        "leadership_phones_complete",
        _("Officials' phones complete"),
        _programme("leadership_phones_complete"),
        "yes_no",
    ),
]
COLUMNS = {column.key: column for column in COLUMN_LIST}
COLUMN_LABELS = {column.key: column.label for column in COLUMN_LIST}


def sort_rows(rows: list[CommuneFigures], key: str) -> list[CommuneFigures]:
    """Sorted by a column, ``-key`` descending; empty values always last;
    an unknown column leaves the order as it was."""
    descending = key.startswith("-")
    column = COLUMNS.get(key.lstrip("-"))
    if column is None:
        return rows
    present = [row for row in rows if column.value(row) is not None]
    missing = [row for row in rows if column.value(row) is None]
    present.sort(key=column.value, reverse=descending)
    return present + missing
