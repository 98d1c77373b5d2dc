"""The directory in the admin, attacked by the editor of Vôi (A) towards Kép (B);
and the district's report on missing leadership phones."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from contact.models import PHONE_REQUIRED_POSTS, OfficePage, Official, Post, ReceptionPage
from district.reports import missing_leadership_phones
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/login/" not in response["Location"]
    )


@pytest.fixture
def attacker(editor_a, client_for):
    return client_for(editor_a)


@pytest.fixture
def b_person(communes):
    return OfficialFactory(
        commune=communes["kep"], full_name="Người Bí Mật Của Kép", post=Post.CHAIRMAN
    )


@pytest.fixture
def a_person(communes):
    return OfficialFactory(commune=communes["voi"], full_name="Người Của Vôi", post=Post.CHAIRMAN)


def person_form(commune, **extra):
    return {
        "commune": commune.pk,
        "full_name": "Nguyễn Văn Mới",
        "post": Post.VICE_CHAIRMAN,
        "title": "",
        "responsibilities": "",
        "phone": "0912.345.678",
        "email": "",
        "photo": "",
        "term_start": "",
        "term_end": "",
        "sort_order": "0",
        **extra,
    }


def test_editor_lists_only_own_commune(attacker, a_person, b_person):
    text = attacker.get(reverse("officials:index")).content.decode()
    assert "Người Của Vôi" in text
    assert "Bí Mật" not in text
    search = attacker.get(reverse("officials:index"), {"q": "Bí Mật"}).content.decode()
    assert "Người Bí Mật Của Kép" not in search


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_editor_cannot_open_other_communes_person(attacker, b_person, view):
    url = reverse(f"officials:{view}", args=[b_person.pk])
    response = attacker.get(url)
    assert denied(response), (view, response.status_code)
    assert "Bí Mật" not in response.content.decode()


def test_editor_cannot_change_or_delete_other_communes_person(attacker, b_person, communes):
    attacker.post(
        reverse("officials:edit", args=[b_person.pk]),
        person_form(communes["kep"], full_name="Đã Bị Sửa"),
    )
    attacker.post(reverse("officials:delete", args=[b_person.pk]))
    b_person.refresh_from_db()
    assert b_person.full_name == "Người Bí Mật Của Kép"


def test_editor_cannot_create_a_person_for_another_commune(attacker, communes):
    response = attacker.post(reverse("officials:add"), person_form(communes["kep"]))
    assert response.status_code == 200  # the form comes back with an error
    assert not Official.objects.filter(full_name="Nguyễn Văn Mới").exists()


def test_editor_cannot_move_own_person_to_another_commune(attacker, a_person, communes):
    attacker.post(
        reverse("officials:edit", args=[a_person.pk]),
        person_form(communes["kep"], full_name=a_person.full_name, post=Post.CHAIRMAN),
    )
    a_person.refresh_from_db()
    assert a_person.commune == communes["voi"]


def test_editor_adds_own_person_with_normalised_phone(attacker, communes):
    response = attacker.post(reverse("officials:add"), person_form(communes["voi"]))
    assert response.status_code == 302
    person = Official.objects.get(full_name="Nguyễn Văn Mới")
    assert person.commune == communes["voi"]
    assert person.phone == "0912345678"


def test_bad_phone_and_missing_title_are_explained_in_vietnamese(attacker, communes):
    response = attacker.post(
        reverse("officials:add"),
        person_form(communes["voi"], phone="0912 34", post=Post.OTHER),
    )
    text = response.content.decode()
    assert "Nhập số điện thoại Việt Nam" in text
    assert "Hãy nhập tên chức danh này." in text
    assert not Official.objects.filter(full_name="Nguyễn Văn Mới").exists()


def test_term_cannot_end_before_it_starts(attacker, communes):
    response = attacker.post(
        reverse("officials:add"),
        person_form(communes["voi"], term_start="2026-07-01", term_end="2026-06-30"),
    )
    assert "Nhiệm kỳ không thể kết thúc trước khi bắt đầu." in response.content.decode()


def test_editor_cannot_use_other_communes_photo(attacker, communes, b_image):
    response = attacker.post(
        reverse("officials:add"), person_form(communes["voi"], photo=b_image.pk)
    )
    assert response.status_code == 200
    assert not Official.objects.filter(full_name="Nguyễn Văn Mới").exists()


def test_other_communes_editor_sees_nothing_of_a(client_for, editor_b, a_person):
    text = client_for(editor_b).get(reverse("officials:index")).content.decode()
    assert "Người Của Vôi" not in text


def test_district_admin_sees_every_commune(client_for, district_admin, a_person, b_person):
    text = client_for(district_admin).get(reverse("officials:index")).content.decode()
    assert "Người Của Vôi" in text and "Người Bí Mật Của Kép" in text


def office_form(page, counters, **extra):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "address": "",
            "latitude": "",
            "longitude": "",
            "wifi_network": "",
            "other_facilities": "",
            "what_to_bring": rich_text(""),
            "opening_periods": inline_formset([]),
            "counters": inline_formset(counters),
            "action-publish": "publish",
            **extra,
        }
    )


def test_office_counter_cannot_name_another_communes_official(attacker, communes, b_person):
    page = OfficePage.objects.child_of(communes["voi"].site.root_page).get()
    data = office_form(
        page, [{"name": "Quầy 1", "official": b_person.pk, "handles": "", "days": ""}]
    )
    response = attacker.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.counters.filter(official=b_person).exists()


def test_office_counter_with_own_official_is_saved(attacker, communes, a_person):
    page = OfficePage.objects.child_of(communes["voi"].site.root_page).get()
    data = office_form(
        page, [{"name": "Quầy 1", "official": a_person.pk, "handles": "Hộ tịch", "days": ""}]
    )
    response = attacker.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.counters.get().official == a_person


def test_office_counter_choices_offer_only_own_officials(attacker, communes, a_person, b_person):
    page = OfficePage.objects.child_of(communes["voi"].site.root_page).get()
    text = attacker.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Người Của Vôi" in text
    assert "Bí Mật" not in text


def test_reception_rules_cannot_use_another_communes_document(attacker, communes):
    from django.core.files.base import ContentFile

    secret = Document(title="Văn bản bí mật của Kép", collection=communes["kep"].collection)
    secret.file.save("bi-mat.txt", ContentFile(b"secret"), save=False)
    secret.save()
    page = ReceptionPage.objects.child_of(communes["voi"].site.root_page).get()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "place": "",
            "slots": inline_formset([]),
            "rule_documents": inline_formset(
                [{"kind": "reception", "title": "Nội quy", "document": secret.pk}]
            ),
            "action-publish": "publish",
        }
    )
    response = attacker.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "của xã khác" in response.content.decode()
    page.refresh_from_db()
    assert not page.rule_documents.exists()


def leaders_with_phones(commune, *, skip=()):
    """Everyone III.1.1 asks for, with a phone unless their post is skipped
    (two vice-chairmen, as most communes have)."""
    for post in (*PHONE_REQUIRED_POSTS, Post.VICE_CHAIRMAN):
        OfficialFactory(commune=commune, post=post, phone="" if post in skip else "0912000111")


def test_report_names_communes_and_what_is_missing(communes):
    leaders_with_phones(communes["voi"])
    leaders_with_phones(communes["kep"], skip=(Post.JUSTICE_CIVIL_STATUS,))
    tan_thanh = communes["tan-thanh"]
    leaders_with_phones(tan_thanh)
    ended = Official.objects.get(commune=tan_thanh, post=Post.CHAIRMAN)
    ended.term_end = timezone.localdate() - timedelta(days=1)  # the number left with them
    ended.save()

    lacking = {c.slug: c for c in missing_leadership_phones()}
    assert "voi" not in lacking
    assert lacking["kep"].missing_count == 1
    assert lacking["kep"].missing_posts.endswith("(Tư pháp - Hộ tịch): không có số điện thoại")
    assert lacking["tan-thanh"].missing_posts == "Chủ tịch UBND: chưa có ai"
    assert set(lacking) == {slug for slug, c in communes.items() if c.site_id} - {"voi"}
    Official.objects.filter(commune=communes["kep"]).delete()
    lacking = {c.slug: c for c in missing_leadership_phones()}
    assert lacking["kep"].missing_count == len(PHONE_REQUIRED_POSTS)  # nobody entered


def test_the_report_does_not_ask_for_the_police_chief(communes):
    leaders_with_phones(communes["voi"])
    OfficialFactory(commune=communes["voi"], post=Post.POLICE_CHIEF, phone="")
    assert "voi" not in {c.slug for c in missing_leadership_phones()}


def test_one_vice_chairman_with_a_phone_does_not_cover_the_other(communes):
    voi = communes["voi"]
    leaders_with_phones(voi)
    OfficialFactory(commune=voi, post=Post.VICE_CHAIRMAN, full_name="Giáp Thị Phó", phone="")
    lacking = {c.slug: c for c in missing_leadership_phones()}
    assert lacking["voi"].missing_posts == (
        "Giáp Thị Phó (Phó Chủ tịch UBND): không có số điện thoại"
    )


def test_the_report_checks_the_civil_servants(communes):
    voi = communes["voi"]
    leaders_with_phones(voi)
    Official.objects.filter(commune=voi, post=Post.MILITARY_COMMANDER).delete()
    OfficialFactory(commune=voi, post=Post.OTHER, title="Văn thư", full_name="Lê Văn Thư", phone="")
    missing = next(c for c in missing_leadership_phones() if c.slug == "voi").missing_posts
    assert missing.split("; ") == [
        "Chỉ huy trưởng Quân sự: chưa có ai",
        "Lê Văn Thư (Văn thư): không có số điện thoại",
    ]


def test_report_screen_and_export_for_district_admin(client_for, district_admin, communes):
    leaders_with_phones(communes["kep"], skip=(Post.FINANCE_ACCOUNTING,))
    client = client_for(district_admin)
    text = client.get(reverse("district_missing_phones")).content.decode()
    assert "Thị trấn Kép" in text and "Tài chính - Kế toán" in text
    csv = client.get(reverse("district_missing_phones"), {"export": "csv"})
    rows = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Mã thống kê")
    kep = next(row for row in rows if "Thị trấn Kép" in row)
    assert kep.endswith("(Tài chính - Kế toán): không có số điện thoại")
    assert ",1," in kep
    codes = sorted(row.split(",")[0] for row in rows[1:])
    assert codes == sorted(c.code for c in communes.values() if c.site_id)


def test_report_is_refused_to_commune_editors(attacker):
    assert denied(attacker.get(reverse("district_missing_phones")))
    assert denied(attacker.get(reverse("district_missing_phones"), {"export": "csv"}))
