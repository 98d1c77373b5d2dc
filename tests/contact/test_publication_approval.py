"""Answers to citizens are published in the commune's name: while its
approval is on (``home.moderation``), only its approvers (the chairman, the
office chief) or the district publish them; its editors answer and draft
the copy. Published answers are rows, not pages, so Wagtail's workflow
does not reach them: the moderation form checks it."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from contact.models import Feedback, FeedbackStatus
from home.moderation import add_commune_approver

from .moderation import moderate

pytestmark = pytest.mark.django_db
S = FeedbackStatus


@pytest.fixture
def answered(communes):
    feedback = Feedback.objects.create(
        commune=communes["voi"],
        tracking_code="DUYET-0001",
        kind="phan_anh",
        subject="Đèn đường thôn Chằm hỏng",
        message="Đèn đường đầu thôn Chằm hỏng đã một tuần.",
        name="Lê Văn An",
        phone="0912000111",
        consent_to_publish=True,
        due_date=date.today() + timedelta(days=10),
        status=S.ANSWERED,
        answer="Thị trấn đã thay bóng đèn.",
        published_title="Đèn đường thôn Chằm hỏng",
        published_question="Đèn đường đầu thôn Chằm hỏng đã một tuần.",
        published_answer="Thị trấn đã thay bóng đèn.",
    )
    return feedback


def approver_client(commune, username, client_for):
    user, _ = add_commune_approver(username=username, commune=commune, password="pw")
    return client_for(user)


def test_an_editor_cannot_publish_an_answer(answered, editor_a, client_for):
    response = moderate(
        client_for(editor_a), answered, status=S.PUBLISHED, confirm_published_copy="on"
    )
    assert response.status_code == 200
    assert "lãnh đạo duyệt tin của thị trấn" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == S.ANSWERED and answered.published_at is None


def test_the_communes_approver_publishes_it(answered, communes, client_for):
    client = approver_client(communes["voi"], "chutich-voi", client_for)
    response = moderate(client, answered, status=S.PUBLISHED, confirm_published_copy="on")
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.status == S.PUBLISHED and answered.published_at is not None


def test_another_communes_approver_cannot_reach_it(answered, communes, client_for):
    client = approver_client(communes["kep"], "chutich-kep", client_for)
    response = moderate(client, answered, status=S.PUBLISHED, confirm_published_copy="on")
    assert response.status_code in (302, 403, 404)
    answered.refresh_from_db()
    assert answered.status == S.ANSWERED and answered.published_at is None


def test_with_approval_off_the_editor_publishes(answered, editor_a, client_for):
    call_command("commune_approval", "voi", "--off", verbosity=0)
    response = moderate(
        client_for(editor_a), answered, status=S.PUBLISHED, confirm_published_copy="on"
    )
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.status == S.PUBLISHED
