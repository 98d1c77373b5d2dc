"""What happens to a citizen's feedback: stored first, then notified,
moderated through fixed states, answered, and published without personal data.
"""

import logging
import re
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from home.models import Commune, CommuneSettings

from .models import Feedback, FeedbackEvent, FeedbackStatus
from .sms import segment_count, send_sms

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: codes are read out over the phone and typed on small screens.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

S = FeedbackStatus
# (from, to) -> who may make the change: "editor" (the commune's editors and
# district admins) or "district" (district admins only).
TRANSITIONS = {
    (S.NEW, S.IN_PROGRESS): "editor",
    (S.NEW, S.ANSWERED): "editor",
    (S.NEW, S.SPAM): "editor",
    (S.NEW, S.REJECTED): "editor",
    (S.IN_PROGRESS, S.ANSWERED): "editor",
    (S.IN_PROGRESS, S.REJECTED): "editor",
    (S.ANSWERED, S.PUBLISHED): "editor",
    (S.ANSWERED, S.CLOSED): "editor",
    (S.PUBLISHED, S.CLOSED): "editor",
    (S.SPAM, S.NEW): "editor",
    (S.REJECTED, S.IN_PROGRESS): "district",
    (S.CLOSED, S.IN_PROGRESS): "district",
}


class TransitionError(Exception):
    pass


def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days (Monday to Friday) after ``start``."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def store_feedback(commune: Commune, data: dict, *, verified: bool) -> Feedback:
    """Saves the submission in its own transaction, with a unique tracking
    code; notices are queued only once it is committed, so a failing sender
    can never lose it."""
    submitted_at = timezone.now()
    due = add_working_days(timezone.localdate(submitted_at), settings.FEEDBACK_ANSWER_WORKING_DAYS)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                feedback = Feedback.objects.create(
                    commune=commune,
                    tracking_code=new_tracking_code(),
                    submitted_at=submitted_at,
                    due_date=due,
                    verified=verified,
                    **data,
                )
                FeedbackEvent.objects.create(
                    feedback=feedback,
                    action="submitted",
                    note="" if verified else "reCAPTCHA unreachable: unverified",
                )
        except IntegrityError:
            continue  # tracking code already taken: draw another
        transaction.on_commit(lambda pk=feedback.pk: notify_new_feedback.enqueue(pk))
        return feedback
    raise RuntimeError("could not draw a unique tracking code")


def record(feedback: Feedback, action: str, *, user=None, note: str = "") -> None:
    FeedbackEvent.objects.create(feedback=feedback, action=action, user=user, note=note)


def commune_language_override():
    return override(settings.LANGUAGE_CODE)


@task()
def notify_new_feedback(feedback_id: int) -> None:
    """Tells the commune's inbox and confirms to the citizen by email; every
    outcome, failures included, goes to the submission's history."""
    feedback = Feedback.objects.select_related("commune__site").get(pk=feedback_id)
    site = feedback.commune.site
    commune_email = CommuneSettings.for_site(site).email if site else ""
    with commune_language_override():
        if commune_email:
            deliver_email(
                feedback,
                "notified_commune",
                to=commune_email,
                subject=_("New feedback %(code)s: %(subject)s")
                % {"code": feedback.tracking_code, "subject": feedback.subject},
                body=_("Received %(when)s. Answer due by %(due)s.\n\n%(message)s")
                % {
                    "when": timezone.localtime(feedback.submitted_at).strftime("%d/%m/%Y %H:%M"),
                    "due": feedback.due_date.strftime("%d/%m/%Y"),
                    "message": feedback.message,
                },
            )
        if feedback.email:
            deliver_email(
                feedback,
                "confirmed_to_citizen",
                to=feedback.email,
                subject=_("We received your feedback (%(code)s)")
                % {"code": feedback.tracking_code},
                body=_(
                    "Thank you. Your tracking code is %(code)s. The commune will answer "
                    "by %(due)s; you can follow it with this code and your phone or email."
                )
                % {"code": feedback.tracking_code, "due": feedback.due_date.strftime("%d/%m/%Y")},
            )


def deliver_email(feedback: Feedback, action: str, *, to: str, subject: str, body: str) -> bool:
    try:
        send_mail(subject, body, None, [to])
    except Exception as error:  # noqa: BLE001 - any sender failure is recorded, never raised
        logger.warning("email for feedback %s failed: %s", feedback.pk, error)
        record(feedback, f"{action}_failed", note=f"{type(error).__name__}: {error}"[:500])
        return False
    record(feedback, action, note=to)
    return True


def answer_message(feedback: Feedback, commune_name: str) -> str:
    return _("%(commune)s answers your feedback %(code)s:\n\n%(answer)s") % {
        "commune": commune_name,
        "code": feedback.tracking_code,
        "answer": feedback.answer,
    }


def sms_answer_text(feedback: Feedback, commune_name: str, lookup_url: str) -> str:
    """An SMS is short: say it is answered and where to read it."""
    return _("%(commune)s has answered your feedback %(code)s. Read it at %(url)s") % {
        "commune": commune_name,
        "code": feedback.tracking_code,
        "url": lookup_url,
    }


def send_answer(feedback: Feedback, *, lookup_url: str) -> None:
    """Email the answer and text a notice; failures are recorded, not raised."""
    name = feedback.commune.full_name
    with commune_language_override():
        if feedback.email:
            deliver_email(
                feedback,
                "answer_emailed",
                to=feedback.email,
                subject=_("Answer to your feedback %(code)s") % {"code": feedback.tracking_code},
                body=answer_message(feedback, name),
            )
        if feedback.phone:
            text = sms_answer_text(feedback, name, lookup_url)
            result = send_sms(feedback.phone, text)
            note = f"{segment_count(text)} segment(s) {result.reference or result.error}"
            record(feedback, "answer_texted" if result.ok else "answer_text_failed", note=note)


def check_transition(feedback: Feedback, new_status: str, *, is_district_admin: bool) -> None:
    old = feedback.status
    if old == new_status:
        return
    who = TRANSITIONS.get((old, new_status))
    if who is None:
        raise TransitionError(
            _("A submission cannot go from “%(old)s” to “%(new)s”.")
            % {"old": S(old).label, "new": S(new_status).label}
        )
    if who == "district" and not is_district_admin:
        raise TransitionError(_("Only district administrators can reopen a submission."))


PHONE_LIKE = re.compile(r"(?:\+?84|0)(?:[\s.\-]?\d){8,10}")
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def scrub_personal_data(text: str, feedback: Feedback) -> str:
    """The text without the citizen's name, phone numbers or email addresses,
    so that what is published cannot identify them."""
    scrubbed = EMAIL_LIKE.sub("[…]", text)
    scrubbed = PHONE_LIKE.sub("[…]", scrubbed)
    full_name = " ".join(feedback.name.split())
    if full_name:
        pattern = r"\b" + r"\s+".join(map(re.escape, full_name.split())) + r"\b"
        scrubbed = re.sub(pattern, "[…]", scrubbed, flags=re.IGNORECASE)
        given = full_name.split()[-1]
        # The given name alone, as people sign ("Lan", "anh Hùng"); capitalised
        # only, so that ordinary words spelt the same survive.
        if len(given) >= 2 and given[0].isupper():
            scrubbed = re.sub(r"\b" + re.escape(given) + r"\b", "[…]", scrubbed)
    return scrubbed


def lookup_url(feedback: Feedback) -> str:
    """The commune's public "follow your submission" address, for the SMS."""
    from .models import FeedbackPage

    site = feedback.commune.site
    page = FeedbackPage.objects.live().descendant_of(site.root_page).first() if site else None
    if page is None:
        return site.root_url if site else ""
    return page.get_full_url() + page.reverse_subpage("lookup")


def apply_moderation(feedback: Feedback, *, before_status: str, changed, user) -> None:
    """What an editor's save means beyond the fields: history, the answer
    sent to the citizen, the scrubbed copy and its search text."""
    from procedures.search import fold

    S = FeedbackStatus
    now = timezone.now()
    updates = {}
    if "assigned_to" in changed:
        record(feedback, "assigned", user=user, note=str(feedback.assigned_to or ""))
    if "answer" in changed and before_status == feedback.status:
        record(feedback, "answer_edited", user=user)
    if feedback.status != before_status:
        record(
            feedback,
            "status_changed",
            user=user,
            note=f"{before_status} → {feedback.status}"
            + (f": {feedback.reason}" if feedback.status in (S.SPAM, S.REJECTED) else ""),
        )
    if feedback.status in (S.ANSWERED, S.PUBLISHED) and feedback.answered_at is None:
        updates["answered_at"] = now
    if feedback.status == S.PUBLISHED and before_status != S.PUBLISHED:
        question = feedback.published_question or scrub_personal_data(feedback.message, feedback)
        answer = feedback.published_answer or scrub_personal_data(feedback.answer, feedback)
        title = feedback.published_title or scrub_personal_data(feedback.subject, feedback)
        updates.update(
            published_title=title,
            published_question=question,
            published_answer=answer,
            published_at=now,
        )
    if feedback.status == S.PUBLISHED or updates.get("published_question"):
        question = updates.get("published_question", feedback.published_question)
        answer = updates.get("published_answer", feedback.published_answer)
        title = updates.get("published_title", feedback.published_title)
        updates["search_text"] = fold(f"{title} {question} {answer}")
    if updates:
        Feedback.objects.filter(pk=feedback.pk).update(**updates)
        for name, value in updates.items():
            setattr(feedback, name, value)
    answered_now = feedback.status == S.ANSWERED and before_status in (S.NEW, S.IN_PROGRESS)
    if answered_now:
        transaction.on_commit(lambda: send_answer(feedback, lookup_url=lookup_url(feedback)))
