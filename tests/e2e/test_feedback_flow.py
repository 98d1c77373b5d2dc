import re

import pytest
from django.contrib.auth import get_user_model
from django_recaptcha.client import RecaptchaResponse

from home.models import Commune

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def emulate_recaptcha_widget(page):
    """Google's script cannot load here: refuse it, and put in the token its
    widget would add; the server's verification call is stubbed."""
    page.route(re.compile(r"https://www\.(google|gstatic)\.com/.*"), lambda route: route.abort())
    page.evaluate(
        """() => {
            const input = document.createElement('input');
            input.type = 'hidden'; input.name = 'g-recaptcha-response';
            input.value = 'browser-token';
            document.querySelector('form.form').appendChild(input);
        }"""
    )


def test_citizen_sends_feedback_editor_answers_and_publishes(
    browser, live_district, screenshots_dir, monkeypatch
):
    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit", lambda **kwargs: RecaptchaResponse(is_valid=True)
    )
    site = live_district["voi"]
    citizen = browser.new_page(viewport={"width": 390, "height": 844})
    citizen.route(re.compile(r"https://www\.(google|gstatic)\.com/.*"), lambda route: route.abort())
    citizen.goto(site + "/")
    citizen.get_by_role("link", name="Góp ý", exact=True).first.click()
    citizen.get_by_label("Phản ánh").check()
    citizen.locator("#id_subject").fill("Ổ gà trên đường vào thôn Chằm")
    citizen.locator("#id_message").fill(
        "Đường vào thôn Chằm có ổ gà lớn, xe máy dễ ngã khi trời mưa."
    )
    citizen.locator("#id_name").fill("Nguyễn Thị Hoa")
    citizen.locator("#id_phone").fill("0912 888 777")
    citizen.get_by_label(re.compile("Tôi đồng ý để thị trấn công khai")).check()
    emulate_recaptcha_widget(citizen)
    citizen.get_by_role("button", name="Gửi").click()
    citizen.wait_for_url(re.compile(r".*/gop-y/da-gui/.*"))
    code = citizen.locator(".tracking-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    citizen.screenshot(
        path=str(screenshots_dir / "voi-feedback-confirmation-phone.png"), full_page=True
    )

    voi = Commune.objects.get(slug="voi")
    editor = get_user_model().objects.create_user(username="bientap-voi", password="mat-khau-9")
    # The office chief, who answers and, as one of Vôi's approvers, publishes.
    editor.groups.add(voi.editors_group, voi.approvers_group)
    admin = browser.new_page(viewport={"width": 1280, "height": 900})
    admin.goto(site + "/admin/login/")
    admin.locator("#id_username").fill("bientap-voi")
    admin.locator("#id_password").fill("mat-khau-9")
    admin.locator("form button[type=submit]").click()
    admin.goto(site + "/admin/feedback/")
    admin.get_by_role("link", name=code).click()
    admin.locator("#id_status").select_option("answered")
    admin.locator("#id_answer").fill(
        "Xã đã giao tổ công trình vá ổ gà trong tuần này. Cảm ơn chị đã phản ánh."
    )
    admin.get_by_role("button", name=re.compile("^Lưu")).first.click()
    admin.wait_for_url(re.compile(r".*/admin/feedback/$"))
    admin.get_by_role("link", name=code).click()
    # Publishing is its own step: the copy drafted when the answer was saved,
    # read, then confirmed.
    drafted = admin.locator("#id_published_question").input_value()
    assert "Đường vào thôn Chằm có ổ gà lớn" in drafted and "Hoa" not in drafted
    admin.locator("#id_status").select_option("published")
    admin.locator("#id_confirm_published_copy").check()
    admin.get_by_role("button", name=re.compile("^Lưu")).first.click()
    admin.wait_for_url(re.compile(r".*/admin/feedback/$"))

    citizen.goto(site + "/gop-y/hoi-dap/")
    article = citizen.locator("article.qa").first
    assert "Đường vào thôn Chằm có ổ gà lớn" in article.inner_text()
    assert "vá ổ gà trong tuần này" in article.inner_text()
    assert "Nguyễn Thị Hoa" not in citizen.content() and "0912" not in citizen.content()
    citizen.screenshot(path=str(screenshots_dir / "voi-answers-phone.png"), full_page=True)

    citizen.goto(site + "/gop-y/tra-cuu/")
    citizen.locator("#id_code").fill(code)
    citizen.locator("#id_contact").fill("0912888777")
    citizen.get_by_role("button", name="Tra cứu").click()
    assert "vá ổ gà trong tuần này" in citizen.locator("main").inner_text()
    citizen.close()
    admin.close()
