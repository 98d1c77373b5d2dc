"""Every dashboard figure on a known data set, with exact numbers, and the
export files opened and read cell by cell. Only Vôi, Kép and Tân Thanh are
looked at: the other communes of the district may or may not exist."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from contact.models import PHONE_REQUIRED_POSTS, Feedback, FeedbackStatus, Rating, RatingLevel
from district.figures import COLUMN_LIST, Period, dashboard_table, sort_rows
from district.models import CommuneLaunch, Criterion, CriterionProgress, ProgressStatus
from home.models import Commune
from procedures.models import Dossier, DossierStatus, Procedure
from tests.factories import OfficialFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD = Period(start=date(2025, 1, 1), end=date(2025, 6, 30))
QUERY = "?start=2025-01-01&end=2025-06-30"
THREE = ["voi", "kep", "tan-thanh"]


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


def dossier(commune, code, received, appointment, status, returned=None):
    return Dossier.objects.create(
        commune=commune,
        receipt_code=code,
        applicant_name="Trần Thị Lan",
        received_on=received,
        appointment_date=appointment,
        status=status,
        returned_on=returned,
    )


@pytest.fixture
def data_set(communes):
    voi, kep = communes["voi"], communes["kep"]
    S = FeedbackStatus
    # Vôi: four feedback in the period (spam excluded), three answered
    # after 2, 17 and 5 days; two of them on time; one still open, overdue
    # at the end of the period.
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
    D = DossierStatus
    # Vôi: one returned on time, one returned late (in neither count), one
    # open past its day, one returned only after the period (late at its
    # end), one not due yet.
    dossier(voi, "V1", date(2025, 1, 10), date(2025, 1, 20), D.RETURNED, date(2025, 1, 18))
    dossier(voi, "V2", date(2025, 2, 1), date(2025, 2, 10), D.RETURNED, date(2025, 2, 12))
    dossier(voi, "V3", date(2025, 6, 1), date(2025, 6, 10), D.IN_PROGRESS)
    dossier(voi, "V4", date(2025, 5, 1), date(2025, 5, 10), D.RETURNED, date(2025, 7, 3))
    dossier(voi, "V5", date(2025, 6, 20), date(2025, 7, 5), D.RECEIVED)
    criteria = list(Criterion.objects.order_by("code")[:5])
    for criterion, status, confirmed, confirmed_at in zip(
        criteria,
        [ProgressStatus.MET] * 4 + [ProgressStatus.IN_PROGRESS],
        [True, True, False, True, True],
        [at(2025, 3, 1, 9), at(2025, 6, 30, 22), None, at(2025, 7, 1, 8), None],
        strict=True,
    ):
        CriterionProgress.objects.create(
            commune=voi,
            criterion=criterion,
            status=status,
            confirmed=confirmed,
            confirmed_at=confirmed_at,
        )
    CommuneLaunch.objects.create(commune=voi, launch_date=date(2022, 10, 15), is_pilot=True)
    CommuneLaunch.objects.create(commune=kep, launch_date=date(2022, 11, 15))
    ProcedureFactory(commune=voi)
    ProcedureFactory(commune=voi)
    for post in PHONE_REQUIRED_POSTS:
        OfficialFactory(commune=voi, post=post)
        if post != PHONE_REQUIRED_POSTS[-1]:
            OfficialFactory(commune=kep, post=post)
    OfficialFactory(commune=kep, post=PHONE_REQUIRED_POSTS[-1], phone="")
    return voi, kep


def shared_procedures() -> int:
    return Procedure.objects.filter(commune__isnull=True, applies_to_communes=True).count()


def three_communes():
    return Commune.objects.filter(slug__in=THREE)


def cells(row) -> dict:
    return {column.key: column.value(row) for column in COLUMN_LIST}


def rows_by_slug(period=PERIOD):
    table = dashboard_table(three_communes(), period)
    return {row.commune.slug: cells(row) for row in table.rows}, table


def test_every_figure_on_a_known_data_set(data_set):
    rows, table = rows_by_slug()
    assert table.criteria_in_plan == Criterion.objects.count()
    assert list(rows) == ["voi", "kep", "tan-thanh"]  # by statistical code
    shared = shared_procedures()
    assert rows["voi"] == {
        "code": "07375",
        "commune": "Thị trấn Vôi",
        "criteria_met": 2,  # the unconfirmed one and the one confirmed after do not count
        "launch_date": date(2022, 10, 15),
        "ratings": 5,
        "satisfied_share": 80.0,
        "procedure_ratings": 5,  # every rating of the data set rates a procedure's handling
        "procedure_satisfied_share": 80.0,
        "reception_ratings": 0,
        "reception_satisfied_share": None,
        "feedback_received": 4,
        "answered": 3,
        "answer_rate": 75.0,
        "answered_on_time": 2,
        "on_time_rate": 50.0,
        "median_days_to_answer": 5.0,
        "overdue": 1,
        "dossiers_on_time": 1,
        "dossiers_late": 2,
        "procedures_published": shared + 2,
        "leadership_phones_complete": True,
    }
    assert rows["kep"] == {
        "code": "07399",
        "commune": "Thị trấn Kép",
        "criteria_met": 0,
        "launch_date": date(2022, 11, 15),
        "ratings": 3,
        "satisfied_share": 33.3,
        "procedure_ratings": 3,
        "procedure_satisfied_share": 33.3,
        "reception_ratings": 0,
        "reception_satisfied_share": None,
        "feedback_received": 2,
        "answered": 2,
        "answer_rate": 100.0,
        "answered_on_time": 1,
        "on_time_rate": 50.0,
        "median_days_to_answer": 6.8,  # (12 + 1.5) / 2 = 6.75
        "overdue": 0,
        "dossiers_on_time": 0,
        "dossiers_late": 0,
        "procedures_published": shared,
        "leadership_phones_complete": False,
    }
    empty = rows["tan-thanh"]
    assert [empty[k] for k in ("feedback_received", "answer_rate", "on_time_rate")] == [
        0,
        None,
        None,
    ]
    assert [empty[k] for k in ("median_days_to_answer", "satisfied_share", "ratings")] == [
        None,
        None,
        0,
    ]
    assert empty["launch_date"] is None


def test_the_total_sums_counts_and_pools_waits(data_set):
    _rows, table = rows_by_slug()
    total = table.total
    assert (total.ratings, total.satisfied, total.satisfied_share) == (8, 5, 62.5)
    assert (total.feedback_received, total.answered, total.answered_on_time) == (6, 5, 3)
    assert (total.answer_rate, total.on_time_rate) == (83.3, 50.0)
    assert total.median_days_to_answer == 5.0  # 1.5, 2, 5, 12, 17
    assert (total.overdue, total.dossiers_on_time, total.dossiers_late) == (1, 1, 2)


def test_the_period_bounds_are_local_days_both_included(data_set):
    wider, _table = rows_by_slug(Period(start=date(2024, 12, 1), end=date(2025, 7, 1)))
    voi = wider["voi"]
    assert (voi["ratings"], voi["feedback_received"], voi["answered_on_time"]) == (7, 5, 3)
    assert voi["median_days_to_answer"] == 3.5  # 1, 2, 5, 17
    assert voi["criteria_met"] == 3  # confirmed on 1 July, the period's last day


def test_sorting_puts_empty_values_last(data_set):
    rows = dashboard_table(three_communes(), PERIOD).rows
    by_share = sort_rows(rows, "-satisfied_share")
    assert [r.commune.slug for r in by_share] == ["voi", "kep", "tan-thanh"]
    by_share_up = sort_rows(rows, "satisfied_share")
    assert [r.commune.slug for r in by_share_up] == ["kep", "voi", "tan-thanh"]
    assert sort_rows(rows, "no_such_column") == rows


def test_dashboard_in_a_fixed_number_of_queries(data_set, django_assert_num_queries):
    """Nine queries for one commune, for three, and for three with ten
    times the rows."""
    with django_assert_num_queries(9):
        dashboard_table(Commune.objects.filter(slug="voi"), PERIOD)
    with django_assert_num_queries(9):
        dashboard_table(three_communes(), PERIOD)
    voi = data_set[0]
    Rating.objects.bulk_create(
        Rating(commune=voi, level=RatingLevel.SATISFIED, created_at=at(2025, 3, 3, 9))
        for _ in range(50)
    )
    for n in range(100, 140):
        feedback(voi, n, at(2025, 3, 3, 8), date(2025, 3, 17), FeedbackStatus.NEW)
    with django_assert_num_queries(9):
        dashboard_table(three_communes(), PERIOD)


def test_dashboard_page_is_sortable(data_set, district_admin, client_for):
    client = client_for(district_admin)
    page = client.get(reverse("district_dashboard") + QUERY + "&sort=-ratings").content.decode()
    assert page.index("Thị trấn Vôi") < page.index("Thị trấn Kép") < page.index("Xã Tân Thanh")
    assert 'aria-sort="descending"' in page
    page = client.get(reverse("district_dashboard") + QUERY + "&sort=ratings").content.decode()
    assert page.index("Thị trấn Kép") < page.index("Thị trấn Vôi")


def test_dashboard_page_query_budget(
    data_set, district_admin, client_for, django_assert_max_num_queries
):
    client = client_for(district_admin)
    client.get(reverse("district_dashboard") + QUERY)
    # 20, plus the late steps of the plan (the steps, their progress rows).
    with django_assert_max_num_queries(22):
        assert client.get(reverse("district_dashboard") + QUERY).status_code == 200


def test_csv_export_cells(data_set, district_admin, client_for):
    response = client_for(district_admin).get(reverse("district_dashboard") + QUERY + "&export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "district-dashboard-20250101-20250630.csv" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã thống kê", "Xã, thị trấn", "Số tiêu chí đạt"]
    assert rows[0][-1] == "Đủ số điện thoại cán bộ"
    assert all(len(row) == len(COLUMN_LIST) for row in rows)
    voi = next(row for row in rows if row[0] == "07375")
    assert voi == [
        "07375",
        "Thị trấn Vôi",
        "2",
        "2022-10-15",
        "5",
        "80.0",
        "5",
        "80.0",
        "0",
        "",
        "4",
        "3",
        "75.0",
        "2",
        "50.0",
        "5.0",
        "1",
        "1",
        "2",
        str(shared_procedures() + 2),
        "có",
    ]
    tan_thanh = next(row for row in rows if row[0] == "07411")
    assert tan_thanh[4:16] == ["0", "", "0", "", "0", "", "0", "0", "", "0", "", ""]


def test_xlsx_export_cells(data_set, district_admin, client_for):
    response = client_for(district_admin).get(
        reverse("district_dashboard") + QUERY + "&export=xlsx&sort=code"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B1"].value == "01/01/2025 – 30/06/2025"
    assert sheet["D1"].value == Criterion.objects.count()
    assert sheet["A2"].value == "Mã thống kê"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    voi = rows["07375"]
    assert voi[:3] == ("07375", "Thị trấn Vôi", 2)
    assert voi[3].date() == date(2022, 10, 15)
    assert voi[4:] == (
        *(5, 80.0, 5, 80.0, 0, None),
        *(4, 3, 75.0, 2, 50.0, 5.0, 1, 1, 2, shared_procedures() + 2, "có"),
    )
    assert rows["07399"][4:16] == (3, 33.3, 3, 33.3, 0, None, 2, 2, 100.0, 1, 50.0, 6.8)
    assert rows["07411"][4:12] == (0, None, 0, None, 0, None, 0, 0)


def test_editor_export_has_only_their_row(data_set, editor_a, client_for):
    response = client_for(editor_a).get(reverse("district_dashboard") + QUERY + "&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert sheet["B3"].value == "Thị trấn Vôi"


def test_commune_page_shows_the_dashboard_row(data_set, district_admin, client_for):
    url = reverse("district_commune", args=["07375"]) + QUERY
    page = client_for(district_admin).get(url).content.decode()
    figures = page.split('class="district-figures"', 1)[1].split("</dl>", 1)[0]
    assert "<dd>2/" in figures  # criteria met out of the plan's
    assert "<dd>75,0%</dd>" in figures and "<dd>5,0</dd>" in figures
    assert "Hồ sơ quá hạn cuối kỳ</dt><dd>2</dd>" in figures


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


def test_csv_export_neutralises_formula_like_text(data_set, district_admin, client_for):
    """A name that a spreadsheet would run (CSV injection) is written as text."""
    Commune.objects.filter(slug="tan-thanh").update(full_name='=HYPERLINK("http://x","Tân")')
    response = client_for(district_admin).get(reverse("district_dashboard") + QUERY + "&export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    tan_thanh = next(row for row in rows if row[0] == "07411")
    assert tan_thanh[1] == '\'=HYPERLINK("http://x","Tân")'
    xlsx = client_for(district_admin).get(reverse("district_dashboard") + QUERY + "&export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cell = next(row[1] for row in sheet.iter_rows(min_row=3) if row[0].value == "07411")
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","Tân")', "s")
