"""Moderation in the admin: states and who may change them, answers sent,
personal data removed on publishing, isolation between communes."""

import json
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contact.models import Feedback, FeedbackStatus, ReplyTemplate
from contact.services import scrub_personal_data
from district.provisioning import DISTRICT_ADMINS_GROUP

from .moderation import moderate

pytestmark = pytest.mark.django_db
S = FeedbackStatus


def denied(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/login/" not in response["Location"]
    )


def make_feedback(commune, **extra):
    values = {
        "tracking_code": f"TEST-{Feedback.objects.count():04d}",
        "kind": "phan_anh",
        "subject": "Rác thải ở chợ Vôi",
        "message": (
            "Tôi là Trần Văn Bình, số 0987 654 321, email binh@example.com. "
            "Rác ở chợ không được thu gom."
        ),
        "name": "Trần Văn Bình",
        "phone": "0987654321",
        "email": "binh@example.com",
        "consent_to_publish": True,
        "due_date": date.today() + timedelta(days=14),
        **extra,
    }
    return Feedback.objects.create(commune=commune, **values)


@pytest.fixture
def a_feedback(communes):
    return make_feedback(communes["voi"])


@pytest.fixture
def b_feedback(communes):
    return make_feedback(communes["kep"], subject="Bí mật của Kép", name="Người dân Kép")


@pytest.fixture
def editor_client(editor_a, communes, client_for):
    """Vôi's editor who is also one of its approvers (``home.moderation``):
    answers go public only by an approver's save."""
    editor_a.groups.add(communes["voi"].approvers_group)
    return client_for(editor_a)


def test_editor_moves_feedback_through_its_states(
    editor_client, a_feedback, django_capture_on_commit_callbacks
):
    assert moderate(editor_client, a_feedback, status=S.IN_PROGRESS).status_code == 302
    a_feedback.refresh_from_db()
    assert a_feedback.status == S.IN_PROGRESS

    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(
            editor_client,
            a_feedback,
            status=S.ANSWERED,
            answer="Xã đã thu gom rác, cảm ơn anh Bình.",
        )
    assert response.status_code == 302
    a_feedback.refresh_from_db()
    assert a_feedback.status == S.ANSWERED and a_feedback.answered_at is not None
    assert a_feedback.answered_on_time is True
    # The answer by email, and a text message that says where to read it.
    assert mail.outbox[-1].to == ["binh@example.com"]
    assert "Xã đã thu gom rác" in mail.outbox[-1].body
    with open(settings.SMS_FILE_PATH, encoding="utf-8") as handle:
        texts = [json.loads(line) for line in handle]
    sms = [t for t in texts if a_feedback.tracking_code in t["text"]]
    assert sms and sms[-1]["to"] == "0987654321"
    assert "/gop-y/tra-cuu/" in sms[-1]["text"]

    # Publishing is a separate step: the editor confirms the drafted copy.
    response = moderate(editor_client, a_feedback, status=S.PUBLISHED, confirm_published_copy="on")
    assert response.status_code == 302
    a_feedback.refresh_from_db()
    assert a_feedback.status == S.PUBLISHED and a_feedback.published_at is not None
    actions = [e.action for e in a_feedback.events.all()]
    assert actions.count("status_changed") == 3
    assert "answer_emailed" in actions and "answer_texted" in actions
    assert (
        a_feedback.events.filter(action="status_changed", user__username="editor-voi").count() == 3
    )


@pytest.mark.parametrize(
    "start,target",
    [
        (S.NEW, S.PUBLISHED),
        (S.NEW, S.CLOSED),
        (S.IN_PROGRESS, S.NEW),
        (S.SPAM, S.ANSWERED),
        (S.PUBLISHED, S.NEW),
    ],
)
def test_forbidden_transitions_are_refused(editor_client, communes, start, target):
    feedback = make_feedback(communes["voi"], status=start, answer="Đã trả lời.")
    response = moderate(editor_client, feedback, status=target)
    assert response.status_code == 200
    assert "Không thể chuyển ý kiến" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == start


def test_only_district_admins_reopen(editor_client, client_for, district_admin, communes):
    feedback = make_feedback(communes["voi"], status=S.CLOSED, answer="Đã trả lời.")
    response = moderate(editor_client, feedback, status=S.IN_PROGRESS)
    assert "Chỉ quản trị viên huyện" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == S.CLOSED
    assert moderate(client_for(district_admin), feedback, status=S.IN_PROGRESS).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == S.IN_PROGRESS


def test_spam_and_rejection_need_a_reason(editor_client, a_feedback):
    response = moderate(editor_client, a_feedback, status=S.SPAM)
    assert "Hãy ghi lý do" in response.content.decode()
    assert moderate(editor_client, a_feedback, status=S.SPAM, reason="Quảng cáo").status_code == 302
    a_feedback.refresh_from_db()
    assert a_feedback.status == S.SPAM
    assert "Quảng cáo" in a_feedback.events.get(action="status_changed").note


def test_answering_needs_an_answer_and_publishing_needs_consent(editor_client, communes):
    feedback = make_feedback(communes["voi"], consent_to_publish=False)
    response = moderate(editor_client, feedback, status=S.ANSWERED)
    assert "Hãy viết nội dung trả lời trước." in response.content.decode()
    moderate(editor_client, feedback, status=S.ANSWERED, answer="Đã xử lý.")
    feedback.refresh_from_db()
    response = moderate(editor_client, feedback, status=S.PUBLISHED)
    assert "không đồng ý công khai" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == S.ANSWERED


def test_reply_template_fills_an_empty_answer(editor_client, a_feedback, communes):
    template = ReplyTemplate.objects.create(
        commune=communes["voi"], title="Cảm ơn", text="Kính gửi {name}, xã đã nhận ý kiến {code}."
    )
    moderate(editor_client, a_feedback, status=S.ANSWERED, answer="", reply_template=template.pk)
    a_feedback.refresh_from_db()
    assert (
        a_feedback.answer
        == f"Kính gửi Trần Văn Bình, xã đã nhận ý kiến {a_feedback.tracking_code}."
    )


def test_other_communes_templates_are_not_offered(editor_client, a_feedback, communes):
    secret = ReplyTemplate.objects.create(commune=communes["kep"], title="Mẫu bí mật", text="x")
    shared = ReplyTemplate.objects.create(commune=None, title="Mẫu chung của huyện", text="y")
    page = editor_client.get(reverse("feedback:edit", args=[a_feedback.pk])).content.decode()
    assert "Mẫu chung của huyện" in page and "Mẫu bí mật" not in page
    moderate(editor_client, a_feedback, status=S.ANSWERED, answer="", reply_template=secret.pk)
    a_feedback.refresh_from_db()
    assert a_feedback.status == S.NEW
    assert shared.pk


def test_publishing_removes_personal_data(editor_client, a_feedback, communes):
    a_feedback.subject = "Rác ở chợ, nhà Trần Văn Bình"
    a_feedback.save()
    moderate(
        editor_client,
        a_feedback,
        status=S.ANSWERED,
        answer="Cảm ơn anh Bình (0987.654.321) đã phản ánh; xã đã thu gom.",
    )
    a_feedback.refresh_from_db()
    moderate(editor_client, a_feedback, status=S.PUBLISHED, confirm_published_copy="on")
    a_feedback.refresh_from_db()
    published = " ".join(
        [a_feedback.published_title, a_feedback.published_question, a_feedback.published_answer]
    )
    for personal in ("Trần Văn Bình", "Bình", "0987", "654", "binh@example.com"):
        assert personal not in published, personal
    assert "Rác ở chợ không được thu gom." in a_feedback.published_question
    assert "xã đã thu gom" in a_feedback.published_answer

    page = Client().get("/gop-y/hoi-dap/", HTTP_HOST="voi.localhost").content.decode()
    assert "Rác ở chợ không được thu gom." in page
    for personal in ("Bình", "0987", "binh@example.com"):
        assert personal not in page
    folded = Client().get("/gop-y/hoi-dap/", {"q": "rac o cho"}, HTTP_HOST="voi.localhost")
    assert "Rác ở chợ không được thu gom." in folded.content.decode()
    other = Client().get("/gop-y/hoi-dap/", {"q": "nuoc sach"}, HTTP_HOST="voi.localhost")
    assert "Rác ở chợ" not in other.content.decode()
    assert (
        "Rác ở chợ"
        not in Client().get("/gop-y/hoi-dap/", HTTP_HOST="kep.localhost").content.decode()
    )


def test_scrubbing_keeps_ordinary_words(communes):
    feedback = make_feedback(communes["voi"], name="Lê Thị An")
    text = "Đường an toàn giao thông; An đề nghị sửa. Liên hệ lan.le@mail.vn hoặc +84 912 345 678."
    scrubbed = scrub_personal_data(text, feedback)
    assert "an toàn" in scrubbed
    assert "An đề nghị" not in scrubbed
    assert "lan.le@mail.vn" not in scrubbed and "912" not in scrubbed


def test_overdue_filter_and_marking(editor_client, communes):
    late = make_feedback(
        communes["voi"], subject="Quá hạn rồi", due_date=date.today() - timedelta(days=1)
    )
    make_feedback(communes["voi"], subject="Còn hạn")
    make_feedback(
        communes["voi"],
        subject="Đã trả lời muộn",
        status=S.ANSWERED,
        due_date=date.today() - timedelta(days=3),
    )
    assert list(Feedback.objects.overdue()) == [late]
    assert late.is_overdue
    page = editor_client.get(reverse("feedback:index"), {"overdue": "true"}).content.decode()
    assert "Quá hạn rồi" in page and "Còn hạn" not in page and "Đã trả lời muộn" not in page


def test_editor_lists_only_own_communes_feedback(editor_client, a_feedback, b_feedback):
    page = editor_client.get(reverse("feedback:index")).content.decode()
    assert a_feedback.tracking_code in page
    assert "Bí mật của Kép" not in page and b_feedback.tracking_code not in page
    search = editor_client.get(reverse("feedback:index"), {"q": "Kép"}).content.decode()
    assert "Bí mật của Kép" not in search


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_editor_cannot_open_other_communes_feedback(editor_client, b_feedback, view):
    response = editor_client.get(reverse(f"feedback:{view}", args=[b_feedback.pk]))
    assert denied(response), view
    assert "Bí mật của Kép" not in response.content.decode()


def test_editor_cannot_change_or_delete_other_communes_feedback(editor_client, b_feedback):
    moderate(editor_client, b_feedback, status=S.SPAM, reason="phá")
    editor_client.post(reverse("feedback:delete", args=[b_feedback.pk]))
    b_feedback.refresh_from_db()
    assert b_feedback.status == S.NEW


def test_editor_cannot_add_feedback_in_the_admin(editor_client, communes):
    assert denied(editor_client.get(reverse("feedback:add")))


def test_export_contains_only_own_communes_feedback(editor_client, a_feedback, b_feedback):
    response = editor_client.get(reverse("feedback:index"), {"export": "csv"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 2
    assert a_feedback.tracking_code in rows[1]
    assert "Bí mật" not in "\n".join(rows)


def test_district_admin_sees_and_exports_every_commune(
    client_for, district_admin, a_feedback, b_feedback
):
    client = client_for(district_admin)
    rows = b"".join(client.get(reverse("feedback:index"), {"export": "csv"}).streaming_content)
    text = rows.decode("utf-8-sig")
    assert a_feedback.tracking_code in text and b_feedback.tracking_code in text


def test_assignment_only_to_the_communes_editors(editor_client, make_editor, communes, a_feedback):
    colleague = make_editor(communes["voi"], "colleague-voi")
    stranger = make_editor(communes["kep"], "stranger-kep")
    moderate(editor_client, a_feedback, assigned_to=stranger.pk)
    a_feedback.refresh_from_db()
    assert a_feedback.assigned_to is None
    moderate(editor_client, a_feedback, assigned_to=colleague.pk)
    a_feedback.refresh_from_db()
    assert a_feedback.assigned_to == colleague
    assert a_feedback.events.filter(action="assigned").exists()


def test_history_panel_lists_who_did_what(editor_client, a_feedback):
    moderate(editor_client, a_feedback, status=S.IN_PROGRESS)
    page = editor_client.get(reverse("feedback:edit", args=[a_feedback.pk])).content.decode()
    assert "Đổi trạng thái" in page and "editor-voi" in page


def test_district_group_exists():
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name=DISTRICT_ADMINS_GROUP).exists()
    assert timezone.now()
