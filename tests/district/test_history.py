"""Criteria met as they stood at the end of a period, from the status
history: met after the period's end is not counted, reopened after it still
is, and every change keeps its time and author."""

from datetime import date, datetime
from unittest import mock

import pytest
from django.utils import timezone

from district.figures import Period, criteria_met, dashboard_table
from district.models import Criterion, CriterionProgress, ProgressStatus, StatusChange
from district.progress import save_progress
from home.models import Commune

pytestmark = pytest.mark.django_db
END = date(2025, 6, 30)


def at(*args):
    return timezone.make_aware(datetime(*args))


def change(progress, user, when, **values):
    for name, value in values.items():
        setattr(progress, name, value)
    with mock.patch("django.utils.timezone.now", return_value=when):
        return save_progress(progress, user=user)


def test_met_after_the_periods_end_is_not_counted(communes, district_admin, make_editor):
    voi = communes["voi"]
    editor = make_editor(voi)
    first, second, third = Criterion.objects.order_by("section__number", "sort_order")[:3]
    # Met and confirmed in the period.
    on_time = CriterionProgress(commune=voi, criterion=first)
    change(on_time, editor, at(2025, 3, 1, 9), status=ProgressStatus.MET)
    change(on_time, district_admin, at(2025, 3, 2, 9), confirmed=True)
    # Met and confirmed at 00:30 the day after the period's end.
    late = CriterionProgress(commune=voi, criterion=second)
    change(late, editor, at(2025, 6, 30, 10), status=ProgressStatus.MET)
    change(late, district_admin, at(2025, 7, 1, 0, 30), confirmed=True)
    # Met in the period, reopened by the commune after it.
    reopened = CriterionProgress(commune=voi, criterion=third)
    change(reopened, editor, at(2025, 4, 1, 9), status=ProgressStatus.MET)
    change(reopened, district_admin, at(2025, 4, 2, 9), confirmed=True)
    change(reopened, editor, at(2025, 8, 1, 9), status=ProgressStatus.IN_PROGRESS)

    assert criteria_met([voi.pk], END) == {voi.pk: 2}
    assert criteria_met([voi.pk], date(2025, 3, 1)) == {}  # a proposal only
    assert criteria_met([voi.pk], date(2025, 7, 1)) == {voi.pk: 3}
    assert criteria_met([voi.pk], date(2025, 8, 1)) == {voi.pk: 2}
    voi_only = Commune.objects.filter(pk=voi.pk)
    row = dashboard_table(voi_only, Period(date(2025, 1, 1), END)).rows[0]
    assert row.programme.criteria_met == 2
    history = list(
        StatusChange.objects.filter(criterion=third)
        .order_by("at")
        .values_list("status", "confirmed", "by")
    )
    assert history == [
        ("met", False, editor.pk),
        ("met", True, district_admin.pk),
        ("in_progress", False, editor.pk),
    ]


def test_a_save_that_changes_no_status_adds_no_history(communes, district_admin):
    progress = CriterionProgress(commune=communes["kep"], criterion=Criterion.objects.first())
    save_progress(progress, user=district_admin)
    progress.note = "Thêm ghi chú"
    save_progress(progress, user=district_admin)
    assert StatusChange.objects.filter(commune=communes["kep"]).count() == 1
