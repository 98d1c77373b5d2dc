import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_search_without_diacritics_and_open_the_result(browser, live_district, screenshots_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_district["tan-thanh"] + "/")
    page.get_by_role("link", name="Thủ tục hành chính").click()
    page.get_by_label("Tìm thủ tục").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    first = page.locator(".procedure-list a").first
    assert first.inner_text() == "Thủ tục đăng ký khai sinh"
    first.click()
    assert page.url.endswith("/thu-tuc/1.001193/")
    assert page.locator("h1").inner_text() == "Thủ tục đăng ký khai sinh"
    assert page.locator(".procedure__qr svg").count() == 1
    path = screenshots_dir / "tan-thanh-procedure-phone.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")  # noqa: T201
    page.close()
