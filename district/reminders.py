"""Reminders of the plan's steps by e-mail: ``PROGRAMME_STEP_REMINDER_DAYS``
days before a step's deadline, and once it has passed, to the commune's
editors and the district admins (a district step: the district admins).

A django-tasks task (``send_step_reminders``), queued daily by the command
of the same name. Each reminder is recorded (``StepReminder``) in the
transaction that sends it: a second run the same day sends nothing, a
reminder missed on a day the job did not run goes out the next day, and one
whose mail failed is tried again the next day.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from home.access import commune_editors, district_admin_users
from home.models import Commune

from .models import ReminderKind, StepReminder, StepStatus
from .steps import StepLine, step_lines

logger = logging.getLogger(__name__)


def reminder_due(line: StepLine, today: date, days_before: int) -> str | None:
    """Which reminder the line calls for today, if any."""
    if line.progress is not None and line.progress.status == StepStatus.DONE:
        return None
    if line.overdue:
        return ReminderKind.PASSED
    if 0 <= (line.step.deadline - today).days <= days_before:
        return ReminderKind.BEFORE
    return None


def recipients(line: StepLine) -> list[str]:
    users = list(district_admin_users())
    if line.commune is not None:
        users += list(commune_editors(line.commune))
    return sorted({user.email for user in users if user.email})


def message(line: StepLine, kind: str) -> tuple[str, str]:
    who = line.commune.full_name if line.commune else _("the district")
    values = {
        "number": line.step.number,
        "who": who,
        "deadline": f"{line.step.deadline:%d/%m/%Y}",
        "content": line.step.content,
        "unit": line.step.unit,
        "status": line.status_label,
    }
    if kind == ReminderKind.PASSED:
        subject = _("Step %(number)s of the plan is late: %(who)s") % values
        lead = _("The deadline of step %(number)s (%(deadline)s) has passed for %(who)s.")
    else:
        subject = _("Step %(number)s of the plan is due on %(deadline)s: %(who)s") % values
        lead = _("Step %(number)s of the plan is due on %(deadline)s for %(who)s.")
    body = "\n\n".join(
        [
            lead % values,
            line.step.content,
            _("Unit in charge: %(unit)s") % values,
            _("Status now: %(status)s") % values,
            _("Record its progress and evidence in the admin: District programme › Steps."),
        ]
    )
    return subject, body


def send_reminder(line: StepLine, kind: str) -> bool:
    """Records and sends one reminder; False if it was sent already."""
    to = recipients(line)
    if not to:
        logger.warning("step %s, %s: nobody to remind", line.step.number, line.commune)
        return False
    try:
        with transaction.atomic():
            StepReminder.objects.create(
                step=line.step, commune=line.commune, kind=kind, recipients=", ".join(to)
            )
            subject, body = message(line, kind)
            send_mail(subject, body, None, to)
    except IntegrityError:
        return False
    return True


@task()
def send_step_reminders(today: str | None = None) -> int:
    """Sends the reminders due ``today`` (ISO date; the local today by
    default) that were not sent yet; returns how many went out."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    days_before = settings.PROGRAMME_STEP_REMINDER_DAYS
    sent = set(StepReminder.objects.values_list("step_id", "commune_id", "kind"))
    communes = Commune.objects.filter(site__isnull=False).order_by("code")
    count = 0
    with translation.override(settings.LANGUAGE_CODE):
        for line in step_lines(communes, with_district=True, on=day):
            kind = reminder_due(line, day, days_before)
            owner = line.commune.pk if line.commune else None
            if kind is None or (line.step.pk, owner, kind) in sent:
                continue
            count += send_reminder(line, kind)
    return count
