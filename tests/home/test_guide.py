"""The editors' guide: reachable from the dashboard and the Help menu, open to
every editor, and every screenshot it shows is in the repository."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from home.guide import SECTIONS

GUIDE_DIR = Path(__file__).resolve().parents[2] / "home" / "static" / "home" / "guide"
GUIDE_LINK = "Hướng dẫn dành cho cán bộ biên tập xã"

pytestmark = pytest.mark.django_db


def test_dashboard_links_to_the_guide_for_a_commune_editor(editor_a, client_for):
    response = client_for(editor_a).get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert GUIDE_LINK in html
    assert f'href="{reverse("home_editors_guide")}"' in html


def test_help_menu_lists_the_guide(editor_a, client_for):
    html = client_for(editor_a).get(reverse("wagtailadmin_home")).content.decode()

    # The sidebar's menu is JSON in the page, with the item's name and address.
    assert '"editors-guide-vi"' in html


def test_guide_renders_every_section_and_existing_screenshots(editor_a, client_for):
    response = client_for(editor_a).get("/admin/huong-dan/")

    assert response.status_code == 200
    html = response.content.decode()
    for anchor, heading, shots in SECTIONS:
        assert f'id="{anchor}"' in html, anchor
        assert heading in html, heading
        for name in shots:
            assert f"home/guide/{name}" in html, name
    referenced = set(re.findall(r"home/guide/([\w.-]+\.png)", html))
    listed = {name for _anchor, _heading, shots in SECTIONS for name in shots}
    assert referenced == listed
    missing = [name for name in referenced if not (GUIDE_DIR / name).is_file()]
    assert not missing, f"run scripts/guide_screenshots.py: {missing}"


def test_every_image_of_the_guide_has_alt_text(editor_a, client_for):
    html = client_for(editor_a).get("/admin/huong-dan/").content.decode()
    guide = html[html.index('class="guide"') :]

    images = re.findall(r"<img\b[^>]*>", guide)
    assert images
    assert all(re.search(r'alt="[^"]{20,}"', tag) for tag in images), images


def test_no_screenshot_left_unused():
    listed = {name for _anchor, _heading, shots in SECTIONS for name in shots}

    assert {path.name for path in GUIDE_DIR.glob("*.png")} == listed


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/admin/huong-dan/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
