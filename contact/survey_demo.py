"""The demo's satisfaction survey: one round open around today in every
commune, with a few answered questionnaires, so the portal and each commune's
results show a chart from the first visit. Idempotent: the round is found by
its title, and responses are added only to a commune that has none."""

from datetime import timedelta

from django.utils import timezone

from home.models import Commune

from .models import RespondentType, SurveyResponse, SurveyRound, SurveyTopic
from .survey import store_survey_response

DEMO_TITLE = "Khảo sát sự hài lòng của người dân với chính quyền cơ sở (minh họa)"
DEMO_INTRO = (
    "Thực hiện bước 12 của Kế hoạch: “Tổ chức khảo sát về sự hài lòng của người dân, "
    "tổ chức, cá nhân với chính quyền cơ sở”. Mời bạn dành hai phút trả lời năm câu hỏi."
)
# Each demo response's levels, one per topic in order; respondents cycle.
DEMO_ANSWERS = [
    "rat_hai_long hai_long hai_long rat_hai_long hai_long",
    "hai_long hai_long binh_thuong hai_long khong_hai_long",
    "rat_hai_long rat_hai_long hai_long hai_long hai_long",
    "binh_thuong hai_long khong_hai_long binh_thuong binh_thuong",
    "hai_long rat_hai_long hai_long hai_long rat_hai_long",
    "rat_khong_hai_long binh_thuong hai_long hai_long khong_hai_long",
    "hai_long hai_long rat_hai_long rat_hai_long hai_long",
]


def demo_round() -> SurveyRound:
    today = timezone.localdate()
    survey_round, _ = SurveyRound.objects.get_or_create(
        title=DEMO_TITLE,
        defaults={
            "intro": DEMO_INTRO,
            "start_date": today - timedelta(days=14),
            "end_date": today + timedelta(days=45),
        },
    )
    return survey_round


def load_demo_survey(report) -> None:
    survey_round = demo_round()
    kinds = list(RespondentType.values)
    for offset, commune in enumerate(Commune.objects.filter(site__isnull=False).order_by("code")):
        if SurveyResponse.objects.filter(survey_round=survey_round, commune=commune).exists():
            continue
        count = len(DEMO_ANSWERS) - offset % 3
        for index in range(count):
            levels = DEMO_ANSWERS[(index + offset) % len(DEMO_ANSWERS)].split()
            answers = dict(zip(SurveyTopic.values, levels, strict=True))
            store_survey_response(survey_round, commune, kinds[index % len(kinds)], answers)
        report.record(f"{commune.full_name}: {count} example survey responses")
