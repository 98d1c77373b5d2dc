"""Each commune's approval workflow as provisioning builds it: its own
approvers' group scoped to its tree, its own workflow and approval task on
its news, announcements and greetings, editors who may no longer publish
there, and the district's switch (``manage.py commune_approval``)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    WorkflowPage,
    WorkflowState,
)

from home.access import communes_for_user
from home.moderation import MODERATED_SECTIONS, add_commune_approver
from home.sections import SECTIONS_BY_KEY
from news.models import NewsArticlePage
from tests.shipped import PROVISIONED, provision, write_registry

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user read again: Wagtail caches a user's page permissions on the object."""
    return get_user_model().objects.get(pk=user.pk)


def home_of(commune) -> Page:
    return Page.objects.get(pk=commune.site.root_page_id)


def section(commune, key) -> Page:
    return SECTIONS_BY_KEY[key].existing_page(home_of(commune))


@pytest.fixture
def make_approver(db):
    def make(commune, username=None):
        user, _ = add_commune_approver(
            username=username or f"approver-{commune.slug}", commune=commune, password="pw"
        )
        return get_user_model().objects.get(pk=user.pk)

    return make


@pytest.mark.parametrize("slug", PROVISIONED)
def test_each_commune_has_its_own_approvers_workflow_and_task(communes, slug):
    commune = communes[slug]
    approvers = commune.approvers_group
    workflow = commune.approval_workflow
    assert approvers is not None and commune.full_name in approvers.name
    assert workflow is not None and workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1 and isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.all()) == [approvers]
    # Its page rights reach its own tree only.
    granted = GroupPagePermission.objects.filter(group=approvers)
    assert {grant.page_id for grant in granted} == {commune.site.root_page_id}
    assert {grant.permission.codename for grant in granted} >= {"publish_page", "change_page"}
    for key in MODERATED_SECTIONS:
        page = section(commune, key)
        assert WorkflowPage.objects.get(page=page).workflow == workflow
        assert page.get_workflow() == workflow


def test_no_two_communes_share_a_group_workflow_or_task(communes):
    picked = [communes[slug] for slug in PROVISIONED]
    assert len({c.approvers_group_id for c in picked}) == len(picked)
    assert len({c.approval_workflow_id for c in picked}) == len(picked)
    tasks = {task.pk for c in picked for task in c.approval_workflow.tasks}
    assert len(tasks) == len(picked)
    assert not {c.approvers_group_id for c in picked} & {c.editors_group_id for c in picked}


def test_editors_publish_only_where_no_approval_is_needed(communes, editor_a, make_approver):
    voi = communes["voi"]
    chairman = make_approver(voi)
    kep_chairman = make_approver(communes["kep"])
    for key in MODERATED_SECTIONS:
        page = section(voi, key)
        assert not page.permissions_for_user(editor_a).can_publish_subpage(), key
        assert page.permissions_for_user(editor_a).can_add_subpage(), key
        assert page.permissions_for_user(chairman).can_publish_subpage(), key
        assert not page.permissions_for_user(kep_chairman).can_publish_subpage(), key
        assert not page.permissions_for_user(kep_chairman).can_edit(), key
    for key in ("about", "contact", "reception", "thanks"):
        assert section(voi, key).permissions_for_user(editor_a).can_publish(), key
    # The home page too waits for an approver.
    assert not home_of(voi).permissions_for_user(editor_a).can_publish()
    assert home_of(voi).get_workflow() == voi.approval_workflow


def test_an_approver_acts_on_their_own_commune_only(communes, make_approver):
    chairman = make_approver(communes["voi"])
    assert list(communes_for_user(chairman)) == [communes["voi"]]


def test_provisioning_again_changes_nothing(communes):
    assert provision(PROVISIONED).changes == []


def test_an_existing_commune_gets_approval_when_provisioning_runs_again(communes, tmp_path):
    """What an install provisioned before this change had: editors publishing
    everywhere, no approvers, no workflow. Running ``provision_communes``
    again brings it up to date."""
    voi = communes["voi"]
    home = home_of(voi)
    workflow, approvers = voi.approval_workflow, voi.approvers_group
    voi.approval_workflow = voi.approvers_group = None
    voi.save()
    workflow.delete()
    approvers.delete()
    GroupPagePermission.objects.filter(group=voi.editors_group).delete()
    registry = write_registry(tmp_path / "communes.csv", PROVISIONED)
    call_command("provision_communes", "--registry", str(registry), verbosity=0)
    voi.refresh_from_db()
    assert voi.approval_workflow.active and voi.approvers_group is not None
    assert section(voi, "news").get_workflow() == voi.approval_workflow
    editor = get_user_model().objects.create_user(username="old-editor")
    editor.groups.add(voi.editors_group)
    assert not section(voi, "news").permissions_for_user(editor).can_publish()
    assert section(voi, "about").permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(editor).can_edit()


def submitted_article(commune, editor) -> NewsArticlePage:
    article = NewsArticlePage(
        title="Tin chờ duyệt", slug="tin-cho-duyet", lead="Tin của biên tập viên.", live=False
    )
    section(commune, "news").add_child(instance=article)
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    return article


def test_the_district_switches_a_communes_approval_off_and_on(communes, editor_a):
    voi = communes["voi"]
    article = submitted_article(voi, editor_a)
    call_command("commune_approval", "voi", "--off", verbosity=0)
    voi.refresh_from_db()
    assert not voi.approval_required and not voi.approval_workflow.active
    # What waited is cancelled (its draft kept); editors publish again.
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert section(voi, "news").get_workflow() is None
    editor = fresh(editor_a)
    assert section(voi, "news").permissions_for_user(editor).can_publish_subpage()
    assert home_of(voi).permissions_for_user(editor).can_publish()
    # Kép's approval is untouched.
    assert communes["kep"].approval_workflow.active
    assert provision(PROVISIONED).changes == []

    call_command("commune_approval", "voi", "--on", verbosity=0)
    voi.refresh_from_db()
    assert voi.approval_required and voi.approval_workflow.active
    assert section(voi, "news").get_workflow() == voi.approval_workflow
    editor = fresh(editor_a)
    assert not section(voi, "news").permissions_for_user(editor).can_publish_subpage()
    assert section(voi, "about").permissions_for_user(editor).can_publish()


def test_a_group_added_to_the_task_by_hand_is_taken_off_again(communes):
    voi, kep = communes["voi"], communes["kep"]
    task = voi.approval_workflow.tasks.first().specific
    task.groups.add(kep.approvers_group)
    report = provision(PROVISIONED)
    assert list(task.groups.all()) == [voi.approvers_group]
    assert any("approval task given" in change for change in report.changes)
