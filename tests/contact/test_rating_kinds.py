"""Two kinds of rating, as the plan asks ("đánh giá trực tiếp hiệu quả công
tác tiếp công dân, giải quyết các thủ tục hành chính"): each asks its own
question, the reception page carries its own QR code, and the two are
counted apart on the results page and in the district's figures."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contact.models import Rating, RatingKind, RatingLevel
from district.figures import figure_table
from procedures.models import Procedure
from tests.factories import OfficialFactory
from tests.procedures.test_catalogue import qr_matrix_to_text

pytestmark = pytest.mark.django_db
VOI = {"HTTP_HOST": "voi.localhost:8000"}
RECEPTION_FORM = "/danh-gia/tiep-cong-dan/"


def page(path: str, host=VOI) -> str:
    response = Client().get(path, **host)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_reception_rating_is_stored_as_one(communes):
    official = OfficialFactory(commune=communes["voi"])
    client = Client()
    response = client.post(
        RECEPTION_FORM, {"level": "khong_hai_long", "official": official.pk}, **VOI
    )
    assert response.status_code == 302 and response["Location"] == "/danh-gia/cam-on/"
    rating = Rating.objects.get()
    assert (rating.kind, rating.level, rating.official, rating.procedure) == (
        RatingKind.RECEPTION,
        RatingLevel.UNSATISFIED,
        official,
        None,
    )
    # The same phone may still rate the handling of its dossier, once.
    assert client.post("/danh-gia/", {"level": "hai_long"}, **VOI).status_code == 302
    assert client.post("/danh-gia/", {"level": "hai_long"}, **VOI).status_code == 429
    assert client.post(RECEPTION_FORM, {"level": "hai_long"}, **VOI).status_code == 429
    kinds = sorted(Rating.objects.values_list("kind", flat=True))
    assert kinds == [RatingKind.PROCEDURE, RatingKind.RECEPTION]


def test_a_reception_rating_ignores_a_procedure(communes):
    procedure = Procedure.objects.get(code="1.001193")
    Client().post(RECEPTION_FORM, {"level": "hai_long", "procedure": procedure.pk}, **VOI)
    assert Rating.objects.get().procedure is None


def test_each_form_asks_its_own_question():
    procedure = page("/danh-gia/")
    reception = page(RECEPTION_FORM)
    asks_procedure = "Bạn có hài lòng với việc giải quyết thủ tục hành chính của mình không?"
    asks_reception = "Bạn có hài lòng với buổi tiếp công dân này không?"
    assert asks_procedure in procedure and asks_reception not in procedure
    assert asks_reception in reception and asks_procedure not in reception
    assert "Bạn đang đánh giá: công tác tiếp công dân" in reception
    assert 'name="procedure"' in procedure and 'name="procedure"' not in reception
    assert 'href="/danh-gia/tiep-cong-dan/"' in procedure
    assert 'href="/danh-gia/"' in reception


def test_the_reception_page_carries_its_rating_qr_code():
    html = page("/tiep-cong-dan/")
    section = html.split('id="rate-reception-heading"', 1)[1].split("</section>", 1)[0]
    svg = re.search(r"<svg.*?</svg>", section, re.S).group(0)
    assert qr_matrix_to_text(svg) == "http://voi.localhost:8000/danh-gia/tiep-cong-dan/"
    assert 'href="http://voi.localhost:8000/danh-gia/tiep-cong-dan/"' in section
    assert "Mã QR mở trang đánh giá công tác tiếp công dân" in section


def rate(commune, kind, levels):
    Rating.objects.bulk_create(
        Rating(commune=commune, kind=kind, level=level, created_at=timezone.now())
        for level in levels
    )


@pytest.fixture
def both_kinds(communes):
    voi, kep = communes["voi"], communes["kep"]
    rate(voi, RatingKind.RECEPTION, ["hai_long", "khong_hai_long"])
    rate(voi, RatingKind.PROCEDURE, ["hai_long", "rat_hai_long", "hai_long", "khong_hai_long"])
    rate(kep, RatingKind.RECEPTION, ["khong_hai_long"] * 3)
    return voi, kep


def test_a_reception_and_a_procedure_rating_are_counted_apart(communes):
    voi = communes["voi"]
    rate(voi, RatingKind.RECEPTION, ["khong_hai_long"])
    rate(voi, RatingKind.PROCEDURE, ["hai_long"])
    row = figure_table().for_commune(voi)
    assert (row.reception_ratings, row.reception_satisfied_share) == (1, 0.0)
    assert (row.procedure_ratings, row.procedure_satisfied_share) == (1, 100.0)
    assert (row.ratings, row.satisfied_share) == (2, 50.0)
    html = page("/danh-gia/ket-qua/")
    procedure = html.split('id="share-procedure-heading"', 1)[1].split("</section>", 1)[0]
    reception = html.split('id="share-reception-heading"', 1)[1].split("</section>", 1)[0]
    assert "<strong>100,0%</strong> hài lòng, trên 1 lượt đánh giá" in procedure
    assert "<strong>0,0%</strong> hài lòng, trên 1 lượt đánh giá" in reception


def test_results_page_and_months_show_each_kind(both_kinds):
    html = page("/danh-gia/ket-qua/")
    assert "<strong>75,0%</strong> hài lòng, trên 4 lượt đánh giá" in html
    assert "<strong>50,0%</strong> hài lòng, trên 2 lượt đánh giá" in html
    month = re.search(r'<tbody><tr><th scope="row">[^<]+</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", month) == ["4", "75,0%", "2", "50,0%"]
    assert "trên 3 lượt" not in html and ">0,0%<" not in html  # Kép's three stay Kép's


def test_figures_per_kind_and_their_total(both_kinds):
    table = figure_table()
    voi, kep = (table.for_commune(c) for c in both_kinds)
    assert (voi.procedure_ratings, voi.procedure_satisfied) == (4, 3)
    assert (voi.reception_ratings, voi.reception_satisfied) == (2, 1)
    assert (kep.procedure_ratings, kep.procedure_satisfied_share) == (0, None)
    assert (kep.reception_ratings, kep.reception_satisfied_share) == (3, 0.0)
    total = table.total
    assert (total.reception_ratings, total.reception_satisfied_share) == (5, 20.0)
    assert (total.procedure_ratings, total.procedure_satisfied_share) == (4, 75.0)
    assert total.ratings == total.procedure_ratings + total.reception_ratings


def test_portal_shows_both_shares(both_kinds):
    cache.clear()
    home = page("/", {"HTTP_HOST": "localhost:8000"})
    item = home.split("Thị trấn Vôi</a>", 1)[1].split("</li>", 1)[0]
    assert "Hài lòng – thủ tục: <strong>75,0%</strong>" in item
    assert "Hài lòng – tiếp công dân: <strong>50,0%</strong>" in item


def test_an_editor_sees_only_their_communes_ratings_of_either_kind(
    both_kinds, editor_b, client_for
):
    """Kép's editor lists Kép's three reception ratings, never Vôi's six,
    and Vôi's rating opened by id is not found."""
    client = client_for(editor_b)
    listing = client.get(reverse("ratings:index"), {"kind": RatingKind.RECEPTION, "export": "csv"})
    assert listing.status_code == 200
    body = b"".join(listing.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))[1:]
    assert [row[1] for row in rows] == ["Thị trấn Kép"] * 3
    voi_rating = Rating.objects.filter(commune__slug="voi", kind=RatingKind.RECEPTION).first()
    assert client.get(reverse("ratings:inspect", args=[voi_rating.pk])).status_code == 404
