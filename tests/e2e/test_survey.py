"""A survey round run end to end on a phone (390×844): the poster's link
opens the questionnaire, a resident answers and sends it, the same phone is
refused a second time, and the answer counts in the results and the chart
on the commune's site and on the portal. Screenshots at phone and desktop
width of each page, for looking at."""

import re

import pytest

from contact.models import SurveyLevel, SurveyResponse, SurveyTopic

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def shoot(page, folder, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def portal_responses(page, commune: str) -> int:
    row = page.locator("table.survey-table tr", has_text=commune).first
    return int(row.locator("td").first.inner_text())


def test_a_resident_answers_once_and_sees_the_results(browser, live_district, screenshots_dir):
    site = live_district["voi"]
    portal = site.replace("voi.localhost", "localhost")
    before = SurveyResponse.objects.filter(commune__slug="voi").count()
    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)

    # The poster carries the survey's link (and its QR code).
    phone.goto(site + "/danh-gia/khao-sat/in-poster/")
    link = phone.locator(".poster__url").inner_text()
    assert link.endswith("/danh-gia/khao-sat/")
    assert phone.locator(".poster__code svg").count() == 1
    shoot(phone, screenshots_dir, "survey-poster-phone")

    phone.goto(link)
    assert phone.locator("h1").inner_text() == "Khảo sát sự hài lòng của người dân"
    fits_the_phone(phone)
    shoot(phone, screenshots_dir, "survey-form-phone")
    phone.get_by_label("Doanh nghiệp").check()
    questions = phone.locator("fieldset.survey-question")
    assert questions.count() == len(SurveyTopic)
    for index in range(len(SurveyTopic)):
        questions.nth(index).get_by_label("Hài lòng", exact=True).check()
    questions.nth(0).get_by_label("Rất hài lòng").check()
    phone.get_by_role("button", name="Gửi phiếu khảo sát").click()
    phone.wait_for_url(re.compile(r".*/danh-gia/khao-sat/cam-on/$"))
    assert "Cảm ơn bạn đã trả lời khảo sát" in phone.locator("h1").inner_text()
    shoot(phone, screenshots_dir, "survey-thanks-phone")
    stored = SurveyResponse.objects.filter(commune__slug="voi")
    assert stored.count() == before + 1
    assert stored.first().respondent_type == "doanh_nghiep"

    # The same phone: told it has answered, and a second sending refused.
    phone.goto(link)
    assert "Bạn đã trả lời đợt khảo sát này trên thiết bị này" in phone.content()
    assert phone.locator("form.survey-form").count() == 0
    # Sent again from the same browser (its cookies), as a resubmitted form would be.
    status = phone.evaluate(
        """async (topics) => {
            const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
            const body = new URLSearchParams({respondent_type: 'nguoi_dan'});
            for (const topic of topics) body.append('q_' + topic, 'hai_long');
            const r = await fetch(location.href, {method: 'POST', body,
                headers: {'X-CSRFToken': token}, redirect: 'manual'});
            return r.status;
        }""",
        list(SurveyTopic.values),
    )
    assert status == 409
    assert stored.count() == before + 1

    # The commune's results, with the chart and its table.
    phone.get_by_role("link", name="Xem kết quả khảo sát").click()
    phone.wait_for_url(re.compile(r".*/danh-gia/khao-sat/ket-qua/$"))
    assert phone.locator("svg.survey-chart__bar").count() == len(SurveyTopic)
    assert phone.locator("table.survey-table tbody tr").count() == len(SurveyLevel)
    fits_the_phone(phone)
    shoot(phone, screenshots_dir, "survey-results-phone")

    # The portal: every commune and the total, the new response counted.
    phone.goto(portal + "/hai-long/khao-sat/")
    section = phone.locator("section.portal-survey")
    assert section.locator("svg.survey-chart__bar").count() >= 2 + len(SurveyTopic)
    assert portal_responses(phone, "Thị trấn Vôi") == before + 1
    fits_the_phone(phone)
    shoot(phone, screenshots_dir, "survey-portal-phone")
    phone.close()

    desktop = browser.new_page(viewport=DESKTOP)
    for name, url in (
        ("survey-form-desktop", site + "/danh-gia/khao-sat/"),
        ("survey-results-desktop", site + "/danh-gia/khao-sat/ket-qua/"),
        ("survey-portal-desktop", portal + "/hai-long/khao-sat/"),
        ("survey-poster-desktop", site + "/danh-gia/khao-sat/in-poster/"),
    ):
        desktop.goto(url)
        shoot(desktop, screenshots_dir, name)
    desktop.close()
