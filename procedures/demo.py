"""Example catalogue notes and dossiers for every commune, marked as examples."""

from datetime import timedelta

from django.utils import timezone

from home.demo import example_contact_details
from home.models import Commune
from home.services import ProvisionReport

from .dossiers import save_dossier
from .models import Dossier, DossierStatus, LocalProcedureNote, Procedure

EXAMPLE_NOTE = "Ví dụ minh họa, không phải số liệu thật."
# (receipt suffix, procedure, status, days since received, days allowed)
EXAMPLE_DOSSIERS = [
    ("0001", "Đăng ký khai sinh", DossierStatus.RECEIVED, 1, 3),
    ("0002", "Chứng thực bản sao từ bản chính", DossierStatus.IN_PROGRESS, 2, 3),
    ("0003", "Đăng ký kết hôn", DossierStatus.OVERDUE, 9, 5),
    ("0004", "Đăng ký thường trú", DossierStatus.RETURNED, 20, 7),
]

DEMO_COUNTERS = {
    "1.001193": ("Công chức Tư pháp - Hộ tịch", "Quầy số 1"),
    "1.000894": ("Công chức Tư pháp - Hộ tịch", "Quầy số 1"),
    "2.000815": ("Công chức Tư pháp - Hộ tịch", "Quầy số 2"),
}


def load_demo_procedures(report: ProvisionReport) -> None:
    for commune in Commune.objects.filter(site__isnull=False).order_by("code"):
        load_example_notes(commune, report)
        load_example_dossiers(commune, report)


def load_example_notes(commune: Commune, report: ProvisionReport) -> None:
    """Who handles a few common procedures, at which counter."""
    if LocalProcedureNote.objects.filter(commune=commune).exists():
        return
    procedures = {p.code: p for p in Procedure.objects.district().filter(code__in=DEMO_COUNTERS)}
    phone = example_contact_details(commune)["phone"]
    for code, (handled_by, counter) in DEMO_COUNTERS.items():
        if code in procedures:
            LocalProcedureNote.objects.create(
                commune=commune,
                procedure=procedures[code],
                handled_by=handled_by,
                counter=counter,
                phone=phone,
                note="Thông tin minh họa.",
            )
    report.record(f"{commune.full_name}: example procedure notes")


def load_example_dossiers(commune: Commune, report) -> None:
    """No dossier is "ready": an example must never send a text message."""
    if Dossier.objects.filter(commune=commune, is_example=True).exists():
        return
    today = timezone.localdate()
    for suffix, procedure, status, age, allowed in EXAMPLE_DOSSIERS:
        received = today - timedelta(days=age)
        save_dossier(
            Dossier(
                commune=commune,
                receipt_code=f"{commune.code}-VD-{suffix}",
                procedure_name=procedure,
                applicant_name="Nguyễn Văn Ví Dụ",
                applicant_phone="0912000" + suffix[1:],
                received_on=received,
                appointment_date=received + timedelta(days=allowed),
                status=status,
                returned_on=received + timedelta(days=allowed) if status == "returned" else None,
                # The late one is promised anew in three days: its apology
                # letter (the contact demo's) gives the citizen that date.
                new_appointment_date=today + timedelta(days=3)
                if status == DossierStatus.OVERDUE
                else None,
                note=EXAMPLE_NOTE,
                is_example=True,
            )
        )
    report.record(f"{commune.full_name}: example dossiers")
