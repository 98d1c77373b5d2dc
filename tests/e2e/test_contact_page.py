import re

import pytest

from contact.models import LEADERSHIP_POSTS, Official

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_contact_page_on_a_phone_calls_the_leaders(browser, live_district, screenshots_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(live_district["voi"] + "/")
    page.get_by_role("link", name="Liên hệ - Danh bạ").click()
    assert page.locator("h1").inner_text() == "Liên hệ - Danh bạ"

    leadership = page.locator("section[aria-labelledby=leadership-heading]")
    links = leadership.locator("a.tel")
    leaders = Official.objects.filter(commune__slug="voi", post__in=LEADERSHIP_POSTS)
    expected = list(leaders.in_office().in_directory_order())
    assert links.count() == len(expected) == 6
    for link, person in zip(links.all(), expected, strict=True):
        href = link.get_attribute("href")
        assert href == f"tel:+84{person.phone[1:]}"
        assert re.fullmatch(r"\+84\d{9,10}", href.removeprefix("tel:"))
        assert person.phone_display in link.inner_text()
        box = link.bounding_box()
        assert box["height"] >= 44, "a phone link must be easy to tap"

    # No sideways scrolling on a small screen.
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 391)
        .map(e => e.tagName + '.' + e.className + ':' + e.textContent.slice(0, 40))"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    with page.expect_download() as download:
        leadership.get_by_role("link", name=re.compile("Lưu vào danh bạ")).first.click()
    assert download.value.suggested_filename.endswith(".vcf")

    path = screenshots_dir / "voi-contact-phone.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")  # noqa: T201
    page.close()
