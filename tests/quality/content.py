"""The demo district the quality checks and the benchmarks run against: two
communes and the portal with the shipped demo content, a citizen's feedback
(published and not) and ratings, and optionally a lot more of everything.

The citizen's name, phone and email are written into the feedback the way
people really write (in the message, the subject, a rating's comment), so
that the personal-data crawl checks the scrubbing, not just the templates.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from .pages import COMMUNES

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED_PROCEDURES = ROOT / "procedures/data/procedures.json"


@dataclass(frozen=True)
class Citizen:
    name: str = "Phùng Thị Quyên"
    phone: str = "0987654321"
    typed_phone: str = "0987 654 321"
    email: str = "quyen.phung.citizen@example.net"


CITIZEN = Citizen()


@dataclass
class QualityContent:
    paths: dict[str, str] = field(default_factory=dict)
    published_code: str = ""
    unpublished_codes: list[str] = field(default_factory=list)


def build_district() -> None:
    """Provision the two communes and the portal, with the demo content."""
    from district.demo import load_demo_content
    from district.provisioning import provision_communes
    from home.registry import read_commune_registry

    rows = [row for row in read_commune_registry() if row.slug in COMMUNES]
    provision_communes(rows=rows, base_domain="localhost")
    call_command("import_procedures", str(SHIPPED_PROCEDURES), verbosity=0)
    load_demo_content()


def moderate(feedback, status: str, **fields) -> None:
    """What an editor's save in the moderation screen does."""
    from contact.services import apply_moderation

    before = feedback.status
    for name, value in fields.items():
        setattr(feedback, name, value)
    feedback.status = status
    feedback.save()
    apply_moderation(feedback, before_status=before, changed=[*fields, "status"], user=None)


def citizen_feedback(commune, *, subject: str, consent: bool):
    from contact.services import store_feedback

    citizen = CITIZEN
    return store_feedback(
        commune,
        {
            "kind": "phan_anh",
            "subject": subject,
            "message": (
                f"Tôi là {citizen.name}, số điện thoại {citizen.typed_phone}, "
                f"email {citizen.email}. Đường vào thôn Chằm có ổ gà lớn, xe máy dễ ngã khi "
                "trời mưa. Mong xã sớm sửa. Quyên."
            ),
            "name": citizen.name,
            "phone": citizen.phone,
            "email": citizen.email,
            "consent_to_publish": consent,
        },
        verified=True,
    )


def add_citizen_feedback(content: QualityContent) -> None:
    from contact.models import FeedbackStatus, Rating, RatingLevel
    from home.models import Commune

    voi = Commune.objects.get(slug="voi")
    answer = (
        f"Cảm ơn chị Quyên ({CITIZEN.typed_phone}) đã phản ánh. Xã đã giao tổ công trình "
        "vá ổ gà trong tuần này."
    )
    published = citizen_feedback(voi, subject="Ổ gà trên đường thôn Chằm", consent=True)
    moderate(published, FeedbackStatus.ANSWERED, answer=answer)
    moderate(published, FeedbackStatus.PUBLISHED)
    answered = citizen_feedback(voi, subject="Đèn đường thôn Chằm hỏng", consent=True)
    moderate(answered, FeedbackStatus.ANSWERED, answer=answer)
    waiting = citizen_feedback(voi, subject="Rác thải ở chợ Vôi", consent=False)
    content.published_code = published.tracking_code
    content.unpublished_codes = [answered.tracking_code, waiting.tracking_code]
    for level in (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.UNSATISFIED):
        Rating.objects.create(
            commune=voi,
            level=level,
            comment=f"{CITIZEN.name} ({CITIZEN.typed_phone}): cán bộ nhiệt tình.",
        )


def add_lots_more(*, procedures: int = 300, people: int = 40, answers: int = 60) -> None:
    """Grow every list a citizen's page shows, so that a query budget met
    with the demo content is also met with a real commune's amounts."""
    from contact.models import (
        DialogueMeetingPage,
        Feedback,
        FeedbackStatus,
        Official,
        Post,
        Rating,
        RatingLevel,
        ReceptionPage,
    )
    from home.models import Commune, HomePage, StandardPage
    from home.search import fold
    from procedures.models import LocalProcedureNote, Procedure

    voi = Commune.objects.select_related("site").get(slug="voi")
    template = Procedure.objects.get(code="1.001193")
    for n in range(procedures - Procedure.objects.count()):
        copy = Procedure(
            code=f"8.{n:06d}",
            name=f"{template.name} (bản thử {n})",
            field=template.field,
            processing_time=template.processing_time,
            fee=template.fee,
        )
        copy.documents = [type(d)(name=d.name) for d in template.documents.all()]
        copy.legal_bases = [
            type(b)(number=b.number, summary=b.summary) for b in template.legal_bases.all()
        ]
        copy.save()
        if n % 10 == 0:
            LocalProcedureNote.objects.create(
                commune=voi, procedure=copy, handled_by="Công chức Tư pháp", counter="Quầy 1"
            )
    Official.objects.bulk_create(
        Official(
            commune=voi,
            full_name=f"Nguyễn Văn Thêm {n}",
            post=Post.CULTURE_SOCIAL,
            responsibilities="Chính sách xã hội",
            phone=f"020438{n:05d}",
            is_example=True,
        )
        for n in range(people)
    )
    now = timezone.now()
    Feedback.objects.bulk_create(
        Feedback(
            commune=voi,
            tracking_code=f"ZZ{n:02d}-MANY",
            kind="gop_y",
            subject=f"Góp ý số {n}",
            message="Nội dung góp ý.",
            name="Người dân",
            status=FeedbackStatus.PUBLISHED,
            answer="Trả lời.",
            answered_at=now,
            published_title=f"Ổ gà số {n}",
            published_question="Đường có ổ gà.",
            published_answer="Xã đã vá.",
            published_at=now - timedelta(hours=n),
            search_text=fold(f"O ga so {n} Duong co o ga. Xa da va."),
            due_date=now.date(),
        )
        for n in range(answers)
    )
    levels = list(RatingLevel.values)
    Rating.objects.bulk_create(
        Rating(
            commune=voi,
            level=levels[n % 3],
            created_at=now - timedelta(days=n % 360),
        )
        for n in range(500)
    )
    add_survey_responses(voi, 200)
    home = HomePage.objects.get(pk=voi.site.root_page_id)
    for n in range(10):
        home.add_child(
            instance=StandardPage(title=f"Trang thêm {n}", slug=f"trang-them-{n}", live=True)
        )
    reception = ReceptionPage.objects.child_of(home).get()
    for n in range(20):
        reception.add_child(
            instance=DialogueMeetingPage(
                title=f"Đối thoại thêm {n}",
                slug=f"doi-thoai-them-{n}",
                starts_at=now - timedelta(days=30 * (n + 1)),
                place="Hội trường UBND",
                topics="Đất đai\nMôi trường",
                live=True,
            )
        )


def add_survey_responses(commune, count: int) -> None:
    """Responses to the demo's open round (``contact.survey_demo``)."""
    from contact.models import SurveyRound, SurveyTopic
    from contact.survey import store_survey_response

    survey_round = SurveyRound.objects.first()
    levels = ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long", "rat_khong_hai_long"]
    for n in range(count):
        answers = {topic: levels[(n + i) % 5] for i, topic in enumerate(SurveyTopic.values)}
        store_survey_response(survey_round, commune, "nguoi_dan", answers)


def meeting_paths() -> dict[str, str]:
    from contact.models import DialogueMeetingPage

    meetings = DialogueMeetingPage.objects.live().filter(url_path__startswith="/voi/")
    now = timezone.now()
    held = meetings.filter(starts_at__lt=now, slug__startswith="doi-thoai-2").first()
    coming = meetings.filter(starts_at__gte=now).first()
    return {
        "meeting_held": held.url_path.removeprefix("/voi"),
        "meeting_coming": coming.url_path.removeprefix("/voi"),
    }


def build_quality_content(*, lots: bool = False) -> QualityContent:
    build_district()
    content = QualityContent()
    add_citizen_feedback(content)
    if lots:
        add_lots_more()
    content.paths = {**meeting_paths(), "tracking_code": content.published_code}
    return content
