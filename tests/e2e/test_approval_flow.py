"""A news item waits for the chairman's approval, in Debian's Chromium: Vôi's
editor writes it and submits it (there is no "Publish" for them in the
news), it is not on the public site; Vôi's approver logs in, finds it
awaiting review on the dashboard, approves it, and it is live."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from home.models import Commune
from home.moderation import add_commune_approver
from home.sections import SECTIONS_BY_KEY
from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Thị trấn Vôi ra quân tổng vệ sinh môi trường"


def log_in(browser, site: str, username: str, password: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(site + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page


def open_footer_menu(page) -> None:
    """The page editor's footer keeps every action but "Save draft" in a menu."""
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()


def test_editor_submits_news_the_chairman_approves_it(browser, live_district, screenshots_dir):
    site = live_district["voi"]
    voi = Commune.objects.get(slug="voi")
    editor = get_user_model().objects.create_user(username="bientap-voi", password="mat-khau-9")
    editor.groups.add(voi.editors_group)
    add_commune_approver(username="chutich-voi", commune=voi, password="mat-khau-10")
    news = SECTIONS_BY_KEY["news"].existing_page(Page.objects.get(pk=voi.site.root_page_id))

    writer = log_in(browser, site, "bientap-voi", "mat-khau-9")
    writer.goto(f"{site}/admin/pages/add/news/newsarticlepage/{news.pk}/")
    writer.locator("#id_title").fill(TITLE)
    writer.locator("#id_lead").fill(
        "Sáng Chủ nhật, hơn 300 đoàn viên, hội viên các tổ dân phố ra quân dọn vệ sinh "
        "đường phố, khơi thông cống rãnh."
    )
    open_footer_menu(writer)
    assert writer.locator("button[name=action-publish]").count() == 0
    submit = writer.locator("button[name=action-submit]")
    assert submit.inner_text().strip() == f"Gửi tới Lãnh đạo {voi.full_name} duyệt"
    writer.screenshot(path=str(screenshots_dir / "voi-news-submit-for-approval.png"))
    submit.click()
    writer.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    article = NewsArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.workflow_in_progress
    path = article.get_url_parts()[2]
    assert path.startswith("/tin-tuc/")

    citizen = browser.new_page(viewport={"width": 390, "height": 844})
    assert citizen.goto(f"{site}{path}").status == 404
    citizen.goto(f"{site}/tin-tuc/")
    assert TITLE not in citizen.content()

    chairman = log_in(browser, site, "chutich-voi", "mat-khau-10")
    waiting = chairman.locator("section", has_text="Đang chờ bạn duyệt")
    assert waiting.get_by_text(TITLE).count() >= 1
    chairman.screenshot(path=str(screenshots_dir / "voi-approver-dashboard.png"), full_page=True)
    chairman.goto(f"{site}/admin/pages/{article.pk}/edit/")
    open_footer_menu(chairman)
    # "Phê duyệt và xuất bản": the last (only) step approves and publishes
    # (the same with a comment opens a modal).
    approve = chairman.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    assert approve.inner_text().strip() == "Phê duyệt và xuất bản"
    with chairman.expect_navigation():
        approve.click()
    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress
    chairman.screenshot(path=str(screenshots_dir / "voi-approver-approved.png"))

    assert citizen.goto(f"{site}{path}").status == 200
    assert citizen.locator("h1").inner_text() == TITLE
    citizen.goto(f"{site}/tin-tuc/")
    assert TITLE in citizen.content()
    citizen.screenshot(path=str(screenshots_dir / "voi-news-approved-phone.png"), full_page=True)
