"""Demo content: every app's, in the order they build on each other, and
the programme's own (launch dates, the pilot in October 2022 and the others
the month after, as the plan says; criteria with evidence in every
commune, some confirmed by the district, some only proposed). Everything is
marked as an example, and a second run changes nothing.
"""

from datetime import date, timedelta

from django.utils import timezone
from wagtail.models import Locale

from contact.demo import load_demo_contact
from contact.survey_demo import load_demo_survey
from home.demo import fill_page, load_demo_communes
from home.models import Commune
from home.services import ProvisionReport
from news.demo import load_demo_news
from procedures.demo import load_demo_procedures

from .models import CommuneLaunch, Criterion, CriterionProgress, DistrictHomePage, ProgressStatus

PILOT_SLUG = "voi"
PILOT_LAUNCH = date(2022, 10, 15)
OTHERS_LAUNCH = date(2022, 11, 15)
EXAMPLE_NOTE = "Ví dụ minh họa, không phải số liệu thật."
# The pilot's criteria: (status, confirmed by the district). A "met" the
# district has not confirmed is the commune's proposal, which the figures do
# not count yet.
PILOT_CRITERIA = {
    "1.1.1": (ProgressStatus.MET, True),
    "1.1.2": (ProgressStatus.MET, True),
    "1.1.4": (ProgressStatus.IN_PROGRESS, False),
    "1.1.7": (ProgressStatus.MET, False),
    "1.2.3": (ProgressStatus.IN_PROGRESS, False),
}
PORTAL_INTRO = (
    "Cổng thông tin của các xã, thị trấn huyện Lạng Giang, tỉnh Bắc Giang "
    "trong chương trình xây dựng “Chính quyền thân thiện”. Chọn xã, thị trấn "
    "của bạn để tra cứu thủ tục, liên hệ cán bộ và gửi ý kiến."
)


def load_demo_content() -> ProvisionReport:
    report = ProvisionReport()
    load_demo_communes(report)
    portal = DistrictHomePage.objects.filter(locale=Locale.get_default()).first()
    if portal is not None:
        fill_page(portal, {"intro": PORTAL_INTRO}, report)
    load_demo_procedures(report)
    load_demo_contact(report)
    load_demo_survey(report)
    load_demo_news(report)
    load_demo_programme(report)
    return report


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
    for index, commune in enumerate(communes):
        if commune.slug == PILOT_SLUG and load_pilot_criteria(commune, report):
            continue
        load_example_criteria(commune, index, report)


def record_progress(commune: Commune, criterion, status: str, confirmed: bool, report) -> None:
    """One criterion's example progress, dated after the launch; a
    confirmed one confirmed a week before today, so it counts in the
    figures of the last twelve months."""
    _, created = CriterionProgress.objects.get_or_create(
        commune=commune,
        criterion=criterion,
        defaults={
            "status": status,
            "date": timezone.localdate() - timedelta(days=30),
            "evidence_url": commune.site.root_url + "/",
            "note": EXAMPLE_NOTE,
            "confirmed": confirmed,
            "confirmed_at": timezone.now() - timedelta(days=7) if confirmed else None,
        },
    )
    if created:
        state = "confirmed" if confirmed else "proposed" if status == ProgressStatus.MET else status
        report.record(f"{commune.full_name}: example progress on {criterion.code} ({state})")


def load_pilot_criteria(commune: Commune, report) -> bool:
    """The pilot's own criteria; False when the plan's list no longer has
    those codes, and the pilot then gets the other communes' pattern."""
    criteria = list(Criterion.objects.filter(code__in=PILOT_CRITERIA))
    for criterion in criteria:
        status, confirmed = PILOT_CRITERIA[criterion.code]
        record_progress(commune, criterion, status, confirmed, report)
    return any(PILOT_CRITERIA[c.code] == (ProgressStatus.MET, True) for c in criteria)


def load_example_criteria(commune: Commune, index: int, report) -> None:
    """Other communes: the plan's first criteria (in its order, whatever
    their codes), some met and confirmed (one to four, by commune), then one
    proposed as met and one in progress."""
    confirmed = 1 + index % 4
    criteria = list(Criterion.objects.order_by("section__number", "sort_order")[: confirmed + 2])
    for n, criterion in enumerate(criteria):
        if n < confirmed:
            record_progress(commune, criterion, ProgressStatus.MET, True, report)
        elif n == confirmed:
            record_progress(commune, criterion, ProgressStatus.MET, False, report)
        else:
            record_progress(commune, criterion, ProgressStatus.IN_PROGRESS, False, report)
