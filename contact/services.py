"""What happens to a citizen's feedback, for every writer (the citizens'
form, the admin, a command): stored first, then notified, moderated through
fixed states with its history, answered, and published without personal data.
"""

import logging
import secrets
from datetime import date

import holidays
from django.conf import settings
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from home.access import is_district_admin
from home.models import Commune, CommuneSettings
from home.search import fold
from home.sections import section_pages

from . import scrubbing
from .models.feedback import Feedback, FeedbackStatus
from .models.notices import NoticeKind
from .notices import deliver_notices, queue, record

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
    """The day ``days`` working days after ``start``, as the commune's office
    counts them: Monday to Friday, minus Vietnam's public holidays (Tết by
    the lunar calendar, 30/4-1/5, 2/9, their substitute days off), plus the
    Saturdays worked in exchange. The calendar is ``holidays``' for Vietnam,
    kept current as the government announces each year's days off, which a
    list kept here would need a release for."""
    if days <= 0:
        return start
    calendar = holidays.country_holidays("VN", years=range(start.year, start.year + 2))
    return calendar.get_nth_working_day(start, days)


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def keep_photo(photo: File | None) -> tuple[str, str]:
    """Saves the photo in the private storage first: (its name, "") or, when
    the storage fails (a full disk, a read-only volume), ("", the error),
    so that the submission's text is stored without it rather than lost."""
    if not photo:
        return "", ""
    field = Feedback._meta.get_field("photo")
    try:
        return field.storage.save(field.generate_filename(None, photo.name), photo), ""
    except OSError as error:
        logger.error("feedback photo not saved: %s", error)
        return "", f"{type(error).__name__}: {error}"


def store_feedback(commune: Commune, data: dict, *, verified: bool) -> Feedback:
    """Saves the submission in its own transaction, with a unique tracking
    code and its notices; they are sent only once it is committed, so a
    failing sender can never lose it. A photo that cannot be saved is
    dropped (``photo_not_saved`` in the history), never the text."""
    data = dict(data)
    photo_name, photo_error = keep_photo(data.pop("photo", None))
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
                    photo=photo_name,
                    **data,
                )
                record(
                    feedback,
                    "submitted",
                    note="" if verified else "reCAPTCHA unreachable: unverified",
                )
                if photo_error:
                    record(feedback, "photo_not_saved", note=photo_error[:500])
                queue_submission_notices(feedback)
        except IntegrityError:
            continue  # tracking code already taken: draw another
        transaction.on_commit(lambda pk=feedback.pk: deliver_notices.enqueue(pk))
        return feedback
    raise RuntimeError("could not draw a unique tracking code")


def commune_language_override():
    return override(settings.LANGUAGE_CODE)


def queue_submission_notices(feedback: Feedback) -> None:
    """The commune's inbox is told; the citizen gets a confirmation by email
    (unless the submission is unverified or an example)."""
    site = feedback.commune.site
    commune_email = CommuneSettings.for_site(site).email if site else ""
    with commune_language_override():
        if commune_email:
            queue(
                feedback,
                NoticeKind.COMMUNE,
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
            queue(
                feedback,
                NoticeKind.CONFIRMATION,
                to=feedback.email,
                subject=_("The %(unit)s has received your feedback (%(code)s)")
                % {"code": feedback.tracking_code, "unit": feedback.commune.unit_noun},
                body=_(
                    "Thank you. Your tracking code is %(code)s. The %(unit)s will answer "
                    "by %(due)s; you can follow it with this code and your phone or email."
                )
                % {
                    "code": feedback.tracking_code,
                    "due": feedback.due_date.strftime("%d/%m/%Y"),
                    "unit": feedback.commune.unit_noun,
                },
            )


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


def queue_answer_notices(feedback: Feedback, *, lookup_url: str) -> None:
    """The answer by email and a text saying where to read it, sent after
    the moderation's commit (withheld for unverified and example submissions)."""
    name = feedback.commune.full_name
    with commune_language_override():
        if feedback.email:
            queue(
                feedback,
                NoticeKind.ANSWER_EMAIL,
                to=feedback.email,
                subject=_("Answer to your feedback %(code)s") % {"code": feedback.tracking_code},
                body=answer_message(feedback, name),
            )
        if feedback.phone:
            queue(
                feedback,
                NoticeKind.ANSWER_SMS,
                to=feedback.phone,
                body=sms_answer_text(feedback, name, lookup_url),
            )


def check_transition(old: str, new_status: str, *, by_district_admin: bool) -> None:
    """Raises TransitionError unless a submission may go from ``old`` to ``new_status``."""
    if old == new_status:
        return
    who = TRANSITIONS.get((old, new_status))
    if who is None:
        raise TransitionError(
            _("A submission cannot go from “%(old)s” to “%(new)s”.")
            % {"old": S(old).label, "new": S(new_status).label}
        )
    if who == "district" and not by_district_admin:
        raise TransitionError(_("Only district administrators can reopen a submission."))


def scrub_personal_data(text: str, feedback: Feedback) -> str:
    """The text without the citizen's name (in any spelling), phone numbers,
    email addresses or ID card numbers: the draft of what may be published."""
    return scrubbing.scrub(text, name=feedback.name)


def remaining_personal_data(text: str, feedback: Feedback) -> list[str]:
    """What still identifies the citizen in a reviewed copy (the given name
    alone excepted: it may be an ordinary word, the editor decides)."""
    return scrubbing.remaining_personal_data(text, name=feedback.name)


PUBLISHED_FIELDS = {
    "published_title": "subject",
    "published_question": "message",
    "published_answer": "answer",
}


def draft_published_copy(feedback: Feedback) -> dict[str, str]:
    """The scrubbed copy of every published field still empty, for the
    editor to review before a separate, confirmed publication. Drafted only
    for submissions whose author agreed to publication."""
    if not feedback.consent_to_publish:
        return {}
    return {
        field: scrub_personal_data(getattr(feedback, source), feedback)
        for field, source in PUBLISHED_FIELDS.items()
        if not getattr(feedback, field).strip() and getattr(feedback, source).strip()
    }


def lookup_url(feedback: Feedback) -> str:
    """The commune's public "follow your submission" address, for the SMS."""
    site = feedback.commune.site
    if site is None:
        return ""
    page = section_pages(site.root_page, "feedback").get("feedback")
    if page is None:
        return site.root_url
    return page.specific.get_full_url() + page.specific.reverse_subpage("lookup")


def apply_moderation(feedback: Feedback, *, before_status: str, changed, user) -> None:
    """What an editor's save means beyond the fields: history, the answer
    sent to the citizen, the draft of the published copy (made when the
    submission is answered, published only by a later, confirmed save: see
    ``FeedbackModerationForm``) and its search text."""
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
    if feedback.status == S.ANSWERED:
        updates.update(draft_published_copy(feedback))
    if feedback.status == S.PUBLISHED and before_status != S.PUBLISHED:
        updates["published_at"] = now
        record(feedback, "published_copy_confirmed", user=user)
    if feedback.status == S.PUBLISHED:
        updates["search_text"] = fold(
            f"{feedback.published_title} {feedback.published_question} {feedback.published_answer}"
        )
    if updates:
        Feedback.objects.filter(pk=feedback.pk).update(**updates)
        for name, value in updates.items():
            setattr(feedback, name, value)
    if feedback.status == S.ANSWERED and before_status in (S.NEW, S.IN_PROGRESS):
        queue_answer_notices(feedback, lookup_url=lookup_url(feedback))
        transaction.on_commit(lambda pk=feedback.pk: deliver_notices.enqueue(pk))


def moderate(feedback: Feedback, *, user, before_status: str, changed) -> Feedback:
    """Saves an editor's (or any writer's) change to a submission and what it
    means: the transition is checked, the history written, the answer sent
    after commit, the published copy made."""
    check_transition(
        before_status,
        feedback.status,
        by_district_admin=user is not None and is_district_admin(user),
    )
    with transaction.atomic():
        feedback.save()
        apply_moderation(feedback, before_status=before_status, changed=changed, user=user)
    return feedback
