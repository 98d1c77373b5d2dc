"""One object of every kind an admin URL or form can name, built for one
commune, each carrying a marker text: what the isolation sweep attacks with.

A project model with an admin screen (a ``CommuneScopedViewSet``) needs a
builder here; ``test_every_scoped_model_has_a_builder`` fails until it has one.
"""

from datetime import date, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowTask,
)
from wagtail.models.media import UploadedFile
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from contact.models import (
    Feedback,
    Letter,
    Official,
    Rating,
    ReplyTemplate,
    SurveyResponse,
    SurveyRound,
)
from contact.survey import store_survey_response
from district.models import (
    CommuneLaunch,
    Criterion,
    CriterionProgress,
    CriterionSection,
    Step,
    StepProgress,
)
from home.models import Commune, StandardPage
from news.models import Notice
from procedures.dossiers import save_dossier
from procedures.models import (
    Dossier,
    LocalProcedureNote,
    Procedure,
    ProcedureField,
    SmsMessage,
)
from tests.factories import LetterFactory, NoticeFactory, OfficialFactory, ProcedureFactory


def marker(commune) -> str:
    """ASCII, so that it is found in HTML and escaped JSON alike."""
    return f"Sweepmark{commune.slug.replace('-', '')}"


def _official(commune, mark):
    return OfficialFactory(commune=commune, full_name=f"Ông {mark}", post="chu_tich")


def _procedure(commune, mark):
    return ProcedureFactory(commune=commune, code=f"9.{commune.code}", name=f"Thủ tục {mark}")


def _feedback(commune, mark):
    return Feedback.objects.create(
        commune=commune,
        tracking_code=f"GY{commune.code}X",
        kind="question",
        subject=f"Góp ý {mark}",
        message="Nội dung",
        name="Người gửi",
        phone="0912345678",
        consent_to_publish=True,
        due_date=timezone.localdate() + timedelta(days=10),
    )


def _dossier(commune, mark, suffix=""):
    return save_dossier(
        Dossier(
            commune=commune,
            receipt_code=f"HS-{commune.code}{suffix}",
            procedure_name=f"Hồ sơ {mark}",
            applicant_name=f"Người nộp {mark}",
            applicant_phone="0912345678",
            received_on=timezone.localdate(),
            appointment_date=timezone.localdate() + timedelta(days=3),
        )
    )


def _sms(commune, mark):
    return SmsMessage.objects.create(
        commune=commune,
        dossier=_dossier(commune, mark, "-sms"),
        event="ready",
        to="0912345678",
        text=f"Tin {mark}",
        segments=1,
        status="sent",
    )


def _progress(commune, mark):
    return CriterionProgress.objects.create(
        commune=commune, criterion=Criterion.objects.order_by("pk").first(), note=f"Ghi {mark}"
    )


def _step(commune, mark):
    return StepProgress.objects.create(
        commune=commune,
        step=Step.objects.filter(level="commune").order_by("number").first(),
        note=f"Bước {mark}",
    )


def _survey_response(commune, mark):
    """A response to a round that asks this commune only, titled with the
    marker: the round's id names the commune's results too."""
    today = timezone.localdate()
    survey_round = SurveyRound.objects.create(
        title=f"Khảo sát {mark}", start_date=today, end_date=today
    )
    survey_round.communes.set([commune])
    return store_survey_response(survey_round, commune, "to_chuc", {"thai_do": "hai_long"})


def _launch(commune, mark):
    launch, _ = CommuneLaunch.objects.update_or_create(
        commune=commune, defaults={"launch_date": date(2022, 11, 15), "note": f"Ra mắt {mark}"}
    )
    return launch


ROW_BUILDERS = {
    Official: _official,
    Procedure: _procedure,
    LocalProcedureNote: lambda commune, mark: LocalProcedureNote.objects.create(
        commune=commune, procedure=Procedure.objects.district().first(), counter=f"Quầy {mark}"
    ),
    Dossier: _dossier,
    SmsMessage: _sms,
    Feedback: _feedback,
    ReplyTemplate: lambda commune, mark: ReplyTemplate.objects.create(
        commune=commune, title=f"Mẫu {mark}", text=f"Trả lời {mark}"
    ),
    Rating: lambda commune, mark: Rating.objects.create(
        commune=commune, level="hai_long", comment=f"Nhận xét {mark}"
    ),
    Letter: lambda commune, mark: LetterFactory(
        commune=commune, recipient_name=f"Ông {mark}", signer=_official(commune, mark)
    ),
    Notice: lambda commune, mark: NoticeFactory(commune=commune, message=f"Khẩn {mark}"),
    CriterionProgress: _progress,
    CommuneLaunch: _launch,
    StepProgress: _step,
    SurveyResponse: _survey_response,
}


def build_objects(commune, *, editor) -> dict:
    """Every kind of object, of this commune, keyed by kind (or model)."""
    mark = marker(commune)
    home = commune.site.root_page
    page = StandardPage(title=f"Trang {mark}", slug=f"trang-{mark.lower()}", live=False)
    home.add_child(instance=page)
    revision = page.save_revision(user=editor)
    collection = commune.collection.add_child(name=f"Bộ {mark}")
    image = Image.objects.create(
        title=f"Ảnh {mark}", file=get_test_image_file(), collection=commune.collection
    )
    image.tags.add(f"tag{mark.lower()}")
    document = Document(title=f"Tài liệu {mark}", collection=commune.collection)
    # An .mp3, so that it may also be an announcement's recording.
    document.file.save(f"{mark}.mp3", ContentFile(mark.encode()), save=False)
    document.save()
    task = GroupApprovalTask.objects.create(name=f"Duyệt {commune.slug}")
    workflow = Workflow.objects.create(name=f"Quy trình {mark}")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow_state = workflow.start(page, editor)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    objects = {
        "translation_source": source,
        "translation": Translation.objects.create(
            source=source, target_locale=Locale.objects.get(language_code="en")
        ),
        "string_segment": StringSegment.objects.filter(source=source).first(),
        "overridable_segment": OverridableSegment.objects.filter(source=source).first(),
        "page": page,
        "home": home,
        "revision": revision,
        "collection": collection,
        "image": image,
        "document": document,
        "task": task,
        "workflow": workflow,
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state,
        "redirect": Redirect.objects.create(
            site=commune.site, old_path=f"/{mark.lower()}", redirect_link="https://example.org/"
        ),
        "session": EditingSession.objects.create(
            user=editor,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(page.pk),
            last_seen_at=timezone.now(),
        ),
        "uploaded_image": UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(Image),
            file=ContentFile(b"x", name=f"{mark}.png"),
            uploaded_by_user=editor,
        ),
        "uploaded_document": UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(Document),
            file=ContentFile(b"x", name=f"{mark}.txt"),
            uploaded_by_user=editor,
        ),
        "user": editor,
        "group": commune.editors_group,
        "site": commune.site,
        "commune": commune,
    }
    for model, build in ROW_BUILDERS.items():
        objects[model] = build(commune, mark)
    objects[Collection] = collection
    objects[SurveyRound] = objects["survey_round"] = objects[SurveyResponse].survey_round
    # Shared models: requested too, though no commune owns them.
    objects[ProcedureField] = ProcedureField.objects.order_by("pk").first()
    objects[Locale] = Locale.objects.get(language_code="en")
    # One the district enters (V.3): every commune's, so the same for both sides.
    objects[Criterion] = Criterion.objects.get_or_create(
        section=CriterionSection.objects.get(filled_by_district=True),
        code="CA.1",
        defaults={"requirement": "Tiêu chí công an dùng chung"},
    )[0]
    objects[get_user_model()] = editor
    return objects


def object_for_model(objects: dict, model):
    """The object of this model among ``build_objects``'s, if any."""
    if isinstance(model, str):
        model = apps.get_model(model)
    for kind, base in (("page", Page), ("image", Image), ("document", Document)):
        if issubclass(model, base):
            return objects[kind]
    by_model = {Site: "site", Group: "group", Task: "task", Workflow: "workflow"}
    if model in by_model:
        return objects[by_model[model]]
    if model is Commune:
        return objects["commune"]
    return objects.get(model)
