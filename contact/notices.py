"""Mail and text messages about citizens' feedback, through an outbox.

Notices are written in the transaction that stores what they announce and
sent once it has committed (``deliver_notices``, a task: at once in
development, by the job worker with ``TASKS_BACKEND=database``). A notice
whose sender fails (mail server or SMS gateway down) waits for
``send_pending_notices`` (cron, every few minutes) with a growing back-off,
and is given up after six attempts. Each send is claimed first (see
``home.outbox``), so overlapping runs send a notice once, and a send cut
off mid-way (a killed worker) is retried.

Nothing goes to the contacts typed in a submission that reCAPTCHA could not
verify (anybody could make the check fail and use the commune as a mail
relay) or in an example submission (made-up contacts); the commune's own
inbox is still told. Every outcome is written in the submission's history.
"""

import logging
from datetime import datetime

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from home import outbox
from home.sms import segment_count, send_sms

from .models.feedback import Feedback, FeedbackEvent
from .models.notices import FeedbackNotice, NoticeKind, NoticeStatus

logger = logging.getLogger(__name__)

TO_CITIZEN = {NoticeKind.CONFIRMATION, NoticeKind.ANSWER_EMAIL, NoticeKind.ANSWER_SMS}
FAILURE_ACTIONS = {
    NoticeKind.COMMUNE: "notified_commune_failed",
    NoticeKind.CONFIRMATION: "confirmed_to_citizen_failed",
    NoticeKind.ANSWER_EMAIL: "answer_emailed_failed",
    NoticeKind.ANSWER_SMS: "answer_text_failed",
}


def record(feedback: Feedback, action: str, *, user=None, note: str = "") -> None:
    FeedbackEvent.objects.create(feedback=feedback, action=action, user=user, note=note)


def why_not_to_the_citizen(feedback: Feedback) -> str:
    """Why the citizen's typed contacts must not be written to, or ""."""
    if feedback.is_example:
        return "example entry"
    if not feedback.verified:
        return "not verified by reCAPTCHA: the typed contacts may be anybody's"
    return ""


def queue(feedback: Feedback, kind: str, *, to: str, body: str, subject: str = "") -> bool:
    """Writes a notice to send after commit; a notice to the citizen of an
    unverified or example submission is withheld (and the history says so)."""
    if kind in TO_CITIZEN and (reason := why_not_to_the_citizen(feedback)):
        action = "confirmation_withheld" if kind == NoticeKind.CONFIRMATION else "answer_withheld"
        record(feedback, action, note=f"{kind}: {reason}")
        return False
    FeedbackNotice.objects.create(feedback=feedback, kind=kind, to=to, subject=subject, body=body)
    return True


@task()
def deliver_notices(feedback_id: int) -> None:
    """Sends the submission's notices that are due (after its commit)."""
    now = timezone.now()
    for pk in FeedbackNotice.objects.filter(
        feedback_id=feedback_id, status__in=outbox.RETRYABLE, next_attempt_at__lte=now
    ).values_list("pk", flat=True):
        deliver_notice(pk, now=now)


def send(notice: FeedbackNotice) -> tuple[bool, str, bool]:
    """(sent, reference or error, withheld on purpose); never raises."""
    feedback = notice.feedback
    if notice.kind in TO_CITIZEN and (reason := why_not_to_the_citizen(feedback)):
        return False, reason, True
    if notice.is_text_message:
        result = send_sms(notice.to, notice.body, about=feedback)
        return result.ok, result.reference if result.ok else result.error, result.withheld
    try:
        send_mail(notice.subject, notice.body, None, [notice.to])
    except Exception as error:  # noqa: BLE001 - any sender failure is recorded, never raised
        return False, f"{type(error).__name__}: {error}", False
    return True, notice.to, False


def deliver_notice(notice_id: int, *, now: datetime | None = None, reclaim: bool = False) -> str:
    """Sends one notice if it is due and nobody else is; its status afterwards."""
    now = now or timezone.now()
    if not outbox.claim(FeedbackNotice, notice_id, now, reclaim=reclaim):
        return FeedbackNotice.objects.get(pk=notice_id).status
    notice = FeedbackNotice.objects.select_related("feedback").get(pk=notice_id)
    sent, detail, withheld = send(notice)
    notice.attempts += 1
    if sent:
        notice.status, notice.sent_at, notice.last_error = NoticeStatus.SENT, now, ""
        note = (
            f"{segment_count(notice.body)} segment(s) {detail}"
            if notice.is_text_message
            else notice.to
        )
        record(notice.feedback, notice.kind, note=note[:500])
    elif withheld:
        notice.status, notice.last_error = NoticeStatus.WITHHELD, detail
        record(notice.feedback, "answer_withheld", note=f"{notice.kind}: {detail}")
    else:
        logger.warning(
            "notice %s for feedback %s failed: %s", notice.pk, notice.feedback_id, detail
        )
        outbox.record_failure(notice, now, detail)
        gave_up = notice.status == NoticeStatus.GAVE_UP
        prefix = f"attempt {notice.attempts}" + (", given up" if gave_up else "")
        record(notice.feedback, FAILURE_ACTIONS[notice.kind], note=f"{prefix}: {detail}"[:500])
    notice.save()
    return notice.status


def send_pending_notices(*, now: datetime | None = None) -> dict[str, int]:
    """Every notice due: new, failed and past its back-off, or cut off
    mid-send past its lease. What ``send_pending_notices`` runs."""
    return outbox.send_due(FeedbackNotice, deliver_notice, now or timezone.now())
