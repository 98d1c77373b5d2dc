"""Text messages when things go wrong: example dossiers never text their
made-up numbers (in production, a stranger's phone), a gateway that is down
then back gets each message once, and a send cut off mid-way (a process
killed, the database restarted) is retried instead of hanging for ever."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings
from django.utils import timezone

from procedures.dossiers import claim, save_dossier, send_pending
from procedures.models import DossierStatus, SmsMessage, SmsStatus

from .conftest import make_dossier

pytestmark = pytest.mark.django_db


def test_an_example_dossier_set_ready_never_texts_its_made_up_number(
    communes, outbox, django_capture_on_commit_callbacks
):
    dossier = make_dossier(
        communes["voi"], receipt_code="VOI-VD-0001", applicant_phone="0912000001", is_example=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        dossier.status = DossierStatus.READY
        save_dossier(dossier)
    send_pending(now=timezone.now() + timedelta(days=1))
    assert outbox.messages == []
    assert not SmsMessage.objects.filter(status=SmsStatus.SENT).exists()


def test_no_sender_path_texts_an_example(communes, outbox):
    """Even a message logged before the dossier was marked as an example (or
    written by hand) is refused by the one function that sends."""
    dossier = make_dossier(communes["voi"], receipt_code="VOI-VD-0002", status=DossierStatus.READY)
    SmsMessage.objects.filter(dossier=dossier).update(
        status=SmsStatus.FAILED, next_attempt_at=timezone.now() - timedelta(minutes=1)
    )
    type(dossier).objects.filter(pk=dossier.pk).update(is_example=True)
    outbox.path.write_text("", encoding="utf-8")
    send_pending()
    assert outbox.messages == []


def test_a_send_cut_off_mid_way_is_retried_once_its_lease_expires(communes, outbox):
    dossier = make_dossier(communes["voi"], receipt_code="VOI-LEASE", status=DossierStatus.READY)
    message = SmsMessage.objects.get(dossier=dossier)
    SmsMessage.objects.filter(pk=message.pk).update(status=SmsStatus.FAILED)
    outbox.path.write_text("", encoding="utf-8")
    now = timezone.now()
    assert claim(message.pk, now)  # a worker took it, then died before recording anything
    assert send_pending(now=now + timedelta(minutes=1)) == {}  # still someone else's
    send_pending(now=now + timedelta(hours=1))
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert len(outbox.messages) == 1


class Gateway(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 - the standard library's name
        length = int(self.headers["Content-Length"])
        Gateway.received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"msg-1")

    def log_message(self, *args):
        pass


def test_gateway_down_then_back_sends_each_message_once(
    communes, django_capture_on_commit_callbacks
):
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    port = server.server_address[1]
    server.server_close()  # down: nothing listens on the port yet
    Gateway.received = []
    url = f"http://127.0.0.1:{port}/send"
    with override_settings(SMS_BACKEND="home.sms.HttpSmsBackend", SMS_GATEWAY_URL=url):
        dossier = make_dossier(communes["voi"], receipt_code="VOI-GW")
        with django_capture_on_commit_callbacks(execute=True):
            dossier.status = DossierStatus.READY
            save_dossier(dossier)
        message = SmsMessage.objects.get(dossier=dossier)
        assert (message.status, message.attempts) == (SmsStatus.FAILED, 1)
        assert "refused" in message.last_error.lower()

        server = HTTPServer(("127.0.0.1", port), Gateway)  # back up
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            later = timezone.now() + timedelta(minutes=5)
            send_pending(now=later)
            send_pending(now=later)  # cron overlapping itself
            send_pending(now=later + timedelta(days=1))
        finally:
            server.shutdown()
            server.server_close()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.reference) == (SmsStatus.SENT, 2, "msg-1")
    assert [r["to"] for r in Gateway.received] == ["0912345678"]
