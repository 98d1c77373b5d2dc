"""Vôi's approval workflow attacked from Kép: Kép's editor and Kép's approver
(the chairman) must not see, approve or reject what waits for Vôi's
approvers, whatever ids they put in Wagtail's workflow URLs; and Vôi's
editor may submit but not publish. Each attack has its control: the same
request by Vôi's approver works."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.moderation import add_commune_approver
from home.sections import SECTIONS_BY_KEY
from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db

VOI_TITLE = "Tin Vôi chờ lãnh đạo duyệt"
KEP_TITLE = "Tin Kép chờ lãnh đạo duyệt"


def news_index(commune) -> Page:
    home = Page.objects.get(pk=commune.site.root_page_id)
    return SECTIONS_BY_KEY["news"].existing_page(home)


def submit(commune, editor, title, slug) -> tuple[NewsArticlePage, TaskState]:
    article = NewsArticlePage(title=title, slug=slug, lead="Tin chờ duyệt.", live=False)
    news_index(commune).add_child(instance=article)
    article.save_revision(user=editor)
    state = article.get_workflow().start(article, editor)
    return article, state.current_task_state


def approver(commune, username):
    user, _ = add_commune_approver(username=username, commune=commune, password="pw")
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def voi_pending(communes, editor_a):
    return submit(communes["voi"], editor_a, VOI_TITLE, "tin-voi-cho-duyet")


@pytest.fixture
def kep_pending(communes, editor_b):
    return submit(communes["kep"], editor_b, KEP_TITLE, "tin-kep-cho-duyet")


@pytest.fixture
def voi_chairman(communes):
    return approver(communes["voi"], "chutich-voi")


@pytest.fixture
def kep_chairman(communes):
    return approver(communes["kep"], "chutich-kep")


@pytest.fixture(params=["editor", "approver"])
def kep_attacker(request, editor_b, kep_chairman, client_for):
    return client_for(editor_b if request.param == "editor" else kep_chairman)


def action_url(page_id, action, task_state_id) -> str:
    return f"/admin/pages/workflow/action/{page_id}/{action}/{task_state_id}/"


def is_live(page) -> bool:
    page.refresh_from_db()
    return page.live


def test_the_dashboard_lists_only_the_own_communes_waiting_pages(
    voi_pending, kep_pending, kep_chairman, voi_chairman, client_for
):
    kep_dashboard = client_for(kep_chairman).get("/admin/").content.decode()
    assert KEP_TITLE in kep_dashboard
    assert VOI_TITLE not in kep_dashboard
    voi_dashboard = client_for(voi_chairman).get("/admin/").content.decode()
    assert VOI_TITLE in voi_dashboard and KEP_TITLE not in voi_dashboard


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_kep_cannot_act_on_vois_task(voi_pending, kep_attacker, action):
    article, task_state = voi_pending
    url = action_url(article.pk, action, task_state.pk)
    assert kep_attacker.get(url).status_code == 404
    assert kep_attacker.post(url, {"comment": ""}).status_code == 404
    collect = f"/admin/pages/workflow/collect_action_data/{article.pk}/{action}/{task_state.pk}/"
    assert kep_attacker.post(collect, {"comment": ""}).status_code == 404
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not is_live(article)


def test_kep_cannot_approve_vois_task_through_its_own_page(
    voi_pending, kep_pending, kep_chairman, client_for
):
    """Wagtail does not check that the task's state belongs to the page the
    URL names: Kép's own page with Vôi's task state."""
    article, task_state = voi_pending
    kep_article, _ = kep_pending
    response = client_for(kep_chairman).post(
        action_url(kep_article.pk, "approve", task_state.pk), {"comment": ""}
    )
    assert response.status_code == 404
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not is_live(article)


def test_kep_cannot_read_vois_workflow_history_or_preview(voi_pending, kep_pending, kep_attacker):
    article, task_state = voi_pending
    kep_article, _ = kep_pending
    workflow_state = task_state.workflow_state
    for url in (
        f"/admin/pages/{article.pk}/workflow_history/",
        f"/admin/pages/{article.pk}/workflow_history/detail/{workflow_state.pk}/",
        f"/admin/pages/{kep_article.pk}/workflow_history/detail/{workflow_state.pk}/",
        f"/admin/pages/workflow/preview/{article.pk}/{task_state.task_id}/",
        f"/admin/pages/workflow/preview/{kep_article.pk}/{task_state.task_id}/",
        f"/admin/pages/workflow/confirm_cancellation/{article.pk}/",
    ):
        response = kep_attacker.get(url)
        assert response.status_code == 404, url


def test_kep_cannot_reach_the_workflow_screens(communes, kep_attacker):
    voi_workflow = communes["voi"].approval_workflow
    task = voi_workflow.tasks.first()
    for url in (
        "/admin/workflows/list/",
        f"/admin/workflows/edit/{voi_workflow.pk}/",
        f"/admin/workflows/usage/{voi_workflow.pk}/",
        "/admin/workflows/tasks/index/",
        f"/admin/workflows/tasks/edit/{task.pk}/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ):
        response = kep_attacker.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Vôi" not in response.content.decode(), url


def test_vois_approver_approves_and_the_page_goes_live(voi_pending, voi_chairman, client_for):
    article, task_state = voi_pending
    client = client_for(voi_chairman)
    response = client.post(action_url(article.pk, "approve", task_state.pk), {"comment": ""})
    assert response.status_code == 302
    assert is_live(article)


def test_vois_editor_cannot_approve_or_publish_directly(voi_pending, editor_a, client_for):
    article, task_state = voi_pending
    client = client_for(editor_a)
    response = client.post(action_url(article.pk, "approve", task_state.pk), {"comment": ""})
    assert response.status_code in (302, 403)
    assert not is_live(article)
    add_url = f"/admin/pages/add/news/newsarticlepage/{article.get_parent().pk}/"
    form = client.get(add_url).content.decode()
    assert 'name="action-submit"' in form and 'name="action-publish"' not in form
    data = nested_form_data(
        {
            "title": "Tin tự đăng",
            "slug": "tin-tu-dang",
            "lead": "Đăng thẳng, không qua duyệt.",
            "date": "2026-12-01",
            "category": "chinh-quyen",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    client.post(add_url, {**data, "action-publish": "action-publish"})
    created = NewsArticlePage.objects.get(slug="tin-tu-dang")
    assert not created.live
