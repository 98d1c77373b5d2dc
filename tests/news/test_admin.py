"""Letters, notice banners, letter settings and greeting signers in the
admin, attacked by the editor of Vôi (A) towards Kép (B)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from contact.models import Letter, LetterKind, LetterSettings, Post
from news.models import GreetingPage, Notice
from tests.factories import GreetingPageFactory, LetterFactory, NoticeFactory, OfficialFactory

pytestmark = pytest.mark.django_db

SECRET = "Bí Mật Của Kép"


def denied(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/login/" not in response["Location"]
    )


@pytest.fixture
def attacker(editor_a, communes, client_for):
    """Vôi's editor, also one of its approvers: greetings are published by them
    (``home.moderation``), and the attacks come with the most rights a
    commune's user can have."""
    editor_a.groups.add(communes["voi"].approvers_group)
    return client_for(editor_a)


@pytest.fixture
def b_chairman(communes):
    return OfficialFactory(commune=communes["kep"], full_name="Chủ Tịch Kép", post=Post.CHAIRMAN)


@pytest.fixture
def a_chairman(communes):
    return OfficialFactory(commune=communes["voi"], full_name="Chủ Tịch Vôi", post=Post.CHAIRMAN)


@pytest.fixture
def b_letter(communes, b_chairman):
    return LetterFactory(
        commune=communes["kep"],
        kind=LetterKind.CONDOLENCE,
        recipient_name=f"Gia đình {SECRET}",
        reason=f"người thân {SECRET} qua đời",
        signer=b_chairman,
        signer_name=b_chairman.full_name,
    )


@pytest.fixture
def a_letter(communes, a_chairman):
    return LetterFactory(
        commune=communes["voi"],
        recipient_name="Ông Người Nhận Của Vôi",
        signer=a_chairman,
        signer_name=a_chairman.full_name,
    )


@pytest.fixture
def b_notice(communes):
    return NoticeFactory(commune=communes["kep"], message=f"Thông báo {SECRET}")


def letter_form(commune, signer, **extra):
    return {
        "commune": commune.pk,
        "kind": LetterKind.THANK_YOU,
        "recipient_name": "Người Nhận Mới",
        "recipient_address": "",
        "reason": "đóng góp",
        "personal_message": "",
        "letter_date": "2026-11-20",
        "signer": signer.pk,
        "consent_note": "",
        **extra,
    }


def test_register_lists_only_own_communes_letters(attacker, a_letter, b_letter):
    text = attacker.get(reverse("letters:index")).content.decode()
    assert "Ông Người Nhận Của Vôi" in text and SECRET not in text
    search = attacker.get(reverse("letters:index"), {"q": "Bí Mật"}).content.decode()
    assert SECRET not in search
    export = attacker.get(reverse("letters:index"), {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Ông Người Nhận Của Vôi" in rows and SECRET not in rows


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage", "print"])
def test_editor_cannot_open_other_communes_letter(attacker, b_letter, view):
    response = attacker.get(reverse(f"letters:{view}", args=[b_letter.pk]))
    assert denied(response), (view, response.status_code)
    assert SECRET not in response.content.decode()


def test_editor_cannot_change_or_delete_other_communes_letter(
    attacker, b_letter, communes, a_chairman
):
    attacker.post(
        reverse("letters:edit", args=[b_letter.pk]),
        letter_form(communes["kep"], a_chairman, recipient_name="Đã Bị Sửa"),
    )
    attacker.post(reverse("letters:delete", args=[b_letter.pk]))
    b_letter.refresh_from_db()
    assert b_letter.recipient_name == f"Gia đình {SECRET}"


def test_editor_cannot_register_a_letter_for_another_commune(attacker, communes, b_chairman):
    response = attacker.post(reverse("letters:add"), letter_form(communes["kep"], b_chairman))
    assert response.status_code == 200
    assert not Letter.objects.filter(recipient_name="Người Nhận Mới").exists()


def test_editor_cannot_have_another_communes_leader_sign(
    attacker, communes, a_chairman, b_chairman
):
    form = attacker.get(reverse("letters:add")).content.decode()
    assert "Chủ Tịch Vôi" in form and "Chủ Tịch Kép" not in form
    response = attacker.post(reverse("letters:add"), letter_form(communes["voi"], b_chairman))
    assert response.status_code == 200
    assert not Letter.objects.filter(recipient_name="Người Nhận Mới").exists()


def test_civil_servants_cannot_sign_letters(attacker, communes):
    clerk = OfficialFactory(commune=communes["voi"], post=Post.OFFICE_STATISTICS)
    response = attacker.post(reverse("letters:add"), letter_form(communes["voi"], clerk))
    assert response.status_code == 200
    assert not Letter.objects.exists()


def test_editor_cannot_delete_a_registered_letter_even_of_own_commune(attacker, a_letter):
    assert denied(attacker.get(reverse("letters:delete", args=[a_letter.pk])))
    attacker.post(reverse("letters:delete", args=[a_letter.pk]))
    assert Letter.objects.filter(pk=a_letter.pk).exists()


def test_editor_prints_own_letter(attacker, a_letter):
    response = attacker.get(reverse("letters:print", args=[a_letter.pk]))
    assert response.status_code == 200
    assert "Ông Người Nhận Của Vôi" in response.content.decode()


def test_district_admin_sees_and_prints_every_letter(
    client_for, district_admin, a_letter, b_letter
):
    client = client_for(district_admin)
    text = client.get(reverse("letters:index")).content.decode()
    assert "Ông Người Nhận Của Vôi" in text and SECRET in text
    assert client.get(reverse("letters:print", args=[b_letter.pk])).status_code == 200


def test_a_user_without_letter_rights_cannot_print(client_for, communes, a_letter):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username="chi-doc", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert denied(client_for(user).get(reverse("letters:print", args=[a_letter.pk])))


def test_notice_banners_are_scoped(attacker, communes, b_notice):
    text = attacker.get(reverse("notices:index")).content.decode()
    assert SECRET not in text
    for view in ("edit", "delete", "history", "usage"):
        response = attacker.get(reverse(f"notices:{view}", args=[b_notice.pk]))
        assert denied(response), view
        assert SECRET not in response.content.decode()
    attacker.post(reverse("notices:delete", args=[b_notice.pk]))
    assert Notice.objects.filter(pk=b_notice.pk).exists()
    response = attacker.post(
        reverse("notices:add"),
        {
            "commune": communes["kep"].pk,
            "message": "Thông báo giả mạo cho Kép",
            "level": "urgent",
            "link": "",
            "starts_at": "2026-11-20 08:00",
            "ends_at": "2026-11-21 08:00",
        },
    )
    assert response.status_code == 200
    assert not Notice.objects.filter(message="Thông báo giả mạo cho Kép").exists()


def test_editor_posts_a_notice_for_own_commune(attacker, communes):
    response = attacker.post(
        reverse("notices:add"),
        {
            "commune": communes["voi"].pk,
            "message": "Ngày tiêm chủng",
            "level": "important",
            "link": "",
            "starts_at": "2026-11-20 08:00",
            "ends_at": "2026-11-21 08:00",
        },
    )
    assert response.status_code == 302
    assert Notice.objects.get(message="Ngày tiêm chủng").commune == communes["voi"]


def test_letter_settings_are_editable_for_own_site_only(attacker, communes):
    own = LetterSettings.for_site(communes["voi"].site)
    other = LetterSettings.for_site(communes["kep"].site)
    url = "wagtailsettings:edit"
    own_url = reverse(url, args=["contact", "lettersettings", communes["voi"].site.pk])
    other_url = reverse(url, args=["contact", "lettersettings", communes["kep"].site.pk])
    assert attacker.get(own_url).status_code == 200
    assert denied(attacker.get(other_url))
    attacker.post(other_url, {"funeral_rules": "Sửa trộm", "wedding_commitment": "Sửa trộm"})
    other.refresh_from_db()
    assert "Sửa trộm" not in other.funeral_rules
    response = attacker.post(
        own_url, {"funeral_rules": "Quy định của Vôi", "wedding_commitment": "Cam kết của Vôi"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.funeral_rules == "Quy định của Vôi"


def greeting_form(page, signer, **extra):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "occasion": "new-year",
            "text": rich_text("<p>Chúc mừng năm mới</p>"),
            "image": "",
            "signer": signer.pk if signer else "",
            "starts_at": "2026-11-20 08:00",
            "ends_at": "2026-12-20 08:00",
            "action-publish": "publish",
            **extra,
        }
    )


def test_greeting_signer_must_be_a_leader_of_the_commune(
    attacker, communes, a_chairman, b_chairman
):
    from news.models import GreetingIndexPage

    index = GreetingIndexPage.objects.child_of(communes["voi"].site.root_page).get()
    page = GreetingPageFactory(parent=index, title="Chúc Tết", slug="chuc-tet")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = attacker.get(edit_url).content.decode()
    assert "Chủ Tịch Vôi" in form and "Chủ Tịch Kép" not in form
    response = attacker.post(edit_url, greeting_form(page, b_chairman))
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.signer is None

    response = attacker.post(edit_url, greeting_form(page, a_chairman))
    assert response.status_code == 302
    page = GreetingPage.objects.get(pk=page.pk)
    assert (page.signer_name, page.signer_position) == ("Chủ Tịch Vôi", "Chủ tịch UBND")
    a_chairman.full_name = "Người Kế Nhiệm"
    a_chairman.save()
    attacker.post(edit_url, greeting_form(page, a_chairman, title="Chúc Tết (sửa)"))
    page = GreetingPage.objects.get(pk=page.pk)
    assert page.title == "Chúc Tết (sửa)" and page.signer_name == "Chủ Tịch Vôi"


def test_edit_screen_offers_to_print_own_letter(attacker, a_letter):
    text = attacker.get(reverse("letters:edit", args=[a_letter.pk])).content.decode()
    assert reverse("letters:print", args=[a_letter.pk]) in text


def test_announcement_audio_must_be_an_audio_file_of_the_commune(attacker, communes):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from news.models import AnnouncementIndexPage, AnnouncementPage

    index = AnnouncementIndexPage.objects.child_of(communes["voi"].site.root_page).get()
    pdf = Document(title="Không phải âm thanh", collection=communes["voi"].collection)
    pdf.file.save("van-ban.pdf", ContentFile(b"%PDF-1.4"), save=False)
    pdf.save()
    foreign = Document(title="Ghi âm của Kép", collection=communes["kep"].collection)
    foreign.file.save("kep.mp3", ContentFile(b"ID3"), save=False)
    foreign.save()
    add_url = reverse("wagtailadmin_pages:add", args=["news", "announcementpage", index.pk])

    def post(audio):
        return attacker.post(
            add_url,
            nested_form_data(
                {
                    "title": "Thông báo có ghi âm",
                    "slug": "co-ghi-am",
                    "date": "2026-11-20",
                    "text": "Nội dung đọc trên loa.",
                    "audio": audio.pk,
                    "action-publish": "publish",
                }
            ),
        )

    response = post(pdf)
    assert response.status_code == 200
    assert "Hãy chọn một tệp âm thanh (MP3, M4A, OGG, OGA, WAV)." in response.content.decode()
    response = post(foreign)
    assert response.status_code == 200
    assert "của xã khác" in response.content.decode()
    assert not AnnouncementPage.objects.filter(slug="co-ghi-am").exists()
