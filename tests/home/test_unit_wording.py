"""Every sentence names a unit by its own kind: Vôi is a thị trấn, Tân Thanh a xã.

For a town (Vôi) and a commune (Tân Thanh), every citizen page (each
section, the feedback, rating and dossier pages in each of their states, a
procedure, the counter poster, the 404 page, the English home), every
message the citizen receives (confirmation and answer e-mails, the answer
and dossier text messages) and a printed letter are rendered, and their
text (what the page shows, and the attributes a reader or a preview shows:
``content``, ``title``, ``alt``, ``aria-label``, ``placeholder``) is checked:

- the unit's own kind is there ("thị trấn" for Vôi, "xã" for Tân Thanh);
- the other kind is not, as a word, once these are taken out: the plan's
  fixed phrase for every unit of the district, "xã, thị trấn"; "xã hội"
  (society: another word); "cấp xã", the national name of the level that
  towns and wards belong to too (procedures are "thủ tục cấp xã");
- in English, "town" is on the town's pages and "commune" is not, except
  in "communes" (the district-wide name of the websites, "Lạng Giang
  communes"), and the other way round for the commune.
"""

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation

from contact.forms import FeedbackForm
from contact.letter_rendering import letter_context
from contact.letters import save_letter
from contact.models import Feedback, FeedbackNotice, FeedbackStatus, Letter, LetterKind, Post
from contact.notices import TO_CITIZEN
from contact.services import apply_moderation, store_feedback
from home.demo import fill_settings, translate_pilot_home
from home.models import Commune, UnitKind, unit_noun, unit_title
from home.services import ProvisionReport
from procedures.dossiers import save_dossier
from procedures.models import Dossier, DossierStatus, SmsMessage
from tests.factories import OfficialFactory

OWN_KIND = {"voi": "thị trấn", "tan-thanh": "xã"}
OTHER_KIND = {"voi": "xã", "tan-thanh": "thị trấn"}
ENGLISH = {"voi": ("town", "commune"), "tan-thanh": ("commune", "town")}
ALLOWED = re.compile(r"xã,\s*thị trấn|xã hội|cấp xã", re.IGNORECASE)
SHOWN_ATTRIBUTES = {"content", "title", "alt", "aria-label", "placeholder"}


class TextOf(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        self.parts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def shown_text(html: str) -> str:
    parser = TextOf()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def words(text: str, word: str) -> list[str]:
    """Each place the word stands alone, with some context to read."""
    text = ALLOWED.sub(" ", text)
    return [
        text[max(0, m.start() - 40) : m.end() + 40]
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    ]


def add_citizen_things(commune: Commune) -> dict[str, str]:
    """A feedback with an e-mail and a phone, answered; a late dossier and a
    ready one; an apology letter. Returns what the lookups need."""
    fill_settings(commune, ProvisionReport())
    translate_pilot_home(commune, ProvisionReport())
    chairman = OfficialFactory(
        commune=commune, full_name="Thân Văn Chủ", post=Post.CHAIRMAN, is_example=True
    )
    feedback = store_feedback(
        commune,
        {
            "kind": "gop_y",
            "subject": "Đèn đường",
            "message": "Đèn đường thôn Chằm hỏng.",
            "name": "Người dân",
            "phone": "0987654321",
            "email": "nguoidan@example.net",
            "consent_to_publish": True,
        },
        verified=True,
    )
    feedback.answer = "Đã thay bóng đèn."
    feedback.status = FeedbackStatus.ANSWERED
    feedback.save()
    apply_moderation(
        feedback, before_status=FeedbackStatus.NEW, changed=["answer", "status"], user=None
    )
    today = timezone.localdate()
    save_dossier(
        Dossier(
            commune=commune,
            receipt_code="LATE-1",
            procedure_name="Đăng ký khai sinh",
            applicant_name="Người nộp",
            applicant_phone="0987654321",
            received_on=today - timedelta(days=10),
            appointment_date=today - timedelta(days=2),
        )
    )
    save_dossier(
        Dossier(
            commune=commune,
            receipt_code="READY-1",
            procedure_name="Đăng ký khai sinh",
            applicant_name="Người nộp",
            applicant_phone="0987654321",
            appointment_date=today,
            status=DossierStatus.READY,
        )
    )
    save_letter(
        Letter(
            commune=commune,
            signer=chairman,
            kind=LetterKind.APOLOGY,
            recipient_name="Ông Nguyễn Văn An",
            reason="hồ sơ đăng ký khai sinh",
            letter_date=date(2026, 11, 20),
        )
    )
    return {"code": feedback.tracking_code}


def rendered(commune: Commune, things: dict[str, str]) -> dict[str, str]:
    """What a citizen of this commune reads, by name."""
    client = Client(HTTP_HOST=f"{commune.slug}.localhost")
    gets = {
        "home": "/",
        "English home": "/en/",
        "about": "/gioi-thieu/",
        "catalogue": "/thu-tuc/",
        "procedure": "/thu-tuc/1.001193/",
        "poster": "/thu-tuc/in-poster/",
        "contact": "/lien-he/",
        "office": "/mot-cua/",
        "reception": "/tiep-cong-dan/",
        "feedback form": "/gop-y/",
        "feedback confirmation": f"/gop-y/da-gui/{things['code']}/",
        "feedback lookup": "/gop-y/tra-cuu/",
        "published answers": "/gop-y/hoi-dap/",
        "rating form": "/danh-gia/",
        "reception rating form": "/danh-gia/tiep-cong-dan/",
        "rating thanks": "/danh-gia/cam-on/",
        "rating results": "/danh-gia/ket-qua/",
        "news": "/tin-tuc/",
        "announcements": "/thong-bao/",
        "greetings": "/loi-chuc/",
        "thanks": "/cam-on/",
        "dossier lookup": "/tra-cuu-ho-so/",
        "not found": "/khong-co-trang-nay/",
    }
    texts = {}
    for name, path in gets.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not found" else 200), name
        texts[name] = shown_text(response.content.decode())
    posts = {
        "feedback answered": (
            "/gop-y/tra-cuu/",
            {"code": things["code"], "contact": "0987654321"},
        ),
        "feedback with no contact": (
            "/gop-y/",
            {"kind": "gop_y", "subject": "x", "message": "y", "name": "z"},
        ),
        "late dossier": ("/tra-cuu-ho-so/", {"receipt_code": "LATE-1", "phone_last_four": "4321"}),
    }
    for name, (path, data) in posts.items():
        texts[name] = shown_text(client.post(path, data).content.decode())
    feedback = Feedback.objects.get(tracking_code=things["code"])
    for notice in FeedbackNotice.objects.filter(feedback=feedback, kind__in=TO_CITIZEN):
        texts[f"message {notice.kind}"] = f"{notice.subject} {notice.body}"
    for sms in SmsMessage.objects.filter(commune=commune):
        texts[f"text message {sms.dossier.receipt_code}"] = sms.text
    letter = Letter.objects.get(commune=commune)
    texts["apology letter"] = shown_text(
        render_to_string("contact/letters/print.html", letter_context(letter))
    )
    return texts


@pytest.mark.parametrize("slug", ["voi", "tan-thanh"])
def test_every_text_names_the_unit_by_its_own_kind(communes, slug):
    commune = communes[slug]
    assert unit_noun(commune.kind) == OWN_KIND[slug]
    texts = rendered(commune, add_citizen_things(commune))
    english = {name: text for name, text in texts.items() if name == "English home"}
    vietnamese = {name: text for name, text in texts.items() if name not in english}
    wrong = {name: words(text, OTHER_KIND[slug]) for name, text in vietnamese.items()}
    assert {name: found for name, found in wrong.items() if found} == {}
    assert [name for name, text in vietnamese.items() if OWN_KIND[slug] not in text.lower()] == []
    own, other = ENGLISH[slug]
    for name, text in english.items():
        assert words(text, other) == [], name
        assert words(text, own), name
    # Beyond the header's name: the sentences the code writes name the kind.
    kind = OWN_KIND[slug]
    assert f"UBND {kind} thành thật xin lỗi" in texts["late dossier"]
    assert f"Xem kết quả đánh giá của {kind}" in texts["rating thanks"]
    assert f"chưa phải danh bạ thật của {kind}" in texts["contact"]
    assert f"để {kind} trả lời bạn" in texts["feedback with no contact"]
    assert f"UBND {kind} đã nhận ý kiến của bạn" in texts["message confirmed_to_citizen"]


def test_the_kind_is_named_in_english_and_in_vietnamese():
    with translation.override("en"):
        assert [unit_noun(kind) for kind in UnitKind.values] == [
            "commune",
            "town",
            "ward",
            "special zone",
            "district",
        ]
        form = FeedbackForm(unit=unit_noun(UnitKind.TOWN))
        assert "The town may publish" in str(form.fields["consent_to_publish"].label)
    with translation.override("vi"):
        assert [unit_title(kind) for kind in UnitKind.values] == [
            "Xã",
            "Thị trấn",
            "Phường",
            "Đặc khu",
            "Huyện",
        ]


def test_a_ward_from_the_registry_is_a_ward(tmp_path, db):
    registry = tmp_path / "communes.csv"
    registry.write_text(
        "code,name,type,slug,full_name,district,province\n"
        "99999,Mới,phường,moi,Phường Mới,Huyện Lạng Giang (217),Tỉnh Bắc Giang (24)\n",
        encoding="utf-8",
    )
    call_command("provision_communes", registry=str(registry), verbosity=0)
    ward = Commune.objects.get(slug="moi")
    assert ward.kind == UnitKind.WARD
    response = Client().get("/lien-he/", HTTP_HOST="moi.localhost")
    assert "lãnh đạo và công chức phường" in shown_text(response.content.decode())
