"""Mail and text messages about a citizen's feedback, from the citizen's and
the attacker's side: nothing goes to an address typed in a submission that
reCAPTCHA could not verify (no open relay), examples never reach anybody,
and a mail server or SMS gateway that is down, then back, loses nothing
and sends each notice once."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from contact.models import Feedback, FeedbackStatus
from home.models import CommuneSettings

from .moderation import moderate

pytestmark = pytest.mark.django_db
S = FeedbackStatus
HOST = {"HTTP_HOST": "voi.localhost"}
VICTIM = "victim@example.org"


def sms_sent() -> list[dict]:
    path = Path(settings.SMS_FILE_PATH)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(autouse=True)
def empty_sms_file():
    Path(settings.SMS_FILE_PATH).write_text("", encoding="utf-8")


@pytest.fixture
def voi_email(communes):
    commune_settings = CommuneSettings.for_site(communes["voi"].site)
    commune_settings.email = "ubnd.voi@example.vn"
    commune_settings.save()
    return commune_settings.email


def submit(**extra):
    data = {
        "kind": "gop_y",
        "subject": "Mua ngay thuốc giảm cân tại evil.example",
        "message": "Quảng cáo gửi tới nạn nhân.",
        "name": "Khuyến mại",
        "email": VICTIM,
        "phone": "0987654321",
        "g-recaptcha-response": "token",
        **extra,
    }
    return Client().post("/gop-y/", data, **HOST)


def test_unverified_submission_mails_nobody_it_names_but_tells_the_commune(
    captcha_unreachable, voi_email, django_capture_on_commit_callbacks
):
    """Make Google's check fail and type a victim's address: the submission
    is kept for the moderators, the commune is told, the victim gets nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        response = submit()
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert not feedback.verified
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients == [voi_email]
    assert VICTIM not in recipients
    actions = [event.action for event in feedback.events.all()]
    assert "confirmation_withheld" in actions


def test_answer_to_an_unverified_submission_is_not_sent_to_the_typed_contacts(
    captcha_unreachable, editor_a, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    feedback = Feedback.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderate(client_for(editor_a), feedback, status=S.ANSWERED, answer="Xã đã nhận.")
    feedback.refresh_from_db()
    assert feedback.status == S.ANSWERED
    assert [m for m in mail.outbox if VICTIM in m.to] == []
    assert [s for s in sms_sent() if s["to"] == "0987654321"] == []
    assert feedback.events.filter(action="answer_withheld").exists()


def make_feedback(commune, **extra) -> Feedback:
    values = {
        "tracking_code": f"NOTI-{Feedback.objects.count():04d}",
        "kind": "gop_y",
        "subject": "Góp ý ví dụ",
        "message": "Nội dung ví dụ.",
        "name": "Nguyễn Văn Ví Dụ",
        "phone": "0912000001",
        "email": "vidu@example.com",
        "due_date": date.today() + timedelta(days=14),
        **extra,
    }
    return Feedback.objects.create(commune=commune, **values)


def test_an_example_submission_never_texts_or_mails_its_made_up_contacts(
    communes, editor_a, client_for, django_capture_on_commit_callbacks
):
    feedback = make_feedback(communes["voi"])
    Feedback.objects.filter(pk=feedback.pk).update(is_example=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(client_for(editor_a), feedback, status=S.ANSWERED, answer="Ví dụ trả lời.")
    feedback.refresh_from_db()
    assert feedback.status == S.ANSWERED
    assert sms_sent() == []
    assert [m for m in mail.outbox if "vidu@example.com" in m.to] == []


class DownEmailBackend:
    """The mail server refusing connections."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused")


def test_mail_server_down_then_back_sends_every_notice_once(
    captcha_ok, voi_email, django_capture_on_commit_callbacks
):
    with (
        override_settings(EMAIL_BACKEND="tests.contact.test_notices.DownEmailBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert submit(email="lan@example.com").status_code == 302
    feedback = Feedback.objects.get()
    assert mail.outbox == []
    assert feedback.events.filter(action="notified_commune_failed").exists()

    # Back up. The scheduled job runs (twice, as cron may overlap): each
    # notice goes out once, when its back-off has passed.
    from contact.models import FeedbackNotice

    FeedbackNotice.objects.update(next_attempt_at=feedback.submitted_at)
    call_command("send_pending_notices", verbosity=0)
    call_command("send_pending_notices", verbosity=0)
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "lan@example.com",
        voi_email,
    ]
    actions = [event.action for event in feedback.events.all()]
    assert actions.count("notified_commune") == 1 and actions.count("confirmed_to_citizen") == 1
