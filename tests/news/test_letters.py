"""Letters (forms 01-04): the register's numbering, the printed letter of each
kind, the signer kept as signed, consent, and privacy."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.models import Page

from contact.models import Letter, LetterKind, LetterSettings, Post
from tests.factories import LetterFactory, OfficialFactory

from .conftest import get

pytestmark = pytest.mark.django_db


@pytest.fixture
def chairman(communes):
    return OfficialFactory(
        commune=communes["voi"],
        full_name="Thân Văn Chủ",
        post=Post.CHAIRMAN,
        term_start=date(2026, 1, 1),
    )


@pytest.fixture
def vice_chairman(communes):
    return OfficialFactory(
        commune=communes["voi"], full_name="Giáp Thị Phó", post=Post.VICE_CHAIRMAN
    )


@pytest.fixture
def editor(editor_a, client_for):
    return client_for(editor_a)


def letter_form(commune, signer, **extra):
    return {
        "commune": commune.pk,
        "kind": LetterKind.THANK_YOU,
        "recipient_name": "Ông Nguyễn Văn An",
        "recipient_address": "Thôn Đồng, thị trấn Vôi",
        "reason": "ủng hộ 20 triệu đồng làm đường giao thông thôn",
        "personal_message": "",
        "letter_date": "2026-11-20",
        "signer": signer.pk,
        "consent_note": "",
        **extra,
    }


def test_numbers_run_per_commune_and_year(communes):
    voi, kep = communes["voi"], communes["kep"]
    first = LetterFactory(commune=voi, letter_date=date(2026, 3, 1))
    second = LetterFactory(commune=voi, kind=LetterKind.CONDOLENCE, letter_date=date(2026, 3, 2))
    other = LetterFactory(commune=kep, letter_date=date(2026, 3, 2))
    next_year = LetterFactory(commune=voi, letter_date=date(2027, 1, 2))
    assert [first.number, second.number, other.number, next_year.number] == [1, 2, 1, 1]
    assert second.reference == "2/TC-UBND" and second.register_entry == "2/TC-UBND (2026)"
    assert next_year.year == 2027
    second.recipient_name = "Đổi tên người nhận"
    second.save()
    second.refresh_from_db()
    assert second.number == 2  # a registered number never changes


def test_editor_drafts_a_letter_that_is_registered_with_drafter_and_signer(
    editor, editor_a, communes, chairman
):
    response = editor.post(reverse("letters:add"), letter_form(communes["voi"], chairman))
    assert response.status_code == 302, response.content.decode()[:2000]
    letter = Letter.objects.get(recipient_name="Ông Nguyễn Văn An")
    assert letter.drafted_by == editor_a
    assert (letter.number, letter.year) == (1, 2026)
    assert (letter.signer_name, letter.signer_position, letter.signer_post) == (
        "Thân Văn Chủ",
        "Chủ tịch UBND",
        Post.CHAIRMAN,
    )
    register = editor.get(reverse("letters:index")).content.decode()
    thead = next(t for t in re.findall(r"<thead.*?</thead>", register, re.S) if "Loại thư" in t)
    headings = [
        " ".join(re.sub(r"<[^>]+>", " ", th).split())
        for th in re.findall(r"<th.*?</th>", thead, re.S)
    ]
    assert headings == ["Số", "Loại thư", "Người nhận", "Ngày của thư", "Người soạn"]
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Ông Nguyễn Văn An.*?</tr>", register, re.S).group(0)
    for expected in (
        "1/TC-UBND (2026)",
        "Thư cảm ơn (mẫu 01)",
        "Ngày 20 tháng 11 năm 2026",
        editor_a.username,
    ):
        assert expected in row, expected


def test_signer_is_kept_as_signed(editor, communes, chairman, vice_chairman):
    editor.post(reverse("letters:add"), letter_form(communes["voi"], chairman))
    letter = Letter.objects.get()
    chairman.full_name = "Tên Đã Đổi Sau Này"
    chairman.post = Post.VICE_CHAIRMAN
    chairman.save()
    form = letter_form(communes["voi"], chairman, recipient_name="Ông Nguyễn Văn An (sửa)")
    assert editor.post(reverse("letters:edit", args=[letter.pk]), form).status_code == 302
    letter.refresh_from_db()
    assert letter.recipient_name == "Ông Nguyễn Văn An (sửa)"
    assert (letter.signer_name, letter.signer_post) == ("Thân Văn Chủ", Post.CHAIRMAN)
    form = letter_form(communes["voi"], vice_chairman)
    editor.post(reverse("letters:edit", args=[letter.pk]), form)
    letter.refresh_from_db()
    assert (letter.signer_name, letter.signer_position) == ("Giáp Thị Phó", "Phó Chủ tịch UBND")


def test_kind_and_commune_are_fixed_once_registered(editor, communes, chairman):
    editor.post(reverse("letters:add"), letter_form(communes["voi"], chairman))
    letter = Letter.objects.get()
    form = letter_form(communes["voi"], chairman, kind=LetterKind.APOLOGY)
    editor.post(reverse("letters:edit", args=[letter.pk]), form)
    letter.refresh_from_db()
    assert letter.kind == LetterKind.THANK_YOU


def printed(client, letter) -> str:
    response = client.get(reverse("letters:print", args=[letter.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("kind", "title", "attachment"),
    [
        (LetterKind.THANK_YOU, "THƯ CẢM ƠN", None),
        (LetterKind.APOLOGY, "THƯ XIN LỖI", None),
        (
            LetterKind.MARRIAGE,
            "THƯ CHÚC MỪNG",
            "CAM KẾT THỰC HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC CƯỚI",
        ),
        (LetterKind.BIRTH, "THƯ CHÚC MỪNG", None),
        (
            LetterKind.CONDOLENCE,
            "THƯ CHIA BUỒN",
            "QUY ĐỊNH THỰC HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC TANG",
        ),
    ],
)
def test_printed_letter_of_each_kind(editor, communes, chairman, kind, title, attachment):
    letter = LetterFactory(
        commune=communes["voi"],
        kind=kind,
        recipient_name="Gia đình ông Lê Văn Nhận",
        reason="lý do riêng của thư này",
        letter_date=date(2026, 2, 5),
        signer=chairman,
        signer_name="Thân Văn Chủ",
        signer_position="Chủ tịch UBND",
        signer_post=Post.CHAIRMAN,
    )
    text = printed(editor, letter)
    assert '<html lang="vi">' in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN" in text and "THỊ TRẤN VÔI" in text
    assert f"Số: {letter.number}/TC-UBND" in text
    assert "Vôi, ngày 05 tháng 02 năm 2026" in text
    assert f'<h1 class="letter-title">{title}</h1>' in text
    assert "Kính gửi: <strong>Gia đình ông Lê Văn Nhận</strong>" in text
    assert "lý do riêng của thư này" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    assert '<p class="strong signer-name">Thân Văn Chủ</p>' in text
    assert "Nơi nhận:" in text
    assert 'href="/static/contact/letter.css"' in text
    assert "<script>" not in text
    if attachment:
        assert attachment in text
    else:
        assert 'class="attachment"' not in text


def test_vice_chairman_signs_on_behalf_of_the_chairman(editor, communes, vice_chairman):
    letter = LetterFactory(
        commune=communes["voi"],
        signer=vice_chairman,
        signer_name=vice_chairman.full_name,
        signer_position=vice_chairman.position_label,
        signer_post=Post.VICE_CHAIRMAN,
    )
    text = printed(editor, letter)
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "TM. " not in text


def test_condolence_letter_prints_the_communes_own_funeral_rules(
    editor, communes, district_admin, client_for
):
    settings = LetterSettings.for_site(communes["voi"].site)
    settings.funeral_rules = "Quy định riêng số một của Vôi\nQuy định riêng số hai"
    settings.save()
    letter = LetterFactory(commune=communes["voi"], kind=LetterKind.CONDOLENCE)
    text = printed(editor, letter)
    assert "<li>Quy định riêng số một của Vôi</li>" in text
    assert "<li>Quy định riêng số hai</li>" in text
    kep_letter = LetterFactory(commune=communes["kep"], kind=LetterKind.CONDOLENCE)
    kep_text = printed(client_for(district_admin), kep_letter)
    assert "Quy định riêng" not in kep_text and "không quá 48 giờ" in kep_text


def test_default_rules_are_the_districts(communes):
    settings = LetterSettings.for_site(communes["kep"].site)
    assert "48 giờ" in settings.funeral_rules
    assert "thách cưới" in settings.wedding_commitment


def test_letter_stylesheet_prints_on_a4_with_vietnamese_fonts():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("contact/letter.css")).read_text(encoding="utf-8")
    assert re.search(r"@page\s*{\s*size:\s*A4;\s*margin:", css)
    assert '"Times New Roman", "Liberation Serif"' in css


def test_only_thank_you_letters_with_consent_can_be_published(editor, communes, chairman):
    form = letter_form(communes["voi"], chairman, publish_on_thanks_page="on")
    response = editor.post(reverse("letters:add"), form)
    assert "Hãy ghi nhận sự đồng ý của người nhận" in response.content.decode()
    form = letter_form(
        communes["voi"],
        chairman,
        kind=LetterKind.APOLOGY,
        consent_to_publish="on",
        consent_note="Đồng ý",
        publish_on_thanks_page="on",
    )
    response = editor.post(reverse("letters:add"), form)
    assert "Chỉ thư cảm ơn mới được đăng công khai." in response.content.decode()
    form = letter_form(communes["voi"], chairman, consent_to_publish="on")
    response = editor.post(reverse("letters:add"), form)
    assert "Hãy ghi rõ người nhận đồng ý bằng cách nào" in response.content.decode()
    assert not Letter.objects.exists()


def public_urls(commune) -> list[str]:
    """Every address of the commune's site a visitor could reach: each live
    page, the feeds, the sitemap, a few paginated listings."""
    root = commune.site.root_page
    urls = ["/", "/sitemap.xml", "/tin-tuc/rss/", "/tin-tuc/atom/", "/thong-bao/podcast/"]
    for page in Page.objects.descendant_of(root).live():
        urls.append("/" + page.url_path.split("/", 2)[2])
    urls += ["/cam-on/?trang=2", "/en/"]
    return urls


def test_apology_and_condolence_letters_have_no_public_address(communes, chairman):
    from district.demo import load_demo_content

    load_demo_content()
    voi = communes["voi"]
    private = [
        LetterFactory(
            commune=voi,
            kind=LetterKind.APOLOGY,
            recipient_name="Bà Riêng Tư Xin Lỗi",
            reason="hồ sơ trễ hẹn riêng tư",
        ),
        LetterFactory(
            commune=voi,
            kind=LetterKind.CONDOLENCE,
            recipient_name="Gia đình Riêng Tư Chia Buồn",
            reason="cụ Riêng Tư đã từ trần",
        ),
    ]
    # Even a wrongly recorded consent does not publish them.
    Letter.objects.filter(pk__in=[p.pk for p in private]).update(
        consent_to_publish=True, publish_on_thanks_page=True
    )
    for url in public_urls(voi):
        response = get("voi", url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", "replace")
        for secret in ("Riêng Tư", "trễ hẹn riêng tư"):
            assert secret not in body, url
    for letter in private:
        response = get("voi", reverse("letters:print", args=[letter.pk]))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert "Riêng Tư" not in get("voi", "/cam-on/").content.decode()
