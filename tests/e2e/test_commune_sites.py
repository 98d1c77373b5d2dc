import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_each_commune_site_shows_its_own_name_and_footer(browser, live_district):
    page = browser.new_page()
    for slug, name, other in (
        ("voi", "Thị trấn Vôi", "Xã Tân Thanh"),
        ("tan-thanh", "Xã Tân Thanh", "Thị trấn Vôi"),
    ):
        page.goto(live_district[slug] + "/")
        assert name in page.title()
        assert page.locator(".site-brand__name").inner_text() == name
        footer = page.locator("footer").inner_text()
        assert f"ubnd.{slug}@langgiang.example" in footer
        assert "Xin chào, xin lỗi, xin cảm ơn, xin phép" in footer
        assert other not in page.locator("header").inner_text()
    page.close()


def test_keyboard_user_can_skip_to_content_and_reach_the_menu(browser, live_district):
    page = browser.new_page()
    page.goto(live_district["voi"] + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(live_district["voi"] + "/")
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="Giới thiệu", exact=True).click()
    assert page.url.endswith("/gioi-thieu/")
    page.close()


@pytest.mark.parametrize("width,height,label", [(390, 844, "phone"), (1280, 900, "desktop")])
def test_commune_home_screenshots(browser, live_district, screenshots_dir, width, height, label):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(live_district["voi"] + "/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, "the page scrolls sideways"
    path = screenshots_dir / f"voi-home-{label}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")  # noqa: T201
    assert path.stat().st_size > 10_000
    page.close()
