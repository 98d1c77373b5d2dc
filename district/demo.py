"""Example programme data: launch dates (the pilot in October 2022, the
others the month after, as the plan says), a few criteria with evidence for
the pilot, and example dossiers. Everything is marked as an example, and a
second run changes nothing."""

from datetime import date, timedelta

from django.utils import timezone

from home.models import Commune

from .models import (
    CommuneLaunch,
    Criterion,
    CriterionProgress,
    Dossier,
    DossierStatus,
    ProgressStatus,
)

PILOT_SLUG = "voi"
PILOT_LAUNCH = date(2022, 10, 15)
OTHERS_LAUNCH = date(2022, 11, 15)
EXAMPLE_NOTE = "Ví dụ minh họa, không phải số liệu thật."
PILOT_CRITERIA = {
    "1.1": ProgressStatus.MET,
    "1.2": ProgressStatus.MET,
    "1.4": ProgressStatus.IN_PROGRESS,
    "1.7": ProgressStatus.MET,
    "2.2": ProgressStatus.IN_PROGRESS,
}
# (receipt suffix, procedure, status, days since received, days allowed)
EXAMPLE_DOSSIERS = [
    ("0001", "Đăng ký khai sinh", DossierStatus.RECEIVED, 1, 3),
    ("0002", "Chứng thực bản sao từ bản chính", DossierStatus.IN_PROGRESS, 2, 3),
    ("0003", "Đăng ký kết hôn", DossierStatus.OVERDUE, 9, 5),
    ("0004", "Đăng ký thường trú", DossierStatus.RETURNED, 20, 7),
]


def load_demo_programme(report) -> None:
    communes = list(Commune.objects.filter(site__isnull=False).order_by("code"))
    for commune in communes:
        pilot = commune.slug == PILOT_SLUG
        _, created = CommuneLaunch.objects.get_or_create(
            commune=commune,
            defaults={
                "launch_date": PILOT_LAUNCH if pilot else OTHERS_LAUNCH,
                "is_pilot": pilot,
                "note": EXAMPLE_NOTE,
            },
        )
        if created:
            report.record(f"{commune.full_name}: example launch date")
        load_example_dossiers(commune, report)
    pilot = next((c for c in communes if c.slug == PILOT_SLUG), None)
    if pilot is not None:
        load_pilot_criteria(pilot, report)


def load_pilot_criteria(commune: Commune, report) -> None:
    for criterion in Criterion.objects.filter(code__in=PILOT_CRITERIA):
        _, created = CriterionProgress.objects.get_or_create(
            commune=commune,
            criterion=criterion,
            defaults={
                "status": PILOT_CRITERIA[criterion.code],
                "date": PILOT_LAUNCH,
                "evidence_url": commune.site.root_url + "/",
                "note": EXAMPLE_NOTE,
            },
        )
        if created:
            report.record(f"{commune.full_name}: example progress on {criterion.code}")


def load_example_dossiers(commune: Commune, report) -> None:
    """No dossier is "ready": an example must never send a text message."""
    if Dossier.objects.filter(commune=commune, is_example=True).exists():
        return
    today = timezone.localdate()
    for suffix, procedure, status, age, allowed in EXAMPLE_DOSSIERS:
        received = today - timedelta(days=age)
        Dossier.objects.create(
            commune=commune,
            receipt_code=f"{commune.code}-VD-{suffix}",
            procedure_name=procedure,
            applicant_name="Nguyễn Văn Ví Dụ",
            applicant_phone="0912000" + suffix[1:],
            received_on=received,
            appointment_date=received + timedelta(days=allowed),
            status=status,
            returned_on=received + timedelta(days=allowed) if status == "returned" else None,
            note=EXAMPLE_NOTE,
            is_example=True,
        )
    report.record(f"{commune.full_name}: example dossiers")
