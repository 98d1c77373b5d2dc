"""Example activity, so the demo shows the product at work rather than an
empty district: ratings of both kinds, and feedback answered on time, late,
still open and overdue, in every commune, in amounts that differ from one
commune to the next.

Everything is an example row (``is_example``): the outbox and the SMS
senders never send for one, and the feedback has neither a phone number nor
an e-mail address anyway. Dates count back from today, so the figures of the
last twelve months stay meaningful whenever the demo is loaded. Only a
commune without example rows is filled: a second run changes nothing.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from home.models import Commune
from home.services import ProvisionReport

from .models import Feedback, FeedbackKind, FeedbackStatus, Rating, RatingKind, RatingLevel
from .services import add_working_days, new_tracking_code

EXAMPLE_NAME = "Người dân (minh họa)"

# (kind, subject, message, days ago submitted, days to answer or None, status):
# answered well within the ten working days, answered on the second day,
# answered three weeks late, and received three days ago (not due yet).
EXAMPLE_FEEDBACK = [
    (
        FeedbackKind.SUGGESTION,
        "Đề nghị lắp thêm đèn chiếu sáng đường thôn (minh họa)",
        "Đoạn đường từ nhà văn hóa thôn ra đường tỉnh chưa có đèn, buổi tối đi lại khó khăn.",
        40,
        6,
        FeedbackStatus.ANSWERED,
    ),
    (
        FeedbackKind.SUGGESTION,
        "Hỏi về thời gian cấp bản sao trích lục khai sinh (minh họa)",
        "Tôi muốn biết xin bản sao trích lục khai sinh mất bao lâu và cần mang giấy tờ gì.",
        20,
        2,
        FeedbackStatus.CLOSED,
    ),
    (
        FeedbackKind.REPORT,
        "Phản ánh rác thải đổ bừa bãi ven kênh (minh họa)",
        "Khu vực ven kênh cuối thôn thường xuyên bị đổ rác, gây ô nhiễm.",
        60,
        21,
        FeedbackStatus.ANSWERED,
    ),
    (
        FeedbackKind.PETITION,
        "Đề nghị sửa mặt đường bị lún (minh họa)",
        "Mặt đường liên thôn bị lún sau mưa, xe máy đi qua dễ ngã.",
        3,
        None,
        FeedbackStatus.IN_PROGRESS,
    ),
]
# A submission past its due day without an answer, in every third commune.
OVERDUE_FEEDBACK = (
    FeedbackKind.PETITION,
    "Hỏi tiến độ hỗ trợ sửa nhà cho hộ nghèo (minh họa)",
    "Gia đình tôi đã nộp hồ sơ đề nghị hỗ trợ sửa nhà từ tháng trước, chưa thấy trả lời.",
    30,
    None,
    FeedbackStatus.NEW,
)
EXAMPLE_ANSWER = (
    "UBND đã tiếp nhận và giao công chức phụ trách kiểm tra, xử lý; kết quả đã được "
    "thông báo đến thôn. Cảm ơn ông/bà đã phản ánh. (Câu trả lời minh họa.)"
)


def load_demo_activity(report: ProvisionReport) -> None:
    communes = Commune.objects.filter(site__isnull=False).order_by("code")
    for index, commune in enumerate(communes):
        load_example_ratings(commune, index, report)
        load_example_feedback(commune, index, report)


def days_ago(days: int, hour: int = 9) -> datetime:
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def example_levels(count: int, unsatisfied_every: int) -> list[str]:
    """A mix of the three levels: one "unsatisfied" in ``unsatisfied_every``,
    "very satisfied" and "satisfied" in turn otherwise."""
    levels = []
    for n in range(count):
        if n % unsatisfied_every == unsatisfied_every - 1:
            levels.append(RatingLevel.UNSATISFIED)
        else:
            levels.append(RatingLevel.VERY_SATISFIED if n % 2 else RatingLevel.SATISFIED)
    return levels


def load_example_ratings(commune: Commune, index: int, report) -> None:
    """Procedure-handling ratings at the counter and fewer of citizen
    reception, spread over the last five months."""
    if Rating.objects.filter(commune=commune, is_example=True).exists():
        return
    plan = [
        (RatingKind.PROCEDURE, 12 + (index * 5) % 11, 4 + index % 4),
        (RatingKind.RECEPTION, 4 + (index * 3) % 5, 3 + index % 3),
    ]
    ratings = []
    for kind, count, unsatisfied_every in plan:
        for n, level in enumerate(example_levels(count, unsatisfied_every)):
            ratings.append(
                Rating(
                    commune=commune,
                    kind=kind,
                    level=level,
                    created_at=days_ago((n * 11 + index) % 150 + 1, 8 + n % 9),
                    is_example=True,
                )
            )
    Rating.objects.bulk_create(ratings)
    report.record(f"{commune.full_name}: {len(ratings)} example ratings of both kinds")


def load_example_feedback(commune: Commune, index: int, report) -> None:
    """Answered on time, answered late, still open and (in every third
    commune) overdue."""
    if Feedback.objects.filter(commune=commune, is_example=True).exists():
        return
    rows = EXAMPLE_FEEDBACK + ([OVERDUE_FEEDBACK] if index % 3 == 0 else [])
    for kind, subject, message, age, answer_days, status in rows:
        submitted = days_ago(age, 8 + index % 8)
        answered = submitted + timedelta(days=answer_days) if answer_days is not None else None
        Feedback.objects.create(
            commune=commune,
            tracking_code=new_tracking_code(),
            kind=kind,
            subject=subject,
            message=message,
            name=EXAMPLE_NAME,
            status=status,
            answer=EXAMPLE_ANSWER if answered else "",
            answered_at=answered,
            submitted_at=submitted,
            due_date=add_working_days(submitted.date(), settings.FEEDBACK_ANSWER_WORKING_DAYS),
            is_example=True,
        )
    report.record(f"{commune.full_name}: {len(rows)} example feedback submissions")
