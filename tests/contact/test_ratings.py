"""Ratings of the one-stop counter: no login, one per device per visit,
limited per connection, and the figures published from them."""

import re
from datetime import datetime, timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from contact.models import Feedback, FeedbackStatus, Rating, RatingLevel
from contact.stats import commune_figures
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


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 10, 0))


def seed_ratings(commune, levels, when):
    Rating.objects.bulk_create(
        Rating(commune=commune, level=level, created_at=when) for level in levels
    )


def test_commune_summary_with_exact_figures(communes):
    voi = communes["voi"]
    seed_ratings(
        voi, ["rat_hai_long"] * 3 + ["hai_long"] * 4 + ["khong_hai_long"] * 1, at(2026, 10, 5)
    )
    seed_ratings(voi, ["hai_long"] * 1 + ["khong_hai_long"] * 1, at(2026, 11, 2))
    summary = Rating.objects.filter(commune=voi).summary()
    assert summary == {"count": 10, "satisfied": 8, "share": 80.0}
    months = Rating.objects.filter(commune=voi).by_month()
    assert [(m["month"].month, m["count"], m["share"]) for m in months] == [
        (11, 2, 50.0),
        (10, 8, 87.5),
    ]
    page = Client().get("/danh-gia/ket-qua/", **HOST).content.decode()
    assert "<strong>80,0%</strong> hài lòng, trên 10 lượt đánh giá" in page
    assert "<td>87,5%</td>" in page


def test_district_figures_per_commune_and_total(communes):
    seed_ratings(communes["voi"], ["hai_long"] * 3 + ["khong_hai_long"], at(2026, 11, 1))
    seed_ratings(communes["kep"], ["khong_hai_long"] * 2, at(2026, 11, 1))
    today = timezone.localdate()
    common = {"kind": "gop_y", "subject": "x", "message": "x", "name": "x", "phone": "0912345678"}
    Feedback.objects.create(
        commune=communes["voi"],
        tracking_code="AAAA-0001",
        due_date=today,
        status=FeedbackStatus.ANSWERED,
        answered_at=timezone.now() - timedelta(days=1),
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
    rows, total = commune_figures()
    by_slug = {row["commune"].slug: row for row in rows}
    voi, kep = by_slug["voi"], by_slug["kep"]
    assert (voi["ratings"], voi["satisfied_share"]) == (4, 75.0)
    assert (kep["ratings"], kep["satisfied_share"]) == (2, 0.0)
    assert (voi["received"], voi["answered"], voi["answer_rate"], voi["on_time_rate"]) == (
        3,
        2,
        66.7,
        33.3,
    )
    assert by_slug["thai-dao"]["satisfied_share"] is None
    assert total["ratings"] == 6 and total["satisfied_share"] == 50.0
    assert total["received"] == 3
    page = Client().get("/hai-long/", HTTP_HOST="localhost:8000").content.decode()
    row = page.split("Thị trấn Vôi")[1].split("</tr>")[0]
    assert re.findall(r"<td>([^<]*)</td>", row) == ["4", "75,0%", "3", "66,7%", "33,3%"]


def test_overview_and_rating_pages_query_budget(communes, django_assert_max_num_queries):
    seed_ratings(communes["voi"], ["hai_long"] * 50, at(2026, 11, 1))
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
