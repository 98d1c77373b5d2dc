"""Citizens' pages come from the cache, and a change purges exactly what it should."""

import pytest
from django.test import Client, override_settings

from contact.models import Official
from home.models import CommuneSettings, StandardPage
from procedures.models import Procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def get(slug, path="/", client=None, **extra):
    host = f"{slug}.localhost:8000" if slug else "localhost:8000"
    return (client or Client()).get(path, HTTP_HOST=host, **extra)


def test_second_anonymous_visit_is_served_from_the_cache(django_assert_num_queries):
    first = get("voi")
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = get("voi")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_each_site_and_language_has_its_own_entry():
    get("voi")
    assert get("kep")["X-Cache"] == "MISS"
    assert "Thị trấn Kép" in get("kep").content.decode()
    assert "Thị trấn Vôi" in get("voi").content.decode()


def test_publishing_purges_that_site_only(communes):
    get("voi", "/gioi-thieu/")
    get("kep", "/gioi-thieu/")
    about = StandardPage.objects.child_of(communes["voi"].site.root_page).get(slug="gioi-thieu")
    about.intro = "Giới thiệu mới của thị trấn Vôi"
    about.save_revision().publish()
    fresh = get("voi", "/gioi-thieu/")
    assert fresh["X-Cache"] == "MISS"
    assert "Giới thiệu mới của thị trấn Vôi" in fresh.content.decode()
    assert get("kep", "/gioi-thieu/")["X-Cache"] == "HIT"


def test_unpublishing_purges(communes):
    get("voi", "/gioi-thieu/")
    about = StandardPage.objects.child_of(communes["voi"].site.root_page).get(slug="gioi-thieu")
    about.unpublish()
    assert get("voi", "/gioi-thieu/").status_code == 404


def test_settings_change_purges_the_site(communes):
    get("voi")
    settings = CommuneSettings.for_site(communes["voi"].site)
    settings.phone = "0204 3999 111"
    settings.save()
    response = get("voi")
    assert response["X-Cache"] == "MISS"
    assert "0204 3999 111" in response.content.decode()


def test_a_new_official_appears_at_once(communes):
    get("voi", "/lien-he/")
    Official.objects.create(
        commune=communes["voi"],
        full_name="Người Mới Nhậm Chức",
        post="chu_tich",
        phone="0912000999",
    )
    assert "Người Mới Nhậm Chức" in get("voi", "/lien-he/").content.decode()


def test_a_district_record_purges_every_site():
    get("voi", "/thu-tuc/1.001193/")
    get("kep", "/thu-tuc/1.001193/")
    procedure = Procedure.objects.get(code="1.001193")
    procedure.fee = "Miễn lệ phí (sửa đổi)"
    procedure.save()
    for slug in ("voi", "kep"):
        response = get(slug, "/thu-tuc/1.001193/")
        assert response["X-Cache"] == "MISS"
        assert "Miễn lệ phí (sửa đổi)" in response.content.decode()


def test_logged_in_editors_are_never_served_or_stored(editor_a, client_for):
    get("voi")  # an anonymous copy exists
    editor = client_for(editor_a)
    response = get("voi", client=editor)
    assert "X-Cache" not in response
    get("voi", "/gioi-thieu/", client=editor)
    assert get("voi", "/gioi-thieu/")["X-Cache"] == "MISS"


def test_form_pages_with_a_csrf_token_are_not_cached():
    first = get("voi", "/gop-y/")
    assert "csrftoken" in first.cookies
    assert "X-Cache" not in first
    client = Client()
    get("voi", "/gop-y/", client=client)
    again = get("voi", "/gop-y/", client=client)  # the visitor already has a token
    assert "X-Cache" not in again
    assert "X-Cache" not in get("voi", "/gop-y/")


def test_post_and_errors_are_not_cached():
    assert "X-Cache" not in get("voi", "/khong-co-trang-nay/")
    assert get("voi", "/khong-co-trang-nay/").status_code == 404


def test_query_strings_are_part_of_the_key():
    get("voi", "/thu-tuc/", data={"q": "khai sinh"})
    other = get("voi", "/thu-tuc/", data={"q": "ket hon"})
    assert other["X-Cache"] == "MISS"
    assert get("voi", "/thu-tuc/", data={"q": "khai sinh"})["X-Cache"] == "HIT"


@override_settings(PAGE_CACHE_SECONDS=0)
def test_zero_seconds_turns_it_off():
    get("voi")
    assert "X-Cache" not in get("voi")


def test_a_hit_replays_the_security_headers_and_the_compressed_body():
    first = get("voi", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    hit = get("voi", HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Cache"] == "HIT"
    assert hit["Content-Encoding"] == "gzip"
    assert hit.content == first.content
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert hit[header] == first[header]
    plain = get("voi")  # a client that does not accept gzip gets its own entry
    assert plain["X-Cache"] == "MISS"
    assert "Content-Encoding" not in plain
    assert "Thị trấn Vôi" in plain.content.decode()


def test_http_and_https_are_separate_entries():
    get("voi", secure=True)
    assert get("voi")["X-Cache"] == "MISS"
