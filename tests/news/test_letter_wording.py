"""The apology letter as printed from a late dossier: one full stop, no
capital in mid-sentence, the new appointment date; and who may sign."""

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from contact.letters import save_letter
from contact.models import Letter, LetterKind, Post
from procedures.dossiers import apology_letter_params, apology_letter_url
from procedures.models import Dossier
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def voi_people(communes):
    voi = communes["voi"]
    return {
        "chairman": OfficialFactory(commune=voi, full_name="Thân Văn Chủ", post=Post.CHAIRMAN),
        "vice": OfficialFactory(commune=voi, full_name="Giáp Thị Phó", post=Post.VICE_CHAIRMAN),
        "secretary": OfficialFactory(
            commune=voi, full_name="Ngô Văn Bí", post=Post.PARTY_SECRETARY
        ),
        "police": OfficialFactory(commune=voi, full_name="Hà Văn An", post=Post.POLICE_CHIEF),
        "clerk": OfficialFactory(commune=voi, full_name="Lý Thị Văn", post=Post.OFFICE_STATISTICS),
    }


@pytest.fixture
def kep_chairman(communes):
    return OfficialFactory(commune=communes["kep"], full_name="Đào Văn Kép", post=Post.CHAIRMAN)


def late_dossier(commune, **values) -> Dossier:
    today = timezone.localdate()
    return Dossier.objects.create(
        commune=commune,
        receipt_code="VOI-LATE",
        procedure_name="Đăng ký khai sinh",
        applicant_name="Ông Trần Văn Lâm",
        applicant_phone="0987654321",
        received_on=today - timedelta(days=10),
        appointment_date=today - timedelta(days=2),
        **values,
    )


def letter_text(client, letter) -> str:
    html = client.get(reverse("letters:print", args=[letter.pk])).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_apology_from_a_late_dossier_reads_as_one_sentence(
    communes, voi_people, editor_a, client_for
):
    dossier = late_dossier(communes["voi"], new_appointment_date=date(2026, 12, 15))
    params = apology_letter_params(dossier)
    letter = save_letter(
        Letter(
            commune=communes["voi"],
            kind=LetterKind.APOLOGY,
            recipient_name=params["recipient_name"],
            reason=params["reason"],
            new_appointment_date=date.fromisoformat(params["new_appointment_date"]),
            signer=voi_people["chairman"],
        )
    )
    text = letter_text(client_for(editor_a), letter)
    assert "Kính gửi: Ông Trần Văn Lâm" in text
    assert "thành thật xin lỗi ông Trần Văn Lâm vì: hồ sơ VOI-LATE" in text
    assert "đã không được trả kết quả đúng hẹn. " in text
    assert ".." not in text
    assert "Rất mong ông Trần Văn Lâm thông cảm" in text
    assert "hẹn trả kết quả cho ông Trần Văn Lâm vào ngày 15/12/2026." in text


def test_a_typed_reason_ending_with_a_full_stop_gets_one(
    communes, voi_people, editor_a, client_for
):
    letter = save_letter(
        Letter(
            commune=communes["voi"],
            kind=LetterKind.APOLOGY,
            recipient_name="Bà Lê Thị Hoa",
            reason="giải quyết hồ sơ chậm.",
            signer=voi_people["chairman"],
        )
    )
    text = letter_text(client_for(editor_a), letter)
    assert "xin lỗi bà Lê Thị Hoa vì: giải quyết hồ sơ chậm. " in text
    assert "hẹn trả kết quả" not in text


def test_the_dossier_link_prefills_the_new_appointment_date(communes, voi_people, district_admin):
    from django.test import Client

    dossier = late_dossier(communes["voi"], new_appointment_date=date(2026, 12, 15))
    url = apology_letter_url(dossier)
    assert parse_qs(urlsplit(url).query)["new_appointment_date"] == ["2026-12-15"]
    client = Client()
    client.force_login(district_admin)
    form = client.get(url).content.decode()
    assert re.search(r'name="new_appointment_date"[^>]*value="(15/12/2026|2026-12-15)"', form)
    assert "new_appointment_date" not in apology_letter_params(late_dossier(communes["kep"]))


def signer_options(client, query: str = "") -> dict[str, str]:
    html = client.get(reverse("letters:add") + query).content.decode()
    select = html.split('name="signer"', 1)[1].split("</select>", 1)[0]
    return {
        value: " ".join(label.split())
        for value, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)
    }


def test_only_the_peoples_committee_of_the_letters_commune_signs(
    communes, voi_people, kep_chairman, editor_a, district_admin, client_for
):
    chairman, vice = voi_people["chairman"], voi_people["vice"]
    editor = signer_options(client_for(editor_a))
    assert set(editor) == {str(chairman.pk), str(vice.pk)}
    assert "Thị trấn Vôi" not in editor[str(chairman.pk)]

    admin = client_for(district_admin)
    every = signer_options(admin)
    assert every[str(kep_chairman.pk)].endswith("– Thị trấn Kép")
    assert every[str(vice.pk)].endswith("– Thị trấn Vôi")
    for other in ("police", "secretary", "clerk"):
        assert str(voi_people[other].pk) not in every
    prefilled = signer_options(admin, f"?commune={communes['voi'].code}&kind=apology")
    assert set(prefilled) == {str(chairman.pk), str(vice.pk)}

    response = admin.post(
        reverse("letters:add"),
        {
            "commune": communes["voi"].pk,
            "kind": LetterKind.APOLOGY,
            "recipient_name": "Ông An",
            "reason": "chậm",
            "letter_date": "2026-11-20",
            "signer": kep_chairman.pk,
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert not Letter.objects.exists()
