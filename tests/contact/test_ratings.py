"""Ratings of the one-stop counter: no login, one per device per visit,
limited per connection, and the figures published from them."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from contact.models import Feedback, FeedbackStatus, Rating, RatingLevel
from district.figures import Period, figure_table
from procedures.models import Procedure
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "voi.localhost:8000"}


def rate(client=None, host=HOST, **data):
    return (client or Client()).post("/danh-gia/", {"level": "hai_long", **data}, **host)


def test_a_rating_is_stored_without_login(communes):
    procedure = Procedure.objects.get(code="1.001193")
    official = OfficialFactory(commune=communes["voi"])
    response = rate(
        level="rat_hai_long", procedure=procedure.pk, official=official.pk, comment="Nhanh"
    )
    assert response.status_code == 302 and response["Location"] == "/danh-gia/cam-on/"
    rating = Rating.objects.get()
    assert rating.commune == communes["voi"]
    assert (rating.level, rating.procedure, rating.official, rating.comment) == (
        "rat_hai_long",
        procedure,
        official,
        "Nhanh",
    )


def test_one_rating_per_device_per_visit_window():
    client = Client()
    assert rate(client).status_code == 302
    again = rate(client)
    assert again.status_code == 429
    assert "Bạn đã đánh giá lần làm việc này" in again.content.decode()
    assert Rating.objects.count() == 1
    assert rate(Client()).status_code == 302  # another phone in the queue


def test_the_device_window_expires(monkeypatch):
    client = Client()
    rate(client)
    later = timezone.now() + timedelta(minutes=121)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    assert rate(client).status_code == 302
    assert Rating.objects.count() == 2


@override_settings(RATING_RATE_LIMIT=3)
def test_rate_limit_per_connection():
    for _ in range(3):
        assert rate(Client()).status_code == 302
    assert rate(Client()).status_code == 429
    assert rate(Client(), host={**HOST, "REMOTE_ADDR": "10.2.2.2"}).status_code == 302
    assert Rating.objects.count() == 4


def test_choices_are_this_communes_only(communes):
    kep_person = OfficialFactory(commune=communes["kep"], full_name="Cán bộ của Kép")
    page = Client().get("/danh-gia/", **HOST).content.decode()
    assert "Cán bộ của Kép" not in page
    response = rate(official=kep_person.pk)
    assert response.status_code == 200
    assert not Rating.objects.exists()


def test_an_invalid_level_is_refused():
    assert rate(level="tuyet_voi").status_code == 200
    assert not Rating.objects.exists()


def local(day, hour=10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_ratings(commune, levels, when):
    Rating.objects.bulk_create(
        Rating(commune=commune, level=level, created_at=when) for level in levels
    )


def test_results_page_shows_the_communes_figures_of_the_last_twelve_months(communes):
    voi = communes["voi"]
    period = Period.last_twelve_months()
    first_month, this_month = local(period.start), local(period.end.replace(day=1))
    seed_ratings(voi, ["rat_hai_long"] * 3 + ["hai_long"] * 4 + ["khong_hai_long"], first_month)
    seed_ratings(voi, ["hai_long", "khong_hai_long"], this_month)
    seed_ratings(voi, ["khong_hai_long"] * 5, first_month - timedelta(days=1))  # before
    seed_ratings(communes["kep"], ["khong_hai_long"] * 5, this_month)  # another commune
    page = Client().get("/danh-gia/ket-qua/", **HOST).content.decode()
    assert "<strong>80,0%</strong> hài lòng, trên 10 lượt đánh giá" in page
    months = re.findall(r'<th scope="row">([^<]*)</th><td>(\d+)</td><td>([^<]*)</td>', page)
    assert months == [
        (f"{period.end.month}/{period.end.year}", "2", "50,0%"),
        (f"{period.start.month}/{period.start.year}", "8", "87,5%"),
    ]


def test_results_page_without_ratings_says_so(communes):
    page = Client().get("/danh-gia/ket-qua/", **HOST).content.decode()
    assert "Chưa có lượt đánh giá nào." in page


def test_district_figures_per_commune_and_total(communes):
    this_month = local(timezone.localdate().replace(day=1))
    seed_ratings(communes["voi"], ["hai_long"] * 3 + ["khong_hai_long"], this_month)
    seed_ratings(communes["kep"], ["khong_hai_long"] * 2, this_month)
    today = timezone.localdate()
    common = {"kind": "gop_y", "subject": "x", "message": "x", "name": "x", "phone": "0912345678"}
    Feedback.objects.create(
        commune=communes["voi"],
        tracking_code="AAAA-0001",
        due_date=today,
        status=FeedbackStatus.ANSWERED,
        answered_at=timezone.now(),
        **common,
    )
    Feedback.objects.create(
        commune=communes["voi"],
        tracking_code="AAAA-0002",
        due_date=today - timedelta(days=5),
        status=FeedbackStatus.CLOSED,
        answered_at=timezone.now(),
        **common,
    )
    Feedback.objects.create(
        commune=communes["voi"],
        tracking_code="AAAA-0003",
        due_date=today,
        **common,
    )
    Feedback.objects.create(
        commune=communes["voi"],
        tracking_code="AAAA-0004",
        due_date=today,
        status=FeedbackStatus.SPAM,
        **common,
    )
    table = figure_table()
    by_slug = {row.commune.slug: row for row in table.rows}
    voi, kep = by_slug["voi"], by_slug["kep"]
    assert (voi.ratings, voi.satisfied_share) == (4, 75.0)
    assert (kep.ratings, kep.satisfied_share) == (2, 0.0)
    assert (voi.feedback_received, voi.answered, voi.answer_rate, voi.on_time_rate) == (
        3,
        2,
        66.7,
        33.3,
    )
    assert by_slug["tan-thanh"].satisfied_share is None
    assert table.total.ratings == 6 and table.total.satisfied_share == 50.0
    assert table.total.feedback_received == 3
    page = Client().get("/hai-long/", HTTP_HOST="localhost:8000").content.decode()
    row = page.split("Thị trấn Vôi")[1].split("</tr>")[0]
    cells = ["4", "75,0%", "0", "—", "3", "66,7%", "33,3%"]  # procedures, reception, feedback
    assert re.findall(r"<td>([^<]*)</td>", row) == cells


def test_overview_and_rating_pages_query_budget(communes, django_assert_max_num_queries):
    seed_ratings(communes["voi"], ["hai_long"] * 50, local(timezone.localdate()))
    for path, host in (
        ("/danh-gia/", HOST),
        ("/danh-gia/ket-qua/", HOST),
        ("/hai-long/", {"HTTP_HOST": "localhost"}),
    ):
        Client().get(path, **host)
        with django_assert_max_num_queries(12):
            assert Client().get(path, **host).status_code == 200, path


def test_rating_levels_are_the_three_level_scale():
    labels = [str(label) for _, label in RatingLevel.choices]
    assert labels == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
