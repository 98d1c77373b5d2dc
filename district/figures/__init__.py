"""The one definition of every figure the project shows.

The portal's home page, its satisfaction page (``/hai-long/``), each
commune's rating results (``/danh-gia/ket-qua/``, through the
``rating_results`` slot) and survey results (``survey.py``), the district
dashboard, its commune page and its CSV and XLSX exports all read their
numbers here, for a ``Period`` (both days included, local time; states
taken as of its end). By default the period is the last twelve months (this
month and the eleven before), the same on every page, so the same commune
shows the same numbers everywhere. The survey counts a round, not a period.

What each figure counts, and why, is in the docstrings of ``Figures``,
``Programme`` and ``MonthFigures`` (``rows.py``); the rules they count by
("received", "answered", "on time", "overdue", "satisfied", "late",
"met") are the ``*_q`` functions next to each model, which the models'
own properties and the admin filters use too.

"Criteria met" is read from the status history (``StatusChange``): a
criterion as it stood at the end of the period, so a past period's review
comes out the same whenever it is produced (``criteria_met``). The plan's
steps done and late: ``step_counts``.

A whole table costs a fixed number of queries (``figure_table``), whatever
the number of communes or rows.
"""

from .columns import COLUMN_LABELS, COLUMN_LIST, COLUMNS, Column, sort_rows
from .compute import (
    criteria_met,
    figure_table,
    missing_published_phones,
    monthly_satisfaction,
    step_counts,
)
from .period import Period
from .rows import CommuneFigures, Figures, FigureTable, MonthFigures, Programme, share
from .survey import CommuneSurvey, QuestionFigures, SurveyResults, survey_results

__all__ = [
    "COLUMNS",
    "COLUMN_LABELS",
    "COLUMN_LIST",
    "Column",
    "CommuneFigures",
    "CommuneSurvey",
    "FigureTable",
    "Figures",
    "MonthFigures",
    "Period",
    "Programme",
    "criteria_met",
    "QuestionFigures",
    "SurveyResults",
    "dashboard_table",
    "figure_table",
    "missing_published_phones",
    "monthly_satisfaction",
    "share",
    "sort_rows",
    "step_counts",
    "survey_results",
]


def dashboard_table(communes, period: Period) -> FigureTable:
    """The dashboard's table: the citizens' figures and the programme's."""
    return figure_table(communes, period, programme=True)
