"""The office, reception and dialogue pages as citizens see them, and their
provisioning and demo content."""

import re
from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from contact.models import (
    ContactPage,
    DialogueMeetingPage,
    OfficeOpeningPeriod,
    OfficePage,
    Official,
    ReceptionPage,
)
from home.models import Commune, CommuneSettings
from tests.factories import DialogueMeetingPageFactory

pytestmark = pytest.mark.django_db


def get(slug: str, path: str):
    return Client().get(path, HTTP_HOST=f"{slug}.localhost:8000")


def html(slug: str, path: str) -> str:
    response = get(slug, path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_every_commune_gets_the_three_pages():
    for commune in Commune.objects.filter(site__isnull=False):
        root = commune.site.root_page
        for page_type, slug in (
            (ContactPage, "lien-he"),
            (OfficePage, "mot-cua"),
            (ReceptionPage, "tiep-cong-dan"),
        ):
            page = page_type.objects.child_of(root).get()
            assert page.slug == slug and page.live


def test_contact_and_office_are_in_the_menu():
    page = html("voi", "/")
    nav = page.split('class="site-nav"')[1].split("</nav>")[0]
    assert "Liên hệ - Danh bạ" in nav and "Bộ phận một cửa" in nav


def test_office_page_shows_map_link_hours_and_facilities(communes):
    page = OfficePage.objects.child_of(communes["voi"].site.root_page).get()
    page.latitude, page.longitude = "21.364300", "106.250500"
    page.has_wifi, page.wifi_network = True, "UBND-VOI"
    page.has_reading_shelf = True
    page.save()
    settings = CommuneSettings.for_site(communes["voi"].site)
    settings.address = "Trụ sở UBND thị trấn Vôi"
    settings.save()
    OfficeOpeningPeriod.objects.create(page=page, weekday=0, opens=time(7, 30), closes=time(11, 30))
    OfficeOpeningPeriod.objects.create(page=page, weekday=0, opens=time(13, 30), closes=time(17, 0))
    text = html("voi", "/mot-cua/")
    assert (
        'href="https://www.openstreetmap.org/?mlat=21.364300&amp;mlon=106.250500'
        '#map=17/21.364300/106.250500"' in text
    )
    assert "<iframe" not in text
    assert re.search(
        r"Thứ Hai</th>\s*<td><span class=\"nowrap\">07:30 – 11:30</span>, "
        r"<span class=\"nowrap\">13:30 – 17:00</span></td>",
        text,
    )
    assert re.search(r"Chủ Nhật</th>\s*<td>Nghỉ</td>", text)
    assert "Wi-Fi miễn phí, mạng “UBND-VOI”" in text
    assert "Giá sách báo, tài liệu pháp luật" in text
    assert "Trụ sở UBND" in text  # the commune's address when the office has none


def test_meeting_announced_then_outcome_on_the_same_page(communes):
    reception = ReceptionPage.objects.child_of(communes["voi"].site.root_page).get()
    meeting = DialogueMeetingPageFactory(
        parent=reception,
        title="Đối thoại năm nay",
        slug="doi-thoai-nam-nay",
        topics="Đường giao thông nông thôn\nNước sạch",
    )
    text = html("voi", "/tiep-cong-dan/doi-thoai-nam-nay/")
    assert "Hội nghị sắp diễn ra" in text
    assert "<li>Nước sạch</li>" in text
    assert "Kết quả sẽ được đăng tại đây sau hội nghị." in text
    listing = html("voi", "/tiep-cong-dan/")
    assert "Sắp diễn ra" in listing and "Đối thoại năm nay" in listing

    meeting.starts_at = timezone.now() - timedelta(days=1)
    meeting.outcome = "<p>Đã trả lời 9 ý kiến về nước sạch.</p>"
    meeting.save_revision().publish()
    text = html("voi", "/tiep-cong-dan/doi-thoai-nam-nay/")
    assert "Hội nghị đã diễn ra." in text
    assert "Đã trả lời 9 ý kiến về nước sạch." in text
    assert '"@type":"Event"' in text
    listing = html("voi", "/tiep-cong-dan/")
    assert "đã đăng kết quả" in listing


@pytest.mark.usefixtures("demo_content")
class TestWithDemoContent:
    """The demo content, loaded once for these tests."""

    def test_demo_content_fills_directory_office_and_reception(self, demo_content):
        assert demo_content.changed  # the class's load was the first
        voi = Commune.objects.get(slug="voi")
        people = Official.objects.filter(commune=voi)
        assert people.count() == 12 and all(p.is_example and p.phone for p in people)
        office = OfficePage.objects.child_of(voi.site.root_page).get()
        assert office.location_is_example and office.counters.count() == 3
        reception = ReceptionPage.objects.child_of(voi.site.root_page).get()
        assert reception.rule_documents.count() == 4
        assert all(d.document.collection == voi.collection for d in reception.rule_documents.all())
        meetings = DialogueMeetingPage.objects.child_of(reception)
        assert meetings.count() == 2
        assert {m.has_taken_place for m in meetings} == {True, False}

        text = html("voi", "/lien-he/")
        assert "Tên và số điện thoại dưới đây là minh họa" in text
        assert 'class="tel" href="tel:+84' in text
        assert "(minh họa)" in html("voi", "/tiep-cong-dan/")
        assert "Vị trí trên bản đồ là minh họa." in html("voi", "/mot-cua/")

        before = Official.objects.count()
        call_command("load_demo_content", verbosity=0)
        assert Official.objects.count() == before
        assert DialogueMeetingPage.objects.child_of(reception).count() == 2

    def test_contact_pages_render_in_bounded_queries(self, django_assert_max_num_queries):
        paths = ["/mot-cua/", "/tiep-cong-dan/", "/lien-he/", "/tiep-cong-dan/doi-thoai-2025/"]
        paths[-1] = DialogueMeetingPage.objects.filter(url_path__startswith="/voi/").first().url
        for path in paths:
            get("voi", path)
            with django_assert_max_num_queries(12):
                assert get("voi", path).status_code == 200, path
