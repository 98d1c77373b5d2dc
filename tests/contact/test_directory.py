"""The public directory: order, terms of office, vCards, JSON-LD, queries."""

import json
import re
from datetime import timedelta

import pytest
import vobject
from django.test import Client
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from contact.models import Official, Post
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db


def get(slug: str, path: str):
    return Client().get(path, HTTP_HOST=f"{slug}.localhost:8000")


def html(slug: str, path: str = "/lien-he/") -> str:
    response = get(slug, path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def names_in_order(page: str) -> list[str]:
    return re.findall(r'<p class="person__name" lang="vi">([^<]+?)(?: <span|</p>)', page)


def json_ld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.fixture
def voi_people(communes):
    voi = communes["voi"]
    make = lambda name, post, **kw: OfficialFactory(commune=voi, full_name=name, post=post, **kw)  # noqa: E731
    return {
        "clerk": make("Đỗ Thị Văn Phòng", Post.OFFICE_STATISTICS),
        "vice2": make("Lê Văn Phó Hai", Post.VICE_CHAIRMAN, sort_order=2),
        "military": make("Vũ Văn Quân Sự", Post.MILITARY_COMMANDER),
        "chair": make("Trần Văn Chủ Tịch", Post.CHAIRMAN, phone="0204 3881 234"),
        "secretary": make("Nguyễn Văn Bí Thư", Post.PARTY_SECRETARY),
        "vice1": make("Phạm Thị Phó Một", Post.VICE_CHAIRMAN, sort_order=1),
        "justice": make("Hoàng Thị Tư Pháp", Post.JUSTICE_CIVIL_STATUS),
        "other": make("Ngô Văn Khác", Post.OTHER, title="Cán bộ phụ trách thanh niên"),
        "police": make("Bùi Văn Công An", Post.POLICE_CHIEF),
        "deputy": make("Giáp Văn Phó Bí Thư", Post.DEPUTY_PARTY_SECRETARY),
    }


def test_leadership_first_then_civil_servants_by_post(voi_people):
    assert names_in_order(html("voi")) == [
        "Nguyễn Văn Bí Thư",
        "Giáp Văn Phó Bí Thư",
        "Trần Văn Chủ Tịch",
        "Phạm Thị Phó Một",
        "Lê Văn Phó Hai",
        "Bùi Văn Công An",
        "Đỗ Thị Văn Phòng",
        "Hoàng Thị Tư Pháp",
        "Vũ Văn Quân Sự",
        "Ngô Văn Khác",
    ]


def test_leadership_and_civil_servants_are_separate_sections(voi_people):
    page = html("voi")
    leadership, staff = page.split('id="leadership-heading"')[1].split('id="staff-heading"')
    assert "Trần Văn Chủ Tịch" in leadership and "Hoàng Thị Tư Pháp" not in leadership
    assert "Hoàng Thị Tư Pháp" in staff
    assert "Cán bộ phụ trách thanh niên" in staff
    assert "Tư pháp - Hộ tịch" in staff  # the post's Vietnamese name heads its group


def test_phone_shown_grouped_and_as_tel_link(voi_people):
    page = html("voi")
    assert '<a class="tel" href="tel:+842043881234">' in page
    assert "0204 3881 234" in page


def test_a_person_whose_term_ended_disappears_but_is_kept(voi_people):
    today = timezone.localdate()
    chair = voi_people["chair"]
    chair.term_end = today - timedelta(days=1)
    chair.save()
    assert "Trần Văn Chủ Tịch" not in html("voi")
    assert Official.objects.filter(pk=chair.pk).exists()

    chair.term_end = today  # the last day still counts
    chair.save()
    assert "Trần Văn Chủ Tịch" in html("voi")


def test_a_term_that_has_not_started_is_not_shown_yet(voi_people):
    successor = OfficialFactory(
        commune=voi_people["chair"].commune,
        full_name="Lý Văn Kế Nhiệm",
        post=Post.CHAIRMAN,
        term_start=timezone.localdate() + timedelta(days=3),
    )
    assert successor.full_name not in html("voi")


def test_another_communes_people_are_not_listed(voi_people, communes):
    OfficialFactory(commune=communes["kep"], full_name="Người Của Kép", post=Post.CHAIRMAN)
    assert "Người Của Kép" not in html("voi")
    assert "Người Của Kép" in html("kep")


def test_vcard_content(voi_people):
    chair = voi_people["chair"]
    chair.email = "chutich@voi.example"
    chair.responsibilities = "Chỉ đạo chung; tiếp công dân, đối thoại"
    chair.save()
    response = get("voi", f"/lien-he/vcard/{chair.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert 'filename="tran-van-chu-tich.vcf"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[1] == "VERSION:3.0"
    assert lines[-2] == "END:VCARD" and lines[-1] == ""
    assert "N:Trần;Văn Chủ Tịch;;;" in lines
    assert "FN:Trần Văn Chủ Tịch" in lines
    assert "TITLE:Chủ tịch UBND" in lines
    assert "ORG:Thị trấn Vôi" in lines
    assert "TEL;TYPE=WORK,VOICE:+842043881234" in lines
    assert "EMAIL;TYPE=INTERNET:chutich@voi.example" in lines
    assert "NOTE:Chỉ đạo chung\\; tiếp công dân\\, đối thoại" in lines
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)


def test_long_vcard_lines_are_folded_without_breaking_letters(voi_people):
    chair = voi_people["chair"]
    chair.responsibilities = "Phụ trách đất đai, xây dựng, môi trường, giao thông, thủy lợi " * 4
    chair.save()
    text = get("voi", f"/lien-he/vcard/{chair.pk}/").content.decode("utf-8")
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "NOTE:Phụ trách đất đai\\, xây dựng" in unfolded


def test_a_short_line_of_vietnamese_is_folded_by_octets_not_letters(voi_people):
    """vobject 0.9.9 leaves lines under 75 characters unfolded; this NOTE line
    has 70 characters but 92 octets, so it must be folded all the same."""
    chair = voi_people["chair"]
    chair.responsibilities = "Hộ tịch, chứng thực, đất đai, xây dựng, môi trường, giáo dục"
    chair.save()
    text = get("voi", f"/lien-he/vcard/{chair.pk}/").content.decode("utf-8")
    unfolded = text.replace("\r\n ", "").split("\r\n")
    note = next(line for line in unfolded if line.startswith("NOTE:"))
    assert len(note) < 75 < len(note.encode("utf-8"))
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_vcard_reads_back_as_written(voi_people):
    """A standard parser finds every value again, newlines and backslashes included."""
    chair = voi_people["chair"]
    chair.email = "chutich@voi.example"
    chair.responsibilities = "Dòng một; dấu \\ gạch\nDòng hai, đất đai " * 3
    chair.save()
    text = get("voi", f"/lien-he/vcard/{chair.pk}/").content.decode("utf-8")
    card = vobject.readOne(text)
    assert card.fn.value == "Trần Văn Chủ Tịch"
    assert (card.n.value.family, card.n.value.given) == ("Trần", "Văn Chủ Tịch")
    assert card.org.value == ["Thị trấn Vôi"]
    assert card.tel.value == "+842043881234"
    assert card.note.value == chair.responsibilities


def test_no_vcard_for_another_commune_or_an_ended_term(voi_people, communes):
    kep_person = OfficialFactory(commune=communes["kep"], post=Post.CHAIRMAN)
    assert get("voi", f"/lien-he/vcard/{kep_person.pk}/").status_code == 404
    chair = voi_people["chair"]
    chair.term_end = timezone.localdate() - timedelta(days=1)
    chair.save()
    assert get("voi", f"/lien-he/vcard/{chair.pk}/").status_code == 404


def test_json_ld_is_a_government_organisation_with_contact_points(voi_people):
    data = json_ld(html("voi"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Thị trấn Vôi"
    assert data["url"] == "http://voi.localhost:8000/"
    points = {point["name"]: point for point in data["contactPoint"]}
    assert len(points) == 10
    chair = points["Trần Văn Chủ Tịch"]
    assert chair["@type"] == "ContactPoint"
    assert chair["telephone"] == "+842043881234"
    assert chair["contactType"] == "Chủ tịch UBND"


def test_json_ld_cannot_be_broken_out_of(voi_people):
    person = voi_people["clerk"]
    person.full_name = 'Kẻ Xấu </script><script>alert("x")</script>'
    person.save()
    page = html("voi")
    assert "<script>alert" not in page
    data = json_ld(page)
    assert any(p["name"] == person.full_name for p in data["contactPoint"])


def test_example_entries_are_marked(voi_people):
    voi_people["chair"].is_example = True
    voi_people["chair"].save()
    page = html("voi")
    assert 'Trần Văn Chủ Tịch <span class="badge">ví dụ</span>' in page
    assert "Nguyễn Văn Bí Thư</p>" in page
    assert 'class="notice-example"' in page


def test_directory_queries_do_not_grow_with_people(communes, django_assert_max_num_queries):
    voi = communes["voi"]
    for index in range(3):
        image = Image.objects.create(
            title=f"Ảnh {index}", file=get_test_image_file(), collection=voi.collection
        )
        OfficialFactory(commune=voi, post=Post.VICE_CHAIRMAN, photo=image)
    get("voi", "/lien-he/")  # warm caches, make renditions
    with django_assert_max_num_queries(12):
        assert get("voi", "/lien-he/").status_code == 200
    for index in range(40):
        image = Image.objects.create(
            title=f"Ảnh thêm {index}", file=get_test_image_file(), collection=voi.collection
        )
        OfficialFactory(commune=voi, post=Post.CULTURE_SOCIAL, photo=image)
    get("voi", "/lien-he/")
    with django_assert_max_num_queries(12):
        page = get("voi", "/lien-he/").content.decode()
    assert page.count('class="person__photo"') == 43
