"""Every service a resident comes for is at most two taps from a commune's
home page on a phone (390×844), and nothing makes the page scroll sideways
(issue 17: the menu used to be one long sideways-scrolling row)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The seven services the issue names: (page title, address).
SERVICES = [
    ("Thủ tục hành chính", "/thu-tuc/"),
    ("Tra cứu hồ sơ", "/tra-cuu-ho-so/"),
    ("Góp ý", "/gop-y/"),
    ("Đánh giá mức độ hài lòng", "/danh-gia/"),
    ("Liên hệ - Danh bạ", "/lien-he/"),
    ("Tiếp công dân", "/tiep-cong-dan/"),
    ("Tin tức", "/tin-tuc/"),
]
# In the menu too, though not among the seven.
ALSO_IN_MENU = [("Lời chúc", "/loi-chuc/"), ("Lời cảm ơn", "/cam-on/")]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def phone_page(browser):
    return browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)


def menu_panel(page):
    return page.locator(".site-menu__panel")


@pytest.mark.parametrize("title,path", SERVICES + ALSO_IN_MENU)
def test_each_service_is_two_taps_away_through_the_menu(browser, live_district, title, path):
    page = phone_page(browser)
    home = live_district["voi"] + "/"
    page.goto(home)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    link = menu_panel(page).get_by_role("link", name=title, exact=True)
    assert not link.is_visible(), "the menu starts closed"

    page.locator(".site-menu__toggle").tap()  # first tap
    assert link.is_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "off screen"
    assert box["height"] >= 44, "too small to tap"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    link.tap()  # second tap

    page.wait_for_url(live_district["voi"] + path)
    assert page.locator("h1").first.inner_text() == title
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.close()


def test_each_of_the_seven_services_is_one_tap_from_the_home_page(browser, live_district):
    page = phone_page(browser)
    for title, path in SERVICES:
        page.goto(live_district["voi"] + "/")
        grid = page.locator(".services")
        grid.locator(f'a[href="{path}"]').tap()
        page.wait_for_url(live_district["voi"] + path)
        assert page.locator("h1").first.inner_text() == title
    page.close()


def test_the_menu_opens_and_closes_from_the_keyboard(browser, live_district):
    page = phone_page(browser)
    page.goto(live_district["voi"] + "/")
    toggle = page.locator(".site-menu__toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator(".site-menu").get_attribute("open") is not None
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.site-menu__panel') !== null")
    assert focused, "the first link of the open menu takes the focus next"
    toggle.focus()
    page.keyboard.press("Space")
    assert page.locator(".site-menu").get_attribute("open") is None
    page.close()


def test_menu_screenshots_open_and_closed(browser, live_district, screenshots_dir):
    page = phone_page(browser)
    page.goto(live_district["voi"] + "/")
    closed = screenshots_dir / "voi-menu-phone-closed.png"
    page.screenshot(path=str(closed))
    page.locator(".site-menu__toggle").tap()
    opened = screenshots_dir / "voi-menu-phone-open.png"
    page.screenshot(path=str(opened))
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.close()

    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_district["voi"] + "/")
    bar = page.locator(".site-nav__bar")
    assert bar.is_visible()
    assert bar.get_by_role("link", name="Tra cứu hồ sơ", exact=True).is_visible()
    desktop = screenshots_dir / "voi-menu-desktop-closed.png"
    page.screenshot(path=str(desktop))
    assert page.locator(".site-nav").bounding_box()["height"] < 60, "the bar fits one row"
    page.locator(".site-menu__toggle").click()
    assert menu_panel(page).get_by_role("link", name="Lời cảm ơn").is_visible()
    desktop_open = screenshots_dir / "voi-menu-desktop-open.png"
    page.screenshot(path=str(desktop_open))
    page.close()
    for path in (closed, opened, desktop, desktop_open):
        assert path.stat().st_size > 10_000
