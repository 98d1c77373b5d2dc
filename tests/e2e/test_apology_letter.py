"""The apology letter a late dossier asks for, drafted from the dossier's
link in the admin, printed to PDF on A4 and pictured (issue 17): it names
the applicant, the reason, and the new appointment date the citizen needs."""

import re
import shutil
from datetime import timedelta

import pytest
from django.utils import timezone

from contact.models import Letter, LetterKind, Official, Post
from home.models import Commune
from procedures.dossiers import apology_letter_url
from procedures.models import Dossier

from .test_news import A4_POINTS, editor_session, poppler

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def late_dossier_of_voi() -> Dossier:
    today = timezone.localdate()
    return Dossier.objects.create(
        commune=Commune.objects.get(slug="voi"),
        receipt_code="VOI-E2E-LATE",
        procedure_name="Đăng ký khai sinh",
        applicant_name="Bà Nguyễn Thị Mai",
        applicant_phone="0987654321",
        received_on=today - timedelta(days=12),
        appointment_date=today - timedelta(days=2),
        new_appointment_date=today + timedelta(days=3),
    )


def test_apology_letter_from_a_late_dossier_prints_with_the_new_date(
    browser, live_district, screenshots_dir
):
    base = live_district["voi"]
    dossier = late_dossier_of_voi()
    chairman = Official.objects.filter(commune__slug="voi", post=Post.CHAIRMAN).first()
    assert chairman is not None, "the demo's Vôi has a chairman to sign"
    new_date = dossier.new_appointment_date.strftime("%d/%m/%Y")

    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_cookies([editor_session(base)])
    page = context.new_page()
    page.goto(base + apology_letter_url(dossier))
    assert page.locator("[name=recipient_name]").input_value() == "Bà Nguyễn Thị Mai"
    assert "VOI-E2E-LATE" in page.locator("[name=reason]").input_value()
    assert page.locator("[name=new_appointment_date]").input_value() in (
        new_date,
        dossier.new_appointment_date.isoformat(),
    )
    page.locator("[name=signer]").select_option(str(chairman.pk))
    page.screenshot(path=str(screenshots_dir / "voi-letter-apology-form.png"), full_page=True)
    page.get_by_role("button", name="Tạo", exact=True).click()
    page.wait_for_load_state("load")
    letter = Letter.objects.get(
        commune__slug="voi", kind=LetterKind.APOLOGY, reason__contains="VOI-E2E-LATE"
    )
    assert letter.new_appointment_date == dossier.new_appointment_date

    page.goto(f"{base}/admin/letters/print/{letter.pk}/")
    page.emulate_media(media="print")
    pdf_path = screenshots_dir.parent / "voi-letter-apology.pdf"
    page.pdf(path=str(pdf_path), prefer_css_page_size=True, print_background=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf_path.read_bytes())
    assert boxes, "no page in the PDF"
    width, height = (float(v) for v in boxes[0])
    assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    text = " ".join(poppler("pdftotext", "-layout", str(pdf_path), "-").split())
    for expected in (
        "THỊ TRẤN VÔI",
        "THƯ XIN LỖI",
        "Kính gửi: Bà Nguyễn Thị Mai",
        "xin lỗi bà Nguyễn Thị Mai vì: hồ sơ VOI-E2E-LATE (Đăng ký khai sinh), tiếp nhận",
        f"hẹn trả kết quả cho bà Nguyễn Thị Mai vào ngày {new_date}.",
        chairman.full_name,
    ):
        assert expected in text, expected
    assert ".." not in text
    png_base = screenshots_dir / "voi-letter-apology-page1"
    poppler("pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf_path), str(png_base))
    print(f"screenshot: {png_base}.png")  # noqa: T201
    context.close()
