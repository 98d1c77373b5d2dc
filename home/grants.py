"""Granting a group its permissions, and the report provisioning keeps of
what it changed: shared by the provisioning of a commune (``home.services``),
of its approval workflow (``home.moderation``) and of the district
(``district.provisioning``). Every function is idempotent and records only
what it had to change."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page


@dataclass
class ProvisionReport:
    changes: list[str] = field(default_factory=list)

    def record(self, message: str) -> None:
        self.changes.append(message)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def get_permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_global(group: Group, perms: list[str], report: ProvisionReport) -> None:
    existing = set(group.permissions.values_list("content_type__app_label", "codename"))
    for dotted in perms:
        if tuple(dotted.split(".")) not in existing:
            group.permissions.add(get_permission(dotted))
            report.record(f"{group.name}: {dotted}")


def grant_pages(group: Group, page: Page, codenames: list[str], report: ProvisionReport) -> None:
    for codename in codenames:
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=get_permission(f"wagtailcore.{codename}")
        )
        if created:
            report.record(f"{group.name}: {codename} on {page.title}")


def revoke_pages(group: Group, pages, codename: str, report: ProvisionReport) -> None:
    """Take a page permission back from the group on these pages (a queryset
    or list), where it has it."""
    grants = GroupPagePermission.objects.filter(
        group=group,
        page__in=pages,
        permission__content_type__app_label="wagtailcore",
        permission__codename=codename,
    ).select_related("page")
    for grant in grants:
        report.record(f"{group.name}: {codename} on {grant.page.title} withdrawn")
        grant.delete()


def grant_collection(
    group: Group, collection: Collection, perms: list[str], report: ProvisionReport
) -> None:
    for dotted in perms:
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=get_permission(dotted)
        )
        if created:
            report.record(f"{group.name}: {dotted} on {collection.name}")


def ensure_commune_group(commune, field: str, name: str, report: ProvisionReport) -> Group:
    """The commune's group held in ``field`` (its editors', its approvers'),
    created or renamed to ``name``: one way for every role a commune has."""
    group = getattr(commune, field)
    label = field.removesuffix("_group")
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
        setattr(commune, field, group)
        commune.save(update_fields=[field])
        report.record(f"{commune.full_name}: {label}' group created")
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
        report.record(f"{commune.full_name}: {label}' group renamed")
    return group


def add_user_to_commune_group(
    *, username: str, commune, field: str, password: str | None = None, email: str = ""
) -> tuple[object, bool]:
    """Create the user if needed (with the password given, else none usable)
    and put them in the commune's group held in ``field``."""
    group = getattr(commune, field)
    if group is None:
        raise ValueError(f"{commune} has not been provisioned yet")
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email}
    )
    if password:
        user.set_password(password)
        user.save()
    elif created:
        user.set_unusable_password()
        user.save()
    user.groups.add(group)
    return user, created
