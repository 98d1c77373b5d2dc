"""Demo content: every app's, in the order they build on each other, and
the programme's own (launch dates, the pilot in October 2022 and the others
the month after, as the plan says; a few criteria with evidence for the
pilot). Everything is marked as an example, and a second run changes nothing.
"""

from datetime import date

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
PILOT_CRITERIA = {
    "1.1": ProgressStatus.MET,
    "1.2": ProgressStatus.MET,
    "1.4": ProgressStatus.IN_PROGRESS,
    "1.7": ProgressStatus.MET,
    "2.2": ProgressStatus.IN_PROGRESS,
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
