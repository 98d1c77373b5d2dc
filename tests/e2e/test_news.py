"""The news section in Debian's Chromium: the home page with a live greeting
and the notice banner, and a letter printed to PDF on A4."""

import re
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from contact.models import Letter, LetterKind
from home.models import Commune
from home.services import add_commune_editor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

A4_POINTS = (595.28, 841.89)


@pytest.mark.parametrize("width,height,label", [(390, 844, "phone"), (1280, 900, "desktop")])
def test_home_page_shows_the_live_greeting(
    browser, live_district, screenshots_dir, width, height, label
):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(live_district["voi"] + "/")
    card = page.locator(".greeting-card")
    assert card.count() == 1
    assert "Thư chúc mừng năm mới" in card.locator("h2").inner_text()
    assert "Chủ tịch UBND" in card.locator(".greeting-card__signer").inner_text()
    image = card.locator("img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.evaluate("img => img.currentSrc").endswith(".webp")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(".latest-news .news-item").count() == 3
    path = screenshots_dir / f"voi-home-greeting-{label}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")  # noqa: T201
    page.close()


def test_notice_banner_can_be_dismissed_and_stays_dismissed(browser, live_district):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_district["voi"] + "/")
    notice = page.locator(".notice")
    assert notice.is_visible() and "Tạm ngừng cấp nước" in notice.inner_text()
    close = notice.get_by_role("button", name="Ẩn thông báo này")
    box = close.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    close.click()
    assert not notice.is_visible()
    page.goto(live_district["voi"] + "/tin-tuc/")
    assert not page.locator(".notice").is_visible()
    context.close()


def poppler(tool: str, *args: str) -> str:
    """Run one of poppler-utils' tools on the printed PDF."""
    result = subprocess.run([shutil.which(tool), *args], capture_output=True, check=True, text=True)  # noqa: S603
    return result.stdout


def editor_session(base_url: str) -> dict:
    """A logged-in editor of Vôi, as a browser cookie."""
    voi = Commune.objects.get(slug="voi")
    user, _ = add_commune_editor(username="bientap-e2e", commune=voi, password="pw-e2e")
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user.pk))
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def test_condolence_letter_prints_on_a4(browser, live_district, screenshots_dir):
    base = live_district["voi"]
    letter = Letter.objects.get(commune__slug="voi", kind=LetterKind.CONDOLENCE)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_cookies([editor_session(base)])
    page = context.new_page()
    page.goto(f"{base}/admin/letters/print/{letter.pk}/")
    assert page.locator("h1").inner_text() == "THƯ CHIA BUỒN"
    assert page.locator(".letter-toolbar__print").is_visible()
    page.screenshot(path=str(screenshots_dir / "voi-letter-screen.png"), full_page=True)

    pdf_path = screenshots_dir.parent / "voi-letter-condolence.pdf"
    page.emulate_media(media="print")
    assert not page.locator(".letter-toolbar").is_visible()
    page.pdf(path=str(pdf_path), prefer_css_page_size=True, print_background=True)
    pdf = pdf_path.read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes, "no page in the PDF"
    width, height = (float(v) for v in boxes[0])
    assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1
    assert len(boxes) == 2, "the letter, then the funeral rules on their own page"

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    text = poppler("pdftotext", "-layout", str(pdf_path), "-")
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "THỊ TRẤN VÔI",
        "THƯ CHIA BUỒN",
        letter.recipient_name,
        letter.signer_name,
        "QUY ĐỊNH THỰC HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC TANG",
    ):
        assert expected in " ".join(text.split()), expected
    assert "LiberationSerif" in poppler("pdffonts", str(pdf_path))
    png_base = screenshots_dir / "voi-letter-print-page1"
    poppler("pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf_path), str(png_base))
    print(f"screenshot: {png_base}.png")  # noqa: T201
    context.close()
