"""Writers other than the admin (a command, a shell, an import) call the same
services and get the same side effects: the moderation's history, the answer
sent to the citizen by email and text message, the letter's register number."""

import json
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from contact.letters import save_letter
from contact.models import Feedback, FeedbackStatus, Letter, LetterKind, Post
from contact.services import TransitionError, moderate
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db
S = FeedbackStatus


def texts_sent() -> list[dict]:
    with open(settings.SMS_FILE_PATH, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def a_submission(commune, code: str) -> Feedback:
    return Feedback.objects.create(
        commune=commune,
        tracking_code=code,
        kind="phan_anh",
        subject="Đèn đường thôn Chằm hỏng",
        message="Ba bóng đèn hỏng. Tôi là Lê Thị Hoa, 0987 654 321.",
        name="Lê Thị Hoa",
        phone="0987654321",
        email="hoa@example.com",
        consent_to_publish=True,
        due_date=date.today() + timedelta(days=14),
    )


def answer_from_a_shell(feedback: Feedback, *, user=None) -> Feedback:
    """What a command or ``manage.py shell`` does: change the fields, call the service."""
    before = feedback.status
    feedback.status = S.ANSWERED
    feedback.answer = "Xã đã thay bóng đèn, cảm ơn chị."
    return moderate(feedback, user=user, before_status=before, changed=["status", "answer"])


def test_a_shell_answer_gets_the_history_and_notices_the_admin_gives(
    communes, editor_a, client_for, django_capture_on_commit_callbacks
):
    by_admin = a_submission(communes["voi"], "ADMN-0001")
    by_shell = a_submission(communes["voi"], "SHLL-0001")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor_a).post(
            reverse("feedback:edit", args=[by_admin.pk]),
            {
                "status": S.ANSWERED,
                "assigned_to": "",
                "reason": "",
                "reply_template": "",
                "answer": "Xã đã thay bóng đèn, cảm ơn chị.",
                "published_title": "",
                "published_question": "",
                "published_answer": "",
            },
        )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        answer_from_a_shell(by_shell)

    def history(feedback):
        return [event.action for event in feedback.events.order_by("pk")]

    assert (
        history(by_shell)
        == history(by_admin)
        == [
            "status_changed",
            "answer_emailed",
            "answer_texted",
        ]
    )
    by_shell.refresh_from_db()
    assert by_shell.answered_at is not None
    assert by_shell.events.get(action="status_changed").note == "new → answered"
    emailed = [message for message in mail.outbox if "SHLL-0001" in message.subject]
    assert [message.to for message in emailed] == [["hoa@example.com"]]
    texted = [text for text in texts_sent() if "SHLL-0001" in text["text"]]
    assert [text["to"] for text in texted] == ["0987654321"]
    assert "/gop-y/tra-cuu/" in texted[0]["text"]


def test_a_shell_cannot_skip_the_states(communes):
    feedback = a_submission(communes["voi"], "SKIP-0001")
    feedback.status = S.PUBLISHED
    with pytest.raises(TransitionError):
        moderate(feedback, user=None, before_status=S.NEW, changed=["status"])
    assert Feedback.objects.get(pk=feedback.pk).status == S.NEW
    assert not feedback.events.exists()


def test_a_shell_cannot_reopen_what_only_the_district_reopens(communes):
    feedback = a_submission(communes["voi"], "OPEN-0001")
    Feedback.objects.filter(pk=feedback.pk).update(status=S.CLOSED)
    feedback.refresh_from_db()
    feedback.status = S.IN_PROGRESS
    with pytest.raises(TransitionError):
        moderate(feedback, user=None, before_status=S.CLOSED, changed=["status"])


@pytest.fixture
def chairman(communes):
    return OfficialFactory(commune=communes["voi"], full_name="Thân Văn Chủ", post=Post.CHAIRMAN)


def a_letter(commune, signer, **values) -> Letter:
    fields = {
        "kind": LetterKind.THANK_YOU,
        "recipient_name": "Ông Nguyễn Văn An",
        "reason": "ủng hộ làm đường",
        "letter_date": date(2026, 11, 20),
        **values,
    }
    return Letter(commune=commune, signer=signer, **fields)


def test_letters_written_in_a_shell_share_the_register_with_the_admin(
    communes, chairman, editor_a, client_for
):
    first = save_letter(a_letter(communes["voi"], chairman))
    second = save_letter(a_letter(communes["voi"], chairman, recipient_name="Bà Lê Thị Hoa"))
    assert [(first.number, first.year), (second.number, second.year)] == [(1, 2026), (2, 2026)]
    assert (second.signer_name, second.signer_position) == ("Thân Văn Chủ", "Chủ tịch UBND")
    assert second.drafted_by is None  # nobody signed in: the register says so

    response = client_for(editor_a).post(
        reverse("letters:add"),
        {
            "commune": communes["voi"].pk,
            "kind": LetterKind.APOLOGY,
            "recipient_name": "Ông Trần Văn Bình",
            "recipient_address": "",
            "reason": "hồ sơ trả chậm",
            "personal_message": "",
            "letter_date": "2026-11-21",
            "signer": chairman.pk,
            "consent_note": "",
        },
    )
    assert response.status_code == 302
    third = Letter.objects.get(recipient_name="Ông Trần Văn Bình")
    assert (third.number, third.drafted_by) == (3, editor_a)
    assert save_letter(a_letter(communes["voi"], chairman)).number == 4


def test_the_drafter_is_the_user_the_writer_names(communes, chairman, editor_a):
    letter = save_letter(a_letter(communes["voi"], chairman), user=editor_a)
    assert letter.drafted_by == editor_a


def test_a_registered_letter_keeps_its_number_and_signature(communes, chairman):
    letter = save_letter(a_letter(communes["voi"], chairman))
    chairman.full_name = "Tên Đổi Sau"
    chairman.save()
    letter.recipient_name = "Ông Nguyễn Văn An (sửa)"
    letter.letter_date = date(2027, 1, 5)
    save_letter(letter)
    letter.refresh_from_db()
    assert (letter.number, letter.year) == (1, 2026)
    assert letter.signer_name == "Thân Văn Chủ"


def test_numbers_run_per_commune_and_year_in_the_service(communes, chairman):
    kep_chairman = OfficialFactory(commune=communes["kep"], post=Post.CHAIRMAN)
    voi = save_letter(a_letter(communes["voi"], chairman))
    kep = save_letter(a_letter(communes["kep"], kep_chairman))
    next_year = save_letter(a_letter(communes["voi"], chairman, letter_date=date(2027, 1, 2)))
    assert (voi.number, kep.number, next_year.number, next_year.year) == (1, 1, 1, 2027)


def test_a_letter_saved_past_the_service_is_refused_not_left_unnumbered(communes, chairman):
    with pytest.raises(IntegrityError):
        a_letter(communes["voi"], chairman).save()


def test_a_number_taken_at_the_same_moment_is_drawn_again(communes, chairman, monkeypatch):
    save_letter(a_letter(communes["voi"], chairman))
    drawn = iter([1, 2])  # the first draw is the number another editor just took
    monkeypatch.setattr("contact.letters.next_number", lambda commune_id, year: next(drawn))
    letter = save_letter(a_letter(communes["voi"], chairman))
    assert letter.number == 2
    assert Letter.objects.filter(commune=communes["voi"]).count() == 2
