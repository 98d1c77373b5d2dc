"""One data set, six places that show it: the commune's rating results, the
portal's home, ``/hai-long/``, the dashboard page, its CSV and its XLSX. All
show the same numbers for the same commune and period, and those are the
numbers worked out by hand below."""

import csv
import io
import re
from datetime import datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from contact.models import Feedback, FeedbackStatus, Rating, RatingKind, RatingLevel
from district.figures import Period

pytestmark = pytest.mark.django_db
S, L = FeedbackStatus, RatingLevel
PORTAL = {"HTTP_HOST": "localhost:8000"}


def local(day, hour=9, minute=0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


_codes = iter(range(1, 10_000))


def feedback(commune, submitted, due, status=S.NEW, answered=None):
    return Feedback.objects.create(
        commune=commune,
        tracking_code=f"A{next(_codes):04d}-SAME",
        kind="gop_y",
        subject="Ý kiến",
        message="Nội dung",
        name="Người dân",
        submitted_at=submitted,
        due_date=due,
        status=status,
        answered_at=answered,
    )


@pytest.fixture
def period() -> Period:
    """The public pages' period, the dashboard's default: the last twelve
    months up to today."""
    return Period.last_twelve_months()


@pytest.fixture
def data_set(communes, period):
    voi, kep = communes["voi"], communes["kep"]
    first = period.start
    # Vôi's ratings: six in the period (five satisfied, one of them in the
    # period's first minutes), two just before it.
    for level in [L.VERY_SATISFIED, L.VERY_SATISFIED, L.SATISFIED, L.SATISFIED, L.UNSATISFIED]:
        Rating.objects.create(commune=voi, level=level, created_at=local(first + timedelta(5)))
    Rating.objects.create(commune=voi, level=L.SATISFIED, created_at=local(first, 0, 10))
    for _ in range(2):
        Rating.objects.create(
            commune=voi, level=L.UNSATISFIED, created_at=local(first - timedelta(1), 23, 50)
        )
    # And three of citizen reception (two satisfied), counted apart.
    for level in [L.SATISFIED, L.VERY_SATISFIED, L.UNSATISFIED]:
        Rating.objects.create(
            commune=voi,
            kind=RatingKind.RECEPTION,
            level=level,
            created_at=local(first + timedelta(6)),
        )
    # Kép's: one satisfied of four, all of procedures.
    for level in [L.SATISFIED, L.UNSATISFIED, L.UNSATISFIED, L.UNSATISFIED]:
        Rating.objects.create(commune=kep, level=level, created_at=local(first + timedelta(3)))
    # Vôi's feedback: five received in the period (spam left out), two
    # answered (after 3 and 20 days), one of them on time; one open past its
    # due day; one received today, not due yet; one rejected.
    sent = first + timedelta(10)
    due = sent + timedelta(14)
    feedback(voi, local(sent), due, S.ANSWERED, local(sent + timedelta(3)))
    feedback(voi, local(sent), due, S.PUBLISHED, local(sent + timedelta(20)))
    feedback(voi, local(sent), due)
    feedback(voi, local(sent), due, S.SPAM)
    feedback(voi, timezone.now(), timezone.localdate() + timedelta(14), S.IN_PROGRESS)
    feedback(voi, local(sent), due, S.REJECTED)
    before = first - timedelta(3)
    feedback(voi, local(before), before + timedelta(14), S.ANSWERED, local(before + timedelta(30)))
    # Kép's: one answered the next day.
    feedback(kep, local(sent), due, S.CLOSED, local(sent + timedelta(1)))
    return voi, kep


# Worked out by hand from the data set above.
EXPECTED = {
    "voi": {
        "ratings": 9,
        "satisfied_share": 77.8,  # 7 / 9
        "procedure_ratings": 6,
        "procedure_satisfied_share": 83.3,  # 5 / 6
        "reception_ratings": 3,
        "reception_satisfied_share": 66.7,  # 2 / 3
        "feedback_received": 5,
        "answer_rate": 40.0,  # 2 / 5
        "on_time_rate": 20.0,  # 1 / 5
        "median_days_to_answer": 11.5,  # (3 + 20) / 2
        "answered": 2,
        "answered_on_time": 1,
        "overdue": 1,
    },
    "kep": {
        "ratings": 4,
        "satisfied_share": 25.0,
        "procedure_ratings": 4,
        "procedure_satisfied_share": 25.0,
        "reception_ratings": 0,
        "reception_satisfied_share": None,
        "feedback_received": 1,
        "answer_rate": 100.0,
        "on_time_rate": 100.0,
        "median_days_to_answer": 1.0,
        "answered": 1,
        "answered_on_time": 1,
        "overdue": 0,
    },
}


def number(text: str):
    """A figure as a page, a CSV or a sheet shows it, as a number."""
    if text is None or text in ("", "—"):
        return None
    if isinstance(text, int | float):
        return text
    figure = text.strip().rstrip("%").replace(",", ".")
    try:
        return float(figure) if "." in figure else int(figure)
    except ValueError:
        return text  # not a figure (a date, "2/24", "yes")


def cells_after(html: str, name: str, end: str) -> list[str]:
    row = html.split(name, 1)[1].split(end, 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]


def kind_share(html: str, kind: str) -> dict:
    """The share and count one kind's section of the results shows; a kind
    without ratings shows neither."""
    section = html.split(f'id="share-{kind}-heading"', 1)[1].split("</section>", 1)[0]
    found = re.search(r"<strong>([\d,]+)%</strong> hài lòng, trên (\d+) lượt", section)
    share, count = found.groups() if found else (None, "0")
    return {f"{kind}_ratings": number(count), f"{kind}_satisfied_share": number(share)}


def rating_results_page(slug: str, _period) -> dict:
    html = Client().get("/danh-gia/ket-qua/", HTTP_HOST=f"{slug}.localhost").content.decode()
    answers = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    return {
        **kind_share(html, "procedure"),
        **kind_share(html, "reception"),
        "feedback_received": number(answers["Ý kiến đã nhận"]),
        "answer_rate": number(answers["Đã trả lời"]),
        "on_time_rate": number(answers["Trả lời đúng hạn"]),
        "median_days_to_answer": number(answers["Số ngày trả lời (trung vị)"]),
    }


NAMES = {"voi": "Thị trấn Vôi", "kep": "Thị trấn Kép"}


def portal_home(slug: str, _period) -> dict:
    html = Client().get("/", **PORTAL).content.decode()
    item = html.split(f"{NAMES[slug]}</a>", 1)[1].split("</li>", 1)[0]
    figures = re.findall(r"<span>[^<:]+: (?:<strong>)?([^<]+)", item)
    keys = ["procedure_satisfied_share", "reception_satisfied_share", "answer_rate"]
    return dict(zip(keys, map(number, figures), strict=True))


def overview_page(slug: str, _period) -> dict:
    html = Client().get("/hai-long/", **PORTAL).content.decode()
    values = [number(cell) for cell in cells_after(html, NAMES[slug], "</tr>")]
    keys = [
        "procedure_ratings",
        "procedure_satisfied_share",
        "reception_ratings",
        "reception_satisfied_share",
        "feedback_received",
        "answer_rate",
        "on_time_rate",
    ]
    return dict(zip(keys, values, strict=True))


DASHBOARD_KEYS = [
    "criteria_met",
    "launch_date",
    "ratings",
    "satisfied_share",
    "procedure_ratings",
    "procedure_satisfied_share",
    "reception_ratings",
    "reception_satisfied_share",
    "feedback_received",
    "answered",
    "answer_rate",
    "answered_on_time",
    "on_time_rate",
    "median_days_to_answer",
    "overdue",
]


def dashboard_query(period) -> str:
    return f"?start={period.start.isoformat()}&end={period.end.isoformat()}"


def dashboard_page(client):
    def read(slug: str, period) -> dict:
        html = client.get(reverse("district_dashboard") + dashboard_query(period)).content.decode()
        cells = cells_after(html, NAMES[slug], "</tr>")
        return {k: number(v) for k, v in zip(DASHBOARD_KEYS, cells, strict=False)}

    return read


def dashboard_csv(client):
    def read(slug: str, period) -> dict:
        url = reverse("district_dashboard") + dashboard_query(period) + "&export=csv"
        rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
        row = next(row for row in rows if row[1] == NAMES[slug])
        return {
            k: number(v) for k, v in zip(["code", "commune", *DASHBOARD_KEYS], row, strict=False)
        }

    return read


def dashboard_xlsx(client):
    def read(slug: str, period) -> dict:
        url = reverse("district_dashboard") + dashboard_query(period) + "&export=xlsx"
        sheet = load_workbook(io.BytesIO(client.get(url).content)).active
        row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == NAMES[slug])
        return {
            k: number(v) for k, v in zip(["code", "commune", *DASHBOARD_KEYS], row, strict=False)
        }

    return read


def test_every_page_and_export_shows_the_same_numbers(data_set, period, district_admin, client_for):
    admin = client_for(district_admin)
    readers = {
        "rating results": rating_results_page,
        "portal home": portal_home,
        "/hai-long/": overview_page,
        "dashboard": dashboard_page(admin),
        "CSV": dashboard_csv(admin),
        "XLSX": dashboard_xlsx(admin),
    }
    for slug, expected in EXPECTED.items():
        for place, read in readers.items():
            cache.clear()  # each page computed now, not served from the page cache
            shown = read(slug, period)
            compared = {key: value for key, value in shown.items() if key in expected}
            assert compared, place
            assert compared == {key: expected[key] for key in compared}, (slug, place)


def test_the_dashboards_default_period_is_the_public_pages(data_set, district_admin, client_for):
    html = client_for(district_admin).get(reverse("district_dashboard")).content.decode()
    cells = cells_after(html, NAMES["voi"], "</tr>")
    assert number(cells[DASHBOARD_KEYS.index("feedback_received")]) == 5
    assert number(cells[DASHBOARD_KEYS.index("satisfied_share")]) == 77.8
    assert number(cells[DASHBOARD_KEYS.index("reception_satisfied_share")]) == 66.7


def test_public_pages_within_a_query_budget_whatever_the_rows(
    data_set, communes, django_assert_max_num_queries
):
    """The portal's two pages and a commune's results, rendered afresh (no
    page cache), keep their budget, and the same count with more rows in
    each of the three communes: the figures cost a fixed number of queries."""
    pages = [
        ("/", PORTAL),
        ("/hai-long/", PORTAL),
        ("/danh-gia/ket-qua/", {"HTTP_HOST": "voi.localhost"}),
    ]

    def measure() -> list[int]:
        counts = []
        for path, host in pages:
            cache.clear()
            with django_assert_max_num_queries(20) as captured:
                assert Client().get(path, **host).status_code == 200, path
            counts.append(len(captured))
        return counts

    measure()  # Process-wide caches (locales, content types) are warm from here on.
    before = measure()
    more = Period.last_twelve_months().start + timedelta(20)
    for slug in ("voi", "kep", "tan-thanh"):
        Rating.objects.bulk_create(
            Rating(commune=communes[slug], level=L.SATISFIED, created_at=local(more))
            for _ in range(30)
        )
        for _ in range(10):
            feedback(communes[slug], local(more), more + timedelta(14), S.ANSWERED, local(more))
    assert measure() == before
