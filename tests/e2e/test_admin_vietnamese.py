"""A commune editor's day in the admin is Vietnamese: no English button or
menu label on the explorer, the page editor, and after publishing."""

import csv
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from home.models import Commune

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
GLOSSARY = Path(__file__).resolve().parent.parent.parent / "locale" / "glossary.tsv"


def english_terms() -> list[str]:
    """The glossary's English side, except words its Vietnamese keeps (URL, email)."""
    lines = [
        line
        for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return [
        row["english"] for row in rows if row["english"].lower() not in row["vietnamese"].lower()
    ]


def english_labels(text: str, terms: list[str]) -> list[str]:
    found = []
    for term in terms:
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, flags=re.IGNORECASE):
            found.append(term)
    return found


def visible_labels(page) -> str:
    """Buttons, links, menu items, headings, labels and tab names on screen."""
    return "\n".join(
        page.locator(
            "button:visible, a:visible, label:visible, h1:visible, h2:visible, "
            "[role=tab]:visible, summary:visible, legend:visible, th:visible"
        ).all_inner_texts()
    )


def test_editor_explores_edits_and_publishes_in_vietnamese(browser, live_district, screenshots_dir):
    voi = Commune.objects.get(slug="voi")
    editor = get_user_model().objects.create_user(username="bientap-voi", password="mat-khau-9")
    editor.groups.add(voi.editors_group)
    terms = english_terms()
    site = live_district["voi"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/admin/login/")
    login_text = visible_labels(page)
    page.locator("#id_username").fill("bientap-voi")
    page.locator("#id_password").fill("mat-khau-9")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    screens = {"login": login_text, "dashboard": visible_labels(page)}

    home_id = voi.site.root_page_id
    page.goto(f"{site}/admin/pages/{home_id}/")
    screens["explorer"] = visible_labels(page)
    page.screenshot(path=str(screenshots_dir / "admin-explorer-vi.png"))

    page.get_by_role("link", name=re.compile("Giới thiệu")).first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    screens["editor"] = visible_labels(page)
    page.locator("#id_intro").fill("Thị trấn Vôi là trung tâm huyện Lạng Giang.")
    publish = page.get_by_role("button", name=re.compile("^Xuất bản"))
    if not publish.first.is_visible():
        # Publishing sits in the save button's menu.
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    publish_label = publish.first.inner_text()
    publish.first.click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    screens["after publishing"] = visible_labels(page)
    page.screenshot(path=str(screenshots_dir / "admin-after-publish-vi.png"))

    found = {name: english_labels(text, terms) for name, text in screens.items()}
    assert all(not labels for labels in found.values()), found
    assert publish_label.startswith("Xuất bản")
    assert "Đã xuất bản trang 'Giới thiệu" in page.content()
    assert not re.search(r"\d\s(minute|hour|day|week|month|year)s?\b", page.content())
    page.close()
