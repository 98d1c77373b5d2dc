"""What happens around a dossier: its text message when the result is
ready, sent exactly once with retries; the CSV import from the one-stop
software; the citizen's lookup; the apology letter offered when it is late.
"""

import csv
import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail import hooks

from contact.phones import normalise_phone
from contact.sms import segment_count, send_sms
from home.models import Commune

from .models import Dossier, DossierStatus, SmsEvent, SmsMessage, SmsStatus

logger = logging.getLogger(__name__)

# Retries: 1, 2, 4, 8 … minutes after each failure, then give up.
MAX_ATTEMPTS = 6
MAX_SEGMENTS = 2


# --- Text messages ------------------------------------------------------------


def ready_text(dossier: Dossier) -> str:
    """The notice, in Vietnamese, kept within two UCS-2 segments: the
    procedure's name goes first when the text would be longer."""
    with override(settings.LANGUAGE_CODE):
        values = {
            "commune": dossier.commune.full_name,
            "code": dossier.receipt_code,
            "procedure": dossier.procedure_name,
        }
        text = (
            _(
                "%(commune)s: the result of dossier %(code)s (%(procedure)s) is ready. "
                "Please collect it at the one-stop counter."
            )
            % values
        )
        if not dossier.procedure_name or segment_count(text) > MAX_SEGMENTS:
            text = (
                _(
                    "%(commune)s: the result of dossier %(code)s is ready. "
                    "Please collect it at the one-stop counter."
                )
                % values
            )
    return text


def record_status_events(dossier: Dossier) -> SmsMessage | None:
    """Called inside the dossier's save transaction. A ready dossier gets its
    delivery-log row (unique per dossier and event) and, once committed, one
    send; a second save of the same state finds the row and sends nothing."""
    if dossier.status != DossierStatus.READY:
        return None
    text = ready_text(dossier)
    message, created = SmsMessage.objects.get_or_create(
        dossier=dossier,
        event=SmsEvent.READY,
        defaults={
            "commune_id": dossier.commune_id,
            "to": dossier.applicant_phone,
            "text": text,
            "segments": segment_count(text),
            "status": SmsStatus.PENDING if dossier.applicant_phone else SmsStatus.NO_PHONE,
        },
    )
    if created and message.status == SmsStatus.PENDING:
        transaction.on_commit(lambda pk=message.pk: deliver(pk))
    return message if created else None


def claim(message_id: int, now: datetime) -> bool:
    """Marks the message as being sent, if nobody else has: the conditional
    update is what keeps a commit hook and the retry command from both sending."""
    return bool(
        SmsMessage.objects.filter(
            pk=message_id,
            status__in=[SmsStatus.PENDING, SmsStatus.FAILED],
            next_attempt_at__lte=now,
        ).update(status=SmsStatus.SENDING)
    )


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** (attempts - 1))


def deliver(message_id: int, *, now: datetime | None = None) -> str:
    """Sends one message if it is due; returns its status afterwards."""
    now = now or timezone.now()
    if not claim(message_id, now):
        return SmsMessage.objects.get(pk=message_id).status
    message = SmsMessage.objects.get(pk=message_id)
    result = send_sms(message.to, message.text)
    message.attempts += 1
    if result.ok:
        message.status, message.sent_at, message.reference = SmsStatus.SENT, now, result.reference
        message.last_error = ""
    else:
        logger.warning("SMS %s failed: %s", message.pk, result.error)
        message.last_error = result.error[:1000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = SmsStatus.GAVE_UP
        else:
            message.status = SmsStatus.FAILED
            message.next_attempt_at = now + backoff(message.attempts)
    message.save()
    return message.status


def send_pending(*, now: datetime | None = None) -> dict[str, int]:
    """Every message due (new or failed and past its back-off); what the
    ``send_pending_sms`` command runs every few minutes."""
    now = now or timezone.now()
    due = SmsMessage.objects.filter(
        status__in=[SmsStatus.PENDING, SmsStatus.FAILED], next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    outcome: dict[str, int] = {}
    for pk in list(due):
        status = deliver(pk, now=now)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


# --- Citizens' lookup ----------------------------------------------------------


def find_dossier(commune: Commune, receipt_code: str, last_four: str) -> Dossier | None:
    """The dossier only when both the code and the phone's last four digits
    match; the caller answers the same way for either mistake."""
    dossier = (
        Dossier.objects.filter(commune=commune, receipt_code__iexact=receipt_code.strip())
        .only(
            "receipt_code",
            "procedure_name",
            "received_on",
            "appointment_date",
            "returned_on",
            "status",
            "applicant_phone",
        )
        .first()
    )
    if dossier is None or len(last_four) != 4 or not dossier.applicant_phone.endswith(last_four):
        return None
    return dossier


# --- Apology letter (form 02) --------------------------------------------------

APOLOGY_LETTER_URL_NAMES = ("news_apology_letter_add", "apology_letters:add")


def apology_reason(dossier: Dossier) -> str:
    with override(settings.LANGUAGE_CODE):
        return _(
            "Your dossier %(code)s (%(procedure)s), received on %(received)s, was due on "
            "%(due)s and has not been returned in time."
        ) % {
            "code": dossier.receipt_code,
            "procedure": dossier.procedure_name,
            "received": dossier.received_on.strftime("%d/%m/%Y"),
            "due": dossier.appointment_date.strftime("%d/%m/%Y"),
        }


def apology_letter_params(dossier: Dossier) -> dict[str, str]:
    return {
        "recipient_name": dossier.applicant_name,
        "reason": apology_reason(dossier),
        "receipt_code": dossier.receipt_code,
        "commune": dossier.commune.code,
    }


def apology_letter_url(dossier: Dossier) -> str:
    """The letters app's drafting screen, prefilled; empty when no letters
    app is installed. An app may answer through the ``apology_letter_url``
    hook (given the dossier and the prefill values), or by naming its view
    one of ``APOLOGY_LETTER_URL_NAMES``."""
    params = apology_letter_params(dossier)
    for hook in hooks.get_hooks("apology_letter_url"):
        url = hook(dossier=dossier, params=params)
        if url:
            return url
    for name in APOLOGY_LETTER_URL_NAMES:
        try:
            return f"{reverse(name)}?{urlencode(params)}"
        except NoReverseMatch:
            continue
    return ""


# --- CSV import from the one-stop software -------------------------------------

CSV_COLUMNS = {
    "receipt_code": ("ma_ho_so", "receipt_code"),
    "procedure_code": ("ma_thu_tuc", "procedure_code"),
    "procedure_name": ("ten_thu_tuc", "procedure_name"),
    "applicant_name": ("nguoi_nop", "applicant_name"),
    "applicant_phone": ("so_dien_thoai", "applicant_phone"),
    "received_on": ("ngay_tiep_nhan", "received_on"),
    "appointment_date": ("ngay_hen_tra", "appointment_date"),
    "status": ("trang_thai", "status"),
}
STATUS_WORDS = {
    "da tiep nhan": DossierStatus.RECEIVED,
    "đã tiếp nhận": DossierStatus.RECEIVED,
    "dang xu ly": DossierStatus.IN_PROGRESS,
    "đang xử lý": DossierStatus.IN_PROGRESS,
    "co ket qua": DossierStatus.READY,
    "có kết quả": DossierStatus.READY,
    "da tra ket qua": DossierStatus.RETURNED,
    "đã trả kết quả": DossierStatus.RETURNED,
    "qua han": DossierStatus.OVERDUE,
    "quá hạn": DossierStatus.OVERDUE,
    **{status.value: status for status in DossierStatus},
}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def summary(self) -> str:
        return _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(errors)d errors"
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


def parse_date(value: str) -> date:
    value = value.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise ValueError(_("not a date: %(value)s") % {"value": value})


def read_dossier_csv(content: bytes) -> list[dict]:
    """Rows with our field names, whichever header language the export uses."""
    text = content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for raw in reader:
        row = {}
        for name, headers in CSV_COLUMNS.items():
            row[name] = next(
                ((raw.get(h) or "").strip() for h in headers if raw.get(h) is not None), ""
            )
        rows.append(row)
    return rows


def clean_row(row: dict, number: int) -> tuple[dict | None, list[str]]:
    from procedures.models import Procedure

    errors, values = [], {}
    if not row["receipt_code"]:
        errors.append(_("row %(n)d: no receipt code") % {"n": number})
    if not row["applicant_name"]:
        errors.append(_("row %(n)d: no applicant's name") % {"n": number})
    for name in ("received_on", "appointment_date"):
        try:
            values[name] = parse_date(row[name])
        except ValueError as error:
            errors.append(_("row %(n)d: %(error)s") % {"n": number, "error": error})
    status = STATUS_WORDS.get(row["status"].strip().lower())
    if status is None:
        errors.append(_("row %(n)d: unknown status %(s)r") % {"n": number, "s": row["status"]})
    phone = ""
    if row["applicant_phone"]:
        try:
            phone = normalise_phone(row["applicant_phone"])
        except ValidationError:
            errors.append(_("row %(n)d: not a Vietnamese phone number") % {"n": number})
    if errors:
        return None, errors
    procedure = None
    if row["procedure_code"]:
        procedure = Procedure.objects.filter(code=row["procedure_code"]).first()
    values.update(
        receipt_code=row["receipt_code"],
        applicant_name=row["applicant_name"],
        applicant_phone=phone,
        status=status,
        procedure=procedure,
        procedure_name=row["procedure_name"] or (procedure.name if procedure else ""),
    )
    return values, []


def import_dossiers(*, commune: Commune, rows: list[dict], dry_run: bool = False) -> ImportReport:
    """Create or update the commune's dossiers by receipt code. Every row is
    checked first: one bad row and nothing changes. Status changes go through
    ``Dossier.save``, so ready dossiers get their text message once."""
    report = ImportReport(dry_run=dry_run)
    cleaned = []
    for number, row in enumerate(rows, start=2):
        values, errors = clean_row(row, number)
        report.errors.extend(errors)
        if values:
            cleaned.append(values)
    if report.errors:
        return report
    with transaction.atomic():
        existing = {
            d.receipt_code: d
            for d in Dossier.objects.filter(
                commune=commune, receipt_code__in=[v["receipt_code"] for v in cleaned]
            )
        }
        for values in cleaned:
            dossier = existing.get(values["receipt_code"])
            if dossier is None:
                dossier = Dossier(commune=commune, **values)
                dossier.save()
                existing[dossier.receipt_code] = dossier
                report.created.append(dossier.receipt_code)
                continue
            changed = [k for k, v in values.items() if getattr(dossier, k) != v]
            if not changed:
                report.unchanged += 1
                continue
            for name in changed:
                setattr(dossier, name, values[name])
            if dossier.status == DossierStatus.RETURNED and dossier.returned_on is None:
                dossier.returned_on = timezone.localdate()
            dossier.save()
            report.updated.append(dossier.receipt_code)
        if dry_run:
            transaction.set_rollback(True)
    return report
