"""Publishing a citizen's question and its answer on ``/gop-y/hoi-dap/``: the
scrubbed copy is drafted first, an editor reviews it, and only a separate,
confirmed step publishes it. Seen from the citizen's side: nothing that
names them or reaches them (phone, email, name in any spelling) gets onto
the public page."""

import unicodedata
from datetime import date, timedelta

import pytest
from django.test import Client

from contact.models import Feedback, FeedbackStatus
from contact.services import scrub_personal_data
from home.search import fold

from .moderation import moderate

pytestmark = pytest.mark.django_db
S = FeedbackStatus
ANSWERS_PAGE = "/gop-y/hoi-dap/"
HOST = {"HTTP_HOST": "voi.localhost"}


def make_feedback(commune, **extra) -> Feedback:
    values = {
        "tracking_code": f"PUBL-{Feedback.objects.count():04d}",
        "kind": "phan_anh",
        "subject": "Cống thoát nước thôn Chằm bị tắc",
        "message": "Cống thoát nước đầu thôn Chằm bị tắc, nước tràn ra đường.",
        "name": "Trần Văn Bình",
        "phone": "0917654321",
        "email": "binh@example.com",
        "consent_to_publish": True,
        "due_date": date.today() + timedelta(days=14),
        **extra,
    }
    return Feedback.objects.create(commune=commune, **values)


def public_answers() -> str:
    return Client().get(ANSWERS_PAGE, **HOST).content.decode()


@pytest.fixture
def editor(editor_a, communes, client_for):
    """Vôi's editor who is also one of its approvers (``home.moderation``):
    answers go public only by an approver's save."""
    editor_a.groups.add(communes["voi"].approvers_group)
    return client_for(editor_a)


# --- The scrubber: every spelling of what identifies the citizen -------------


@pytest.fixture
def binh(communes):
    return make_feedback(communes["voi"])


@pytest.mark.parametrize(
    "written",
    [
        "(091) 765-4321",
        "(091)765-4321",
        "091 765 4321",
        "917654321",
        "917 654 321",
        "84917654321",
        "+84 (0) 917 654 321",
        "0204 3881 234",
        "204 3881 234",
    ],
)
def test_scrubber_removes_phone_numbers_however_written(binh, written):
    text = f"Gọi cho tôi theo số {written} vào buổi tối."
    scrubbed = scrub_personal_data(text, binh)
    digits = "".join(char for char in scrubbed if char.isdigit())
    assert digits == "", scrubbed
    assert scrubbed.startswith("Gọi cho tôi theo số ") and scrubbed.endswith(" vào buổi tối.")


@pytest.mark.parametrize(
    "written",
    ["Tran Van Binh", "TRAN VAN BINH", "tran van binh", "Trần Văn Binh", "Tran Văn Bình"],
)
def test_scrubber_removes_the_name_typed_without_diacritics(binh, written):
    scrubbed = scrub_personal_data(f"Tôi là {written}, ở thôn Chằm.", binh)
    assert "tran" not in fold(scrubbed) and "binh" not in fold(scrubbed), scrubbed
    assert "thôn Chằm" in scrubbed


def test_scrubber_removes_a_name_written_in_decomposed_unicode(binh):
    decomposed = unicodedata.normalize("NFD", "Tôi là Trần Văn Bình, ở thôn Chằm.")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    scrubbed = scrub_personal_data(decomposed, binh)
    assert "tran" not in fold(scrubbed) and "binh" not in fold(scrubbed), scrubbed
    assert "thôn Chằm" in unicodedata.normalize("NFC", scrubbed)


def test_scrubber_removes_a_name_given_in_decomposed_unicode(communes):
    """The name field itself typed on a phone that sends decomposed letters."""
    feedback = make_feedback(communes["voi"], name=unicodedata.normalize("NFD", "Trần Văn Bình"))
    scrubbed = scrub_personal_data("Tôi là Trần Văn Bình. Cảm ơn anh Bình.", feedback)
    assert "tran" not in fold(scrubbed) and "binh" not in fold(scrubbed), scrubbed


@pytest.mark.parametrize("written", ["anh Bình", "anh Binh", "ANH BÌNH"])
def test_scrubber_removes_the_given_name_alone(binh, written):
    scrubbed = scrub_personal_data(f"Cảm ơn {written} đã phản ánh.", binh)
    assert "binh" not in fold(scrubbed), scrubbed
    assert scrubbed.startswith("Cảm ơn ")


def test_scrubber_removes_family_and_given_name_without_the_middle_name(binh):
    scrubbed = scrub_personal_data("Ông Trần Bình ở thôn Chằm.", binh)
    assert "binh" not in fold(scrubbed), scrubbed


def test_scrubber_keeps_ordinary_words_and_amounts(binh):
    text = (
        "Tình hình bình thường; đã hỗ trợ 150.000.000 đồng năm 2024-2025, "
        "hạn nộp 15/12/2025, mã hồ sơ H06.24-241001-0001."
    )
    assert scrub_personal_data(text, binh) == text


# --- Publication is a separate, reviewed step --------------------------------


def test_answering_drafts_the_scrubbed_copy_without_publishing_it(editor, binh):
    binh.message = "Tôi là Tran Van Binh, số (091) 765-4321. Cống thôn Chằm bị tắc."
    binh.save()
    assert moderate(editor, binh, status=S.ANSWERED, answer="Đã thông cống.").status_code == 302
    binh.refresh_from_db()
    assert binh.status == S.ANSWERED and binh.published_at is None
    assert "Cống thôn Chằm bị tắc." in binh.published_question
    assert "765" not in binh.published_question and "binh" not in fold(binh.published_question)
    assert binh.published_answer == "Đã thông cống."
    assert "Cống thôn Chằm" not in public_answers()


def test_publishing_in_the_same_save_that_drafts_the_copy_is_refused(editor, binh):
    """An answered submission whose published copy is empty (the editor
    cleared it, or it was answered before drafts existed) cannot go public
    in the save that would build the copy: nobody would have read it."""
    binh.status, binh.answer = S.ANSWERED, "Đã thông cống."
    binh.save()
    response = moderate(editor, binh, status=S.PUBLISHED, confirm_published_copy="on")
    assert response.status_code == 200
    binh.refresh_from_db()
    assert binh.status == S.ANSWERED and binh.published_at is None
    assert "Cống thoát nước đầu thôn Chằm" not in public_answers()


def test_publishing_needs_the_editors_confirmation_of_the_reviewed_copy(editor, binh):
    moderate(editor, binh, status=S.ANSWERED, answer="Xã đã thông cống, cảm ơn anh Bình.")
    binh.refresh_from_db()
    assert binh.published_question  # drafted on answering

    refused = moderate(editor, binh, status=S.PUBLISHED)
    assert refused.status_code == 200
    assert "Hãy đọc lại bản công khai" in refused.content.decode()
    binh.refresh_from_db()
    assert binh.status == S.ANSWERED

    reviewed = "Cống thoát nước đầu thôn bị tắc (đã biên tập)."
    response = moderate(
        editor,
        binh,
        status=S.PUBLISHED,
        published_question=reviewed,
        confirm_published_copy="on",
    )
    assert response.status_code == 302
    binh.refresh_from_db()
    assert binh.status == S.PUBLISHED and binh.published_question == reviewed
    page = public_answers()
    assert reviewed in page and "Bình" not in page


def test_a_reviewed_copy_that_still_carries_a_phone_number_is_refused(editor, binh):
    moderate(editor, binh, status=S.ANSWERED, answer="Đã thông cống.")
    response = moderate(
        editor,
        binh,
        status=S.PUBLISHED,
        published_answer="Đã thông cống. Liên hệ anh Bình: (091) 765-4321.",
        confirm_published_copy="on",
    )
    assert response.status_code == 200
    binh.refresh_from_db()
    assert binh.status == S.ANSWERED
    assert "765-4321" not in public_answers()


def test_what_a_citizen_typed_never_reaches_the_public_page(editor, communes, captcha_ok):
    """End to end: the citizen's form, the editor's answer and publication."""
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    message = (
        "Toi la Nguyen Thi Hoa, so dien thoai 912345678 (hoặc (091) 765-4321, 84912345678). "
        "Đường vào thôn Đồng Lạc ngập nước sau mưa."
    )
    response = Client().post(
        "/gop-y/",
        {
            "kind": "phan_anh",
            "subject": "Đường thôn Đồng Lạc ngập",
            "message": message,
            "name": name,
            "phone": "0912345678",
            "consent_to_publish": "on",
            "g-recaptcha-response": "ok",
        },
        **HOST,
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    moderate(editor, feedback, status=S.ANSWERED, answer="Kính gửi chị Hoà: xã đã khơi thông.")
    moderate(editor, feedback, status=S.PUBLISHED, confirm_published_copy="on")
    feedback.refresh_from_db()
    assert feedback.status == S.PUBLISHED
    page = unicodedata.normalize("NFC", public_answers())
    assert "Đường vào thôn Đồng Lạc ngập nước sau mưa." in page
    for personal in ("912345678", "765-4321", "84912345678", "Nguyen Thi Hoa"):
        assert personal not in page, personal
    published = fold(
        f"{feedback.published_title} {feedback.published_question} {feedback.published_answer}"
    )
    assert "hoa" not in published.split() and "nguyen" not in published, published
