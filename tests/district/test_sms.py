"""Text messages when a dossier's result is ready: sized for Vietnamese,
sent once per event whatever the number of saves, retried with back-off."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from home.sms import SmsResult, segment_count
from procedures.dossiers import MAX_ATTEMPTS, deliver, ready_text, save_dossier, send_pending
from procedures.models import DossierStatus, SmsMessage, SmsStatus

from .conftest import make_dossier

pytestmark = pytest.mark.django_db


def test_segment_count_for_vietnamese_text():
    assert segment_count("a" * 160) == 1  # GSM alphabet
    assert segment_count("a" * 161) == 2
    assert segment_count("ệ" * 70) == 1  # one diacritic: UCS-2, 70 characters
    assert segment_count("ệ" * 71) == 2  # then 67 per segment
    assert segment_count("ệ" * 134) == 2
    assert segment_count("ệ" * 135) == 3
    assert segment_count("Hồ sơ " + "a" * 64) == 1
    assert segment_count("Hồ sơ " + "a" * 65) == 2


def test_ready_text_is_vietnamese_and_within_three_segments(communes):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-7")
    text = ready_text(dossier)
    assert text == (
        "Thị trấn Vôi: hồ sơ VOI-7 (Đăng ký khai sinh) đã có kết quả. "
        "Mời ông/bà đến Bộ phận một cửa để nhận. Tra cứu: http://voi.localhost/tra-cuu-ho-so/"
    )
    assert segment_count(text) == 3


def test_long_procedure_name_is_dropped_to_stay_within_three_segments(communes):
    dossier = make_dossier(
        communes["voi"],
        receipt_code="VOI-8",
        procedure_name="Thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế "
        "cho trẻ em dưới 6 tuổi (liên thông)",
    )
    text = ready_text(dossier)
    assert "liên thông" not in text
    assert "VOI-8" in text
    assert text.endswith(" Tra cứu: http://voi.localhost/tra-cuu-ho-so/")
    assert segment_count(text) <= 3


def test_ready_dossier_sends_one_message(communes, outbox, django_capture_on_commit_callbacks):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-1")
    assert outbox.messages == []
    dossier.status = DossierStatus.READY
    with django_capture_on_commit_callbacks(execute=True):
        save_dossier(dossier)
    assert outbox.messages == [{"to": "0912345678", "text": ready_text(dossier)}]
    message = SmsMessage.objects.get()
    assert (message.status, message.attempts, message.segments) == (SmsStatus.SENT, 1, 3)
    assert message.commune == communes["voi"]


def test_retried_save_of_the_ready_state_sends_exactly_once(
    communes, outbox, django_capture_on_commit_callbacks
):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-2")
    with django_capture_on_commit_callbacks(execute=True):
        dossier.status = DossierStatus.READY
        save_dossier(dossier)
        save_dossier(dossier)  # the same save retried
        fresh = type(dossier).objects.get(pk=dossier.pk)
        save_dossier(fresh)  # another process saving the same state
    assert len(outbox.messages) == 1
    assert SmsMessage.objects.filter(dossier=dossier).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        dossier.status = DossierStatus.IN_PROGRESS
        save_dossier(dossier)
        dossier.status = DossierStatus.READY
        save_dossier(dossier)
    assert len(outbox.messages) == 1


def test_rolled_back_save_sends_nothing_and_the_retry_sends_once(
    communes, outbox, django_capture_on_commit_callbacks
):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-3")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        dossier.status = DossierStatus.READY
        save_dossier(dossier)
        raise RuntimeError("the request failed after the save")
    assert callbacks == []
    assert SmsMessage.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        save_dossier(dossier)
    assert len(outbox.messages) == 1


def test_no_phone_no_message(communes, outbox, django_capture_on_commit_callbacks):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-4", applicant_phone="")
    with django_capture_on_commit_callbacks(execute=True):
        dossier.status = DossierStatus.READY
        save_dossier(dossier)
    assert outbox.messages == []
    assert SmsMessage.objects.get().status == SmsStatus.NO_PHONE


def test_failed_send_is_retried_with_backoff_then_given_up(
    communes, outbox, monkeypatch, django_capture_on_commit_callbacks
):
    attempts = []

    def failing(to, text, *, about):
        attempts.append(to)
        return SmsResult(ok=False, error="gateway 503")

    monkeypatch.setattr("procedures.dossiers.send_sms", failing)
    dossier = make_dossier(communes["voi"], receipt_code="VOI-5")
    with django_capture_on_commit_callbacks(execute=True):
        dossier.status = DossierStatus.READY
        save_dossier(dossier)
    message = SmsMessage.objects.get()
    assert (message.status, message.attempts, message.last_error) == (
        SmsStatus.FAILED,
        1,
        "gateway 503",
    )
    first_retry = message.next_attempt_at
    assert send_pending() == {}  # not due yet: the back-off holds
    assert len(attempts) == 1
    now = timezone.now()
    for attempt in range(2, MAX_ATTEMPTS + 1):
        now += timedelta(minutes=2 ** (attempt - 1))
        send_pending(now=now)
    message.refresh_from_db()
    assert first_retry > message.created_at
    assert message.attempts == MAX_ATTEMPTS
    assert message.status == SmsStatus.GAVE_UP
    assert len(attempts) == MAX_ATTEMPTS
    assert send_pending(now=now + timedelta(days=1)) == {}


def test_retry_command_sends_a_message_whose_first_send_failed(
    communes, outbox, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        "procedures.dossiers.send_sms",
        lambda to, text, *, about: SmsResult(ok=False, error="timeout"),
    )
    dossier = make_dossier(communes["voi"], receipt_code="VOI-6")
    with django_capture_on_commit_callbacks(execute=True):
        dossier.status = DossierStatus.READY
        save_dossier(dossier)
    monkeypatch.undo()
    from django.core.management import call_command

    SmsMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("send_pending_sms", verbosity=0)
    call_command("send_pending_sms", verbosity=0)
    assert len(outbox.messages) == 1
    assert SmsMessage.objects.get().status == SmsStatus.SENT


def test_a_message_being_sent_is_not_sent_again(communes, outbox):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-9", status=DossierStatus.READY)
    message = SmsMessage.objects.get(dossier=dossier)
    SmsMessage.objects.filter(pk=message.pk).update(status=SmsStatus.SENDING)
    assert deliver(message.pk) == SmsStatus.SENDING
    assert outbox.messages == []
