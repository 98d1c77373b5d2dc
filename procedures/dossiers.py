"""What happens around a dossier, for every writer (the admin, the CSV
import, the demo): saving it with its text message when the result is
ready, sent exactly once with retries; the CSV import from the one-stop
software; the apology letter offered when it is late.
"""

import csv
import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from home import outbox
from home.models import Commune
from home.ownership import scope_of, usable
from home.phones import normalise_phone
from home.sections import section_pages
from home.sms import segment_count, send_sms

from .models import Dossier, DossierStatus, Procedure, SmsEvent, SmsMessage, SmsStatus

logger = logging.getLogger(__name__)

# Retries: 1, 2, 4, 8 … minutes after each failure, then give up.
MAX_ATTEMPTS = outbox.MAX_ATTEMPTS
# The look-up page's address (some 45 characters) does not fit in two UCS-2
# segments beside a realistic receipt code; three always hold it.
MAX_SEGMENTS = 3


# --- Text messages ------------------------------------------------------------


def lookup_address(commune: Commune) -> str:
    """The commune's public dossier look-up page, in full (its site's host
    and the page's address, found in the page tree): where the text sends the
    citizen. The site's home when the page is gone; empty without a site."""
    site = commune.site
    if site is None:
        return ""
    page = section_pages(site.root_page, "dossier_lookup").get("dossier_lookup")
    if page is None:
        return site.root_url + "/"
    return page.get_full_url()


def ready_text(dossier: Dossier) -> str:
    """The notice, in Vietnamese, with the look-up page's address, kept
    within ``MAX_SEGMENTS`` UCS-2 segments: the procedure's name goes first
    when the text would be longer; the address never goes."""
    with override(settings.LANGUAGE_CODE):
        values = {
            "commune": dossier.commune.full_name,
            "code": dossier.receipt_code,
            "procedure": dossier.procedure_name,
            "url": lookup_address(dossier.commune),
        }
        if not values["url"]:
            return _without_address(values)
        text = (
            _(
                "%(commune)s: the result of dossier %(code)s (%(procedure)s) is ready. "
                "Please collect it at the one-stop counter. Follow it at %(url)s"
            )
            % values
        )
        if not dossier.procedure_name or segment_count(text) > MAX_SEGMENTS:
            text = (
                _(
                    "%(commune)s: the result of dossier %(code)s is ready. "
                    "Please collect it at the one-stop counter. Follow it at %(url)s"
                )
                % values
            )
    return text


def _without_address(values: dict[str, str]) -> str:
    """A commune without a site of its own (merged away) has no page to name."""
    text = (
        _(
            "%(commune)s: the result of dossier %(code)s (%(procedure)s) is ready. "
            "Please collect it at the one-stop counter."
        )
        % values
    )
    if not values["procedure"] or segment_count(text) > MAX_SEGMENTS:
        text = (
            _(
                "%(commune)s: the result of dossier %(code)s is ready. "
                "Please collect it at the one-stop counter."
            )
            % values
        )
    return text


def save_dossier(dossier: Dossier) -> Dossier:
    """Saves the dossier and, in the same transaction, what its state
    means: a "ready" dossier's text message (sent after commit)."""
    if not dossier.procedure_name and dossier.procedure_id:
        dossier.procedure_name = dossier.procedure.name
    with transaction.atomic():
        dossier.save()
        record_status_events(dossier)
    return dossier


def first_status(dossier: Dossier) -> str:
    """An example's message is logged, never sent: its number is made up."""
    if dossier.is_example:
        return SmsStatus.EXAMPLE
    return SmsStatus.PENDING if dossier.applicant_phone else SmsStatus.NO_PHONE


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
            "status": first_status(dossier),
        },
    )
    if created and message.status == SmsStatus.PENDING:
        transaction.on_commit(lambda pk=message.pk: deliver(pk))
    return message if created else None


def claim(message_id: int, now: datetime, *, reclaim: bool = False) -> bool:
    """Marks the message as being sent, if nobody else has (``home.outbox``)."""
    return outbox.claim(SmsMessage, message_id, now, reclaim=reclaim)


def deliver(message_id: int, *, now: datetime | None = None, reclaim: bool = False) -> str:
    """Sends one message if it is due; returns its status afterwards."""
    now = now or timezone.now()
    if not claim(message_id, now, reclaim=reclaim):
        return SmsMessage.objects.get(pk=message_id).status
    message = SmsMessage.objects.select_related("dossier").get(pk=message_id)
    result = send_sms(message.to, message.text, about=message.dossier)
    message.attempts += 1
    if result.ok:
        message.status, message.sent_at, message.reference = SmsStatus.SENT, now, result.reference
        message.last_error = ""
    elif result.withheld:
        message.status, message.last_error = SmsStatus.EXAMPLE, result.error
    else:
        logger.warning("SMS %s failed: %s", message.pk, result.error)
        outbox.record_failure(message, now, result.error)
    message.save()
    return message.status


def send_pending(*, now: datetime | None = None) -> dict[str, int]:
    """Every message due (new, failed and past its back-off, or cut off
    mid-send past its lease); what the ``send_pending_sms`` command runs
    every few minutes."""
    return outbox.send_due(SmsMessage, deliver, now or timezone.now())


# --- Apology letter (form 02) --------------------------------------------------

# The letters' drafting screen (contact app), reached by its named route, and
# the value of its "apology (form 02)" kind.
APOLOGY_LETTER_URL_NAME = "letters:add"
APOLOGY_LETTER_KIND = "apology"


def apology_reason(dossier: Dossier) -> str:
    with override(settings.LANGUAGE_CODE):
        # Read after "... xin lỗi ông/bà ... vì:": no capital, no full stop.
        return _(
            "your dossier %(code)s (%(procedure)s), received on %(received)s, was due on "
            "%(due)s and has not been returned in time"
        ) % {
            "code": dossier.receipt_code,
            "procedure": dossier.procedure_name,
            "received": dossier.received_on.strftime("%d/%m/%Y"),
            "due": dossier.appointment_date.strftime("%d/%m/%Y"),
        }


def apology_letter_params(dossier: Dossier) -> dict[str, str]:
    params = {
        "recipient_name": dossier.applicant_name,
        "reason": apology_reason(dossier),
        "commune": dossier.commune.code,
    }
    if dossier.new_appointment_date:
        params["new_appointment_date"] = dossier.new_appointment_date.isoformat()
    return params


def apology_letter_url(dossier: Dossier) -> str:
    """The letters' drafting screen, prefilled with the applicant and the
    reason (which names the receipt code)."""
    params = {**apology_letter_params(dossier), "kind": APOLOGY_LETTER_KIND}
    return f"{reverse(APOLOGY_LETTER_URL_NAME)}?{urlencode(params)}"


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
class DossierImportReport:
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


def procedure_for(commune: Commune, code: str) -> Procedure | None:
    """The commune's own procedure with this code, else the district's: never
    another commune's own (``home.ownership``)."""
    if not code:
        return None
    candidates = usable(Procedure.objects.filter(code=code), scope_of([commune]))
    return candidates.order_by(F("commune").asc(nulls_last=True)).first()


def clean_row(row: dict, number: int, commune: Commune) -> tuple[dict | None, list[str]]:
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
    procedure = procedure_for(commune, row["procedure_code"])
    values.update(
        receipt_code=row["receipt_code"],
        applicant_name=row["applicant_name"],
        applicant_phone=phone,
        status=status,
        procedure=procedure,
        procedure_name=row["procedure_name"] or (procedure.name if procedure else ""),
    )
    return values, []


def import_dossiers(
    *, commune: Commune, rows: list[dict], dry_run: bool = False
) -> DossierImportReport:
    """Create or update the commune's dossiers by receipt code. Every row is
    checked first: one bad row and nothing changes. Every dossier is saved
    through ``save_dossier``, so ready dossiers get their text message once."""
    report = DossierImportReport(dry_run=dry_run)
    cleaned = []
    for number, row in enumerate(rows, start=2):
        values, errors = clean_row(row, number, commune)
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
                dossier = save_dossier(Dossier(commune=commune, **values))
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
            save_dossier(dossier)
            report.updated.append(dossier.receipt_code)
        if dry_run:
            transaction.set_rollback(True)
    return report
