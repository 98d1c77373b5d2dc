"""The one place that answers: which communes may this user act on?

Every queryset an editor can reach in the project's own admin views goes
through these functions; views never filter by commune by hand.

The commune model is looked up when called, not imported: the page form
(imported by ``home.models``) checks ownership through this module.
"""

from typing import TYPE_CHECKING

from django.apps import apps
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
