"""The one place that answers: which communes may this user act on?

Every queryset an editor can reach in the project's own admin views goes
through these functions; views never filter by commune by hand.

The commune model is looked up when called, not imported: the page form
(imported by ``home.models``) checks ownership through this module.
"""

from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from .models import Commune

MANAGE_ALL_COMMUNES = "home.manage_all_communes"


def commune_model() -> type["Commune"]:
    return apps.get_model("home", "Commune")


def is_district_admin(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(MANAGE_ALL_COMMUNES)))


def communes_for_user(user) -> QuerySet["Commune"]:
    communes = commune_model().objects
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return communes.none()
    if is_district_admin(user):
        return communes.all()
    # Its editors and its approvers (``home.moderation``) act on a commune.
    # A merged commune's groups are emptied by the merge; an approver left in
    # one by hand must not reach the archived site (rooted at the tree's root).
    mine = Q(editors_group__user=user) | Q(approvers_group__user=user, merged_into__isnull=True)
    return communes.filter(pk__in=communes.filter(mine).values("pk"))


def district_admin_users() -> QuerySet:
    """Active users ``is_district_admin`` says yes to (superusers, and the
    holders of ``MANAGE_ALL_COMMUNES`` directly or through a group): whom
    the district's reminders go to."""
    app_label, codename = MANAGE_ALL_COMMUNES.split(".")
    through_group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    direct = Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(is_superuser=True) | through_group | direct).distinct()


def commune_editors(commune) -> QuerySet:
    """Active members of the commune's editors' group."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(groups__pk=commune.editors_group_id).distinct()
