"""Every dashboard figure on a known data set, with exact numbers, and the
export files opened and read cell by cell."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from contact.models import LEADERSHIP_POSTS, Feedback, FeedbackStatus, Rating, RatingLevel
from district.figures import Period, dashboard_rows, sort_rows
from district.models import CommuneLaunch, Criterion, CriterionProgress, ProgressStatus
from home.models import Commune
from procedures.models import Procedure
from tests.factories import OfficialFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD = Period(start=date(2025, 1, 1), end=date(2025, 6, 30))
QUERY = "?start=2025-01-01&end=2025-06-30"


def at(*args) -> datetime:
    return datetime(*args, tzinfo=HANOI)


def feedback(commune, n, submitted, due, status, answered=None):
    return Feedback.objects.create(
        commune=commune,
        tracking_code=f"T{commune.code[-2:]}-{n:04d}",
        kind="gop_y",
        subject=f"Ý kiến {n}",
        message="Nội dung",
        name="Người dân",
        submitted_at=submitted,
        due_date=due,
        status=status,
        answered_at=answered,
    )


@pytest.fixture
def data_set(communes):
    voi, kep = communes["voi"], communes["kep"]
    S = FeedbackStatus
    # Vôi: four feedback in the period (spam excluded), three answered
    # after 2, 17 and 5 days; two of them on time.
    feedback(voi, 1, at(2025, 1, 6, 10), date(2025, 1, 20), S.ANSWERED, at(2025, 1, 8, 10))
    feedback(voi, 2, at(2025, 2, 3, 9), date(2025, 2, 17), S.PUBLISHED, at(2025, 2, 20, 9))
    feedback(voi, 3, at(2025, 3, 3, 8), date(2025, 3, 17), S.NEW)
    feedback(voi, 4, at(2025, 3, 4, 8), date(2025, 3, 18), S.SPAM)
    feedback(voi, 5, at(2024, 12, 1, 8), date(2024, 12, 13), S.ANSWERED, at(2024, 12, 2, 8))
    feedback(voi, 6, at(2025, 4, 1, 8), date(2025, 4, 15), S.CLOSED, at(2025, 4, 6, 8))
    # Kép: one late answer after 12 days, one answered on time after 1.5 days.
    feedback(kep, 1, at(2025, 5, 5, 8), date(2025, 5, 15), S.ANSWERED, at(2025, 5, 17, 8))
    feedback(kep, 2, at(2025, 5, 6, 8), date(2025, 5, 20), S.ANSWERED, at(2025, 5, 7, 20))
    L = RatingLevel
    for level, when in [
        (L.VERY_SATISFIED, at(2025, 1, 2, 9)),
        (L.VERY_SATISFIED, at(2025, 2, 2, 9)),
        (L.VERY_SATISFIED, at(2025, 3, 2, 9)),
        (L.SATISFIED, at(2025, 4, 2, 9)),
        (L.UNSATISFIED, at(2025, 6, 30, 23, 30)),  # last evening of the period
        (L.UNSATISFIED, at(2025, 7, 1, 0, 10)),  # just after
        (L.UNSATISFIED, at(2024, 12, 31, 23, 50)),  # just before
    ]:
        Rating.objects.create(commune=voi, level=level, created_at=when)
    for level in (L.SATISFIED, L.UNSATISFIED, L.UNSATISFIED):
        Rating.objects.create(commune=kep, level=level, created_at=at(2025, 5, 1, 9))
    criteria = list(Criterion.objects.order_by("code")[:4])
    for criterion, status, confirmed in zip(
        criteria,
        [ProgressStatus.MET, ProgressStatus.MET, ProgressStatus.MET, ProgressStatus.IN_PROGRESS],
        [True, True, False, True],
        strict=True,
    ):
        CriterionProgress.objects.create(
            commune=voi, criterion=criterion, status=status, confirmed=confirmed
        )
    CommuneLaunch.objects.create(commune=voi, launch_date=date(2022, 10, 15), is_pilot=True)
    CommuneLaunch.objects.create(commune=kep, launch_date=date(2022, 11, 15))
    ProcedureFactory(commune=voi)
    ProcedureFactory(commune=voi)
    for post in LEADERSHIP_POSTS:
        OfficialFactory(commune=voi, post=post)
        if post != LEADERSHIP_POSTS[-1]:
            OfficialFactory(commune=kep, post=post)
    OfficialFactory(commune=kep, post=LEADERSHIP_POSTS[-1], phone="")
    return voi, kep


def shared_procedures() -> int:
    return Procedure.objects.filter(commune__isnull=True, applies_to_communes=True).count()


def rows_by_code(communes_qs=None):
    rows, total = dashboard_rows(communes_qs or Commune.objects.all(), PERIOD)
    return {row["code"]: row for row in rows}, total


def test_every_figure_on_a_known_data_set(data_set):
    rows, total_criteria = rows_by_code()
    assert total_criteria == 24
    assert len(rows) == 21
    voi, kep = rows["07375"], rows["07399"]
    shared = shared_procedures()
    assert shared == 33
    assert {k: v for k, v in voi.items() if k != "commune_obj"} == {
        "code": "07375",
        "commune": "Thị trấn Vôi",
        "criteria_met": 2,
        "launch_date": date(2022, 10, 15),
        "feedback_received": 4,
        "answered_on_time": 2,
        "on_time_rate": 50.0,
        "median_days_to_answer": 5.0,
        "satisfied_share": 80.0,
        "ratings": 5,
        "procedures_published": shared + 2,
        "leadership_phones_complete": True,
    }
    assert {k: v for k, v in kep.items() if k != "commune_obj"} == {
        "code": "07399",
        "commune": "Thị trấn Kép",
        "criteria_met": 0,
        "launch_date": date(2022, 11, 15),
        "feedback_received": 2,
        "answered_on_time": 1,
        "on_time_rate": 50.0,
        "median_days_to_answer": 6.8,  # (12 + 1.5) / 2 = 6.75
        "satisfied_share": 33.3,
        "ratings": 3,
        "procedures_published": shared,
        "leadership_phones_complete": False,
    }
    empty = rows["07438"]
    assert (empty["feedback_received"], empty["on_time_rate"], empty["median_days_to_answer"]) == (
        0,
        None,
        None,
    )
    assert (empty["satisfied_share"], empty["ratings"], empty["launch_date"]) == (None, 0, None)


def test_the_period_bounds_are_local_days_both_included(data_set):
    rows, _ = rows_by_code()
    assert rows["07375"]["ratings"] == 5
    wider, _ = dashboard_rows(
        Commune.objects.all(), Period(start=date(2024, 12, 1), end=date(2025, 7, 1))
    )
    voi = next(r for r in wider if r["code"] == "07375")
    assert (voi["ratings"], voi["feedback_received"], voi["answered_on_time"]) == (7, 5, 3)
    assert voi["median_days_to_answer"] == 3.5  # 1, 2, 5, 17


def test_sorting_puts_empty_values_last(data_set):
    rows, _ = dashboard_rows(Commune.objects.all(), PERIOD)
    by_share = sort_rows(rows, "-satisfied_share")
    assert [r["code"] for r in by_share[:2]] == ["07375", "07399"]
    assert by_share[-1]["satisfied_share"] is None
    by_share_up = sort_rows(rows, "satisfied_share")
    assert [r["code"] for r in by_share_up[:2]] == ["07399", "07375"]
    assert sort_rows(rows, "no_such_column") == rows


def test_dashboard_in_a_fixed_number_of_queries(data_set, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        dashboard_rows(Commune.objects.all(), PERIOD)


def test_dashboard_page_is_sortable(data_set, district_admin, client_for):
    client = client_for(district_admin)
    page = client.get(reverse("district_dashboard") + QUERY + "&sort=-ratings").content.decode()
    assert page.index("Thị trấn Vôi") < page.index("Thị trấn Kép") < page.index("Xã Nghĩa Hòa")
    assert 'aria-sort="descending"' in page
    page = client.get(reverse("district_dashboard") + QUERY + "&sort=ratings").content.decode()
    assert page.index("Thị trấn Kép") < page.index("Thị trấn Vôi")


def test_csv_export_cells(data_set, district_admin, client_for):
    response = client_for(district_admin).get(reverse("district_dashboard") + QUERY + "&export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "district-dashboard-20250101-20250630.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 22
    assert rows[0][:3] == ["Mã thống kê", "Xã, thị trấn", "Số tiêu chí đạt"]
    assert rows[0][-1] == "Đủ số điện thoại lãnh đạo"
    voi = next(row for row in rows if row[0] == "07375")
    assert voi == [
        "07375",
        "Thị trấn Vôi",
        "2",
        "2022-10-15",
        "4",
        "2",
        "50.0",
        "5.0",
        "80.0",
        "5",
        str(shared_procedures() + 2),
        "có",
    ]


def test_xlsx_export_cells(data_set, district_admin, client_for):
    response = client_for(district_admin).get(
        reverse("district_dashboard") + QUERY + "&export=xlsx&sort=code"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B1"].value == "01/01/2025 – 30/06/2025"
    assert sheet["D1"].value == 24
    assert sheet["A2"].value == "Mã thống kê"
    assert [c.value for c in sheet[3]][:3] == ["07375", "Thị trấn Vôi", 2]
    assert sheet["D3"].value.date() == date(2022, 10, 15)
    assert sheet["E3"].value == 4
    assert sheet["G3"].value == 50.0
    assert sheet["H3"].value == 5.0
    assert sheet["I3"].value == 80.0
    assert sheet["L3"].value == "có"
    kep = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "07399")
    assert kep[2:3] + kep[4:10] == (0, 2, 1, 50.0, 6.8, 33.3, 3)
    assert sheet.max_row == 23


def test_editor_export_has_only_their_row(data_set, editor_a, client_for):
    response = client_for(editor_a).get(reverse("district_dashboard") + QUERY + "&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert sheet["B3"].value == "Thị trấn Vôi"


def test_portal_home_shows_each_communes_published_figures(data_set, django_assert_max_num_queries):
    from django.test import Client

    client = Client()
    client.get("/", HTTP_HOST="localhost:8000")
    with django_assert_max_num_queries(12):
        response = client.get("/", HTTP_HOST="localhost:8000")
    page = response.content.decode()
    voi = page.split("Thị trấn Vôi</a>", 1)[1].split("</li>", 1)[0]
    # All-time figures, as the communes publish them: 4 of 7 ratings satisfied
    # (57.1%), 4 of 5 non-spam feedback answered (80.0%).
    assert "57,1%" in voi
    assert "80,0%" in voi


def test_commune_home_shows_its_launch(data_set, django_assert_max_num_queries):
    from django.test import Client

    client = Client()
    client.get("/", HTTP_HOST="voi.localhost:8000")
    with django_assert_max_num_queries(12):
        page = client.get("/", HTTP_HOST="voi.localhost:8000").content.decode()
    assert "15/10/2022" in page
    assert "launch-notice__pilot" in page
    kep = client.get("/", HTTP_HOST="kep.localhost:8000").content.decode()
    assert "15/11/2022" in kep and "launch-notice__pilot" not in kep
