"""The one place that answers: which communes may this user act on?

Every queryset an editor can reach in the project's own admin views goes
through these functions; views never filter by commune by hand.
"""

from django.db.models import QuerySet
from wagtail.models import Site

from .models import Commune

MANAGE_ALL_COMMUNES = "home.manage_all_communes"


def is_district_admin(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(MANAGE_ALL_COMMUNES)))


def communes_for_user(user) -> QuerySet[Commune]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Commune.objects.none()
    if is_district_admin(user):
        return Commune.objects.all()
    return Commune.objects.filter(editors_group__user=user)


def sites_for_user(user) -> QuerySet[Site]:
    return Site.objects.filter(commune__in=communes_for_user(user))
