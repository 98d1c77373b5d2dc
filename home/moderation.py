"""Each commune's approval: what its editors write in the news, the
announcements and the greetings goes public only when one of its approvers
(the chairman, or the office chief) approves it, and the same approvers
publish its answers to citizens' feedback.

Wagtail's default workflow sent every page of every commune to one group of
moderators; provisioning retires it (``home.services``) and builds here, for
each commune, its approvers' group (scoped to its tree like its editors'),
its own Wagtail ``Workflow`` with one ``GroupApprovalTask`` naming that group
only, and the ``WorkflowPage`` rows that put its home page and those
sections under it. So an approver of Kép is never a reviewer of Vôi's pages:
Wagtail shows and accepts a task's actions only to the task's groups.

Wagtail lets whoever may publish a page skip its workflow, so approval is
also a matter of permissions: while it is on, editors may publish only in
the sections that need no approval (a grant on each of those section pages
instead of one on the home page); the approvers may publish in the whole
tree. The district switches a commune's approval off and on
(``Commune.approval_required``, ``manage.py commune_approval``); off, the
workflow is deactivated (pending submissions are cancelled, their drafts
kept) and editors publish everywhere again, as before.

Every function is idempotent, like the rest of provisioning.
"""

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .access import is_district_admin
from .grants import (
    add_user_to_commune_group,
    ensure_commune_group,
    grant_collection,
    grant_global,
    grant_pages,
    revoke_pages,
)
from .models import Commune
from .roles import (
    APPROVER_PAGE_PERMISSIONS,
    APPROVER_PERMISSIONS,
    EDITOR_COLLECTION_PERMISSIONS,
    PUBLISH_PAGE,
)
from .sections import SECTIONS_BY_KEY

if TYPE_CHECKING:
    from .grants import ProvisionReport

# The sections whose pages speak for the commune's government: what is
# written there waits for an approver (``home.sections`` keys).
MODERATED_SECTIONS = ("news", "announcements", "greetings")

# Names stored in the database, in the admin's language, like the editors'
# group's ("Biên tập viên Thị trấn Vôi (07153)"). Wagtail shows the workflow's
# in its button "Gửi tới %(workflow_name)s" and the task's in "Gửi lại tới
# %(task_name)s" and in the page's status.
APPROVERS_GROUP_NAME = "Lãnh đạo duyệt tin {name} ({code})"
WORKFLOW_NAME = "Lãnh đạo {name} duyệt"
TASK_NAME = "Lãnh đạo UBND {name}"


def ensure_commune_approval(
    commune: Commune,
    *,
    home: Page,
    editors: Group,
    collection: Collection,
    report: "ProvisionReport",
) -> Workflow:
    """The commune's approvers, workflow and publishing rights, as its
    ``approval_required`` says."""
    approvers = ensure_approvers_group(commune, report)
    grant_global(approvers, APPROVER_PERMISSIONS, report)
    grant_pages(approvers, home, APPROVER_PAGE_PERMISSIONS, report)
    grant_collection(approvers, collection, EDITOR_COLLECTION_PERMISSIONS, report)
    workflow = ensure_approval_workflow(commune, approvers, report)
    if commune.approval_required:
        require_approval(workflow, home=home, editors=editors, report=report)
    else:
        waive_approval(workflow, home=home, editors=editors, report=report)
    return workflow


def ensure_approvers_group(commune: Commune, report: "ProvisionReport") -> Group:
    name = APPROVERS_GROUP_NAME.format(name=commune.full_name, code=commune.code)
    return ensure_commune_group(commune, "approvers_group", name, report)


def ensure_approval_workflow(
    commune: Commune, approvers: Group, report: "ProvisionReport"
) -> Workflow:
    name = WORKFLOW_NAME.format(name=commune.full_name)
    workflow = commune.approval_workflow
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=False)
        commune.approval_workflow = workflow
        commune.save(update_fields=["approval_workflow"])
        report.record(f"{commune.full_name}: approval workflow created")
    elif workflow.name != name:
        workflow.name = name
        workflow.save(update_fields=["name"])
        report.record(f"{commune.full_name}: approval workflow renamed")
    ensure_approval_task(commune, workflow, approvers, report)
    return workflow


def ensure_approval_task(
    commune: Commune, workflow: Workflow, approvers: Group, report: "ProvisionReport"
) -> GroupApprovalTask:
    """The workflow's one step: the commune's approvers, and nobody else
    (a group added by hand in Wagtail's screens would reach across communes,
    so it is taken off again)."""
    name = TASK_NAME.format(name=commune.full_name)
    task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        report.record(f"{commune.full_name}: approval task created")
    if task.name != name or not task.active:
        task.name, task.active = name, True
        task.save(update_fields=["name", "active"])
        report.record(f"{commune.full_name}: approval task updated")
    if set(task.groups.values_list("pk", flat=True)) != {approvers.pk}:
        task.groups.set([approvers])
        report.record(f"{commune.full_name}: approval task given to {approvers.name}")
    return task


def moderated_pages(home: Page) -> list[Page]:
    """The home page and the sections needing approval: the pages the
    workflow is assigned to (their subpages follow them)."""
    sections = (SECTIONS_BY_KEY[key].existing_page(home) for key in MODERATED_SECTIONS)
    return [home, *(page for page in sections if page is not None)]


def require_approval(
    workflow: Workflow, *, home: Page, editors: Group, report: "ProvisionReport"
) -> None:
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        report.record(f"{workflow.name}: switched on")
    moderated = moderated_pages(home)
    for page in moderated:
        assigned = WorkflowPage.objects.filter(page=page).first()
        if assigned is None or assigned.workflow_id != workflow.pk:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
            report.record(f"{workflow.name}: assigned to {page.title}")
    # Editors publish directly only where no approval is needed.
    revoke_pages(editors, [home], PUBLISH_PAGE, report)
    free = Page.objects.child_of(home).exclude(pk__in=[page.pk for page in moderated])
    for page in free:
        grant_pages(editors, page, [PUBLISH_PAGE], report)
    revoke_pages(editors, [page for page in moderated if page.pk != home.pk], PUBLISH_PAGE, report)


def waive_approval(
    workflow: Workflow, *, home: Page, editors: Group, report: "ProvisionReport"
) -> None:
    if workflow.active:
        # Cancels what waits for approval (the drafts stay) and unassigns it.
        workflow.deactivate()
        report.record(f"{workflow.name}: switched off")
    grant_pages(editors, home, [PUBLISH_PAGE], report)
    revoke_pages(editors, Page.objects.child_of(home), PUBLISH_PAGE, report)


def set_commune_approval(commune: Commune, required: bool, report: "ProvisionReport") -> None:
    """The district's switch: record the choice and apply it now."""
    if commune.editors_group is None or commune.site is None or commune.collection is None:
        raise ValueError(f"{commune} has not been provisioned yet")
    if commune.approval_required != required:
        commune.approval_required = required
        commune.save(update_fields=["approval_required"])
        report.record(f"{commune.full_name}: approval {'on' if required else 'off'}")
    ensure_commune_approval(
        commune,
        home=Page.objects.get(pk=commune.site.root_page_id),
        editors=commune.editors_group,
        collection=commune.collection,
        report=report,
    )


def add_commune_approver(
    *, username: str, commune: Commune, password: str | None = None, email: str = ""
) -> tuple[object, bool]:
    """Create the user if needed and put them in the commune's approvers' group."""
    return add_user_to_commune_group(
        username=username, commune=commune, field="approvers_group", password=password, email=email
    )


def is_commune_approver(user, commune: Commune) -> bool:
    return bool(
        user.is_active
        and commune.approvers_group_id
        and user.groups.filter(pk=commune.approvers_group_id).exists()
    )


def may_publish_for(user, commune: Commune) -> bool:
    """Whether the user may publish in the commune's name without approval:
    its approvers, the district's admins, or anyone while its approval is off."""
    return (
        not commune.approval_required
        or is_district_admin(user)
        or is_commune_approver(user, commune)
    )
