import re

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from district.demo import load_demo_content
from district.models import DistrictHomePage
from home.models import Commune, HomePage, StandardPage
from tests.shipped import PROVISIONED, write_registry

pytestmark = pytest.mark.django_db


def get(host: str, path: str = "/"):
    return Client().get(path, HTTP_HOST=f"{host}:8000")


def test_every_commune_site_answers_with_its_own_name():
    communes = list(Commune.objects.all())
    assert sorted(c.slug for c in communes) == sorted(PROVISIONED)
    for commune in communes:
        response = get(f"{commune.slug}.localhost")
        assert response.status_code == 200, commune.slug
        html = response.content.decode()
        title = html.split("<title>")[1].split("</title>")[0]
        assert commune.full_name in title
        header = html.split('<header class="site-header">')[1].split("</header>")[0]
        assert commune.full_name in header
        others = [c.full_name for c in communes if c.pk != commune.pk]
        assert not any(f">{name}<" in header for name in others)


def test_pages_are_vietnamese_by_default():
    html = get("voi.localhost").content.decode()
    assert '<html lang="vi">' in html
    assert '<a class="skip-link" href="#main">Chuyển đến nội dung chính</a>' in html


def test_district_portal_lists_every_commune_with_a_link_on_the_same_port():
    response = get("localhost")
    assert response.status_code == 200
    html = response.content.decode()
    for commune in Commune.objects.all():
        assert f'href="http://{commune.slug}.localhost:8000/"' in html
        assert commune.full_name in html


def test_navigation_lists_the_commune_sections():
    html = get("voi.localhost").content.decode()
    assert 'href="/gioi-thieu/"' in html
    assert get("voi.localhost", "/gioi-thieu/").status_code == 200


def test_custom_404_keeps_the_commune_frame():
    response = get("kep.localhost", "/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Thị trấn Kép" in html
    assert "Không tìm thấy trang" in html


def test_demo_content_never_overwrites_an_editors_text():
    home = HomePage.objects.get(slug="voi")
    home.intro = "Lời chào của biên tập viên"
    home.save_revision().publish()
    load_demo_content()
    home.refresh_from_db()
    assert home.intro == "Lời chào của biên tập viên"


def test_page_type_rules():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert StandardPage in HomePage.allowed_subpage_models()
    assert DistrictHomePage.max_count == 1


def test_provision_command_output_is_a_summary_line(capsys, tmp_path):
    registry = write_registry(tmp_path / "communes.csv", PROVISIONED)
    call_command("provision_communes", "--registry", str(registry))
    summary = f"{len(PROVISIONED)} communes provisioned; nothing to change."
    assert capsys.readouterr().out.strip() == summary


@pytest.mark.usefixtures("demo_content")
class TestWithDemoContent:
    """Tests that read the demo content share one load of it."""

    def test_footer_shows_contact_details_and_commitment(self):
        html = get("kep.localhost").content.decode()
        footer = html.split('<footer class="site-footer">')[1]
        # Dialled in the +84 form from any phone, read grouped as typed.
        assert re.search(r'<a href="tel:\+84204\d{7}">0204 \d{4} \d{3}</a>', footer)
        assert "mailto:ubnd.kep@langgiang.example" in footer
        assert "zalo.me" in footer and "facebook.com" in footer
        assert "Thứ Hai – Thứ Sáu" in footer
        assert "Xin chào, xin lỗi, xin cảm ơn, xin phép" in footer
        assert "Luôn mỉm cười" in footer

    def test_language_switch_only_where_an_english_version_exists(self):
        voi = get("voi.localhost").content.decode()
        assert 'hreflang="en"' in voi and 'href="/en/"' in voi
        english = get("voi.localhost", "/en/")
        assert english.status_code == 200
        english_html = english.content.decode()
        assert '<html lang="en">' in english_html
        assert 'hreflang="vi"' in english_html
        kep = get("kep.localhost").content.decode()
        assert 'hreflang="en"' not in kep

    def test_home_page_renders_in_a_bounded_number_of_queries(self, django_assert_max_num_queries):
        get("voi.localhost")  # warm process-wide caches (content types, site roots)
        get("localhost")
        with django_assert_max_num_queries(12):
            assert get("voi.localhost").status_code == 200
        with django_assert_max_num_queries(12):
            assert get("localhost").status_code == 200

    def test_demo_content_is_idempotent(self, demo_content):
        assert demo_content.changed  # the class's load was the first
        before = Page.objects.count()
        report = load_demo_content()
        assert not report.changed
        assert Page.objects.count() == before
