"""Provisioning communes: the operations behind the management commands.

Every function here is idempotent: it brings the database to the state the
registry describes and records in the report only what it had to change.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from .models import Commune, CommuneSettings, DistrictHomePage, HomePage, UnitKind
from .registry import CommuneRow

DISTRICT_ADMINS_GROUP = "Quản trị viên huyện"
EDITORS_GROUP_PREFIX = "Biên tập viên"
PORTAL_SLUG = "cong-thong-tin-huyen"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
DISTRICT_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "bulk_delete_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
DISTRICT_COLLECTION_PERMISSIONS = [
    *EDITOR_COLLECTION_PERMISSIONS,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
]
DISTRICT_GLOBAL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "home.manage_all_communes",
    "home.change_communesettings",
    "auth.add_user",
    "auth.change_user",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
]


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


def provision_communes(
    *, rows: Iterable[CommuneRow], base_domain: str, dry_run: bool = False
) -> ProvisionReport:
    """Bring every commune of the registry, and the district portal, into being."""
    rows = list(rows)
    report = ProvisionReport()
    with transaction.atomic():
        ensure_locales(report)
        district_name = rows[0].district if rows else "Huyện"
        ensure_district_portal(district_name, base_domain=base_domain, report=report)
        ensure_district_admins_group(report)
        retire_wagtail_default_roles(report)
        merged = set(
            Commune.objects.filter(merged_into__isnull=False).values_list("code", flat=True)
        )
        for row in rows:
            if row.code in merged:
                # Merged away: its site is archived, its rows live in the new commune.
                continue
            provision_commune(row, base_domain=base_domain, report=report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def ensure_locales(report: ProvisionReport) -> None:
    for code in ("vi", "en"):
        _, created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.record(f"locale {code}: created")


def ensure_district_portal(
    district_name: str, *, base_domain: str, report: ProvisionReport
) -> Site:
    """Make the default site the district portal, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    portal = DistrictHomePage.objects.filter(locale=Locale.get_default()).first()
    if portal is None:
        portal = DistrictHomePage(title=district_name, slug=PORTAL_SLUG)
        Page.get_first_root_node().add_child(instance=portal)
        portal.save_revision().publish()
        report.record(f"portal home page: created ({district_name})")
    if site is None:
        site = Site(is_default_site=True)
    previous_root = site.root_page if site.pk else None
    wanted = {
        "hostname": base_domain,
        "port": 80,
        "site_name": district_name,
        "root_page_id": portal.pk,
    }
    if _assign(site, wanted):
        site.save()
        report.record(f"portal site: {base_domain}")
    if previous_root and previous_root.pk != portal.pk:
        _delete_if_wagtail_welcome_page(previous_root, report)
    sync_settings(
        site,
        official_name=district_name,
        kind=UnitKind.DISTRICT,
        statistical_code="",
        report=report,
    )
    for provision_portal_section in hooks.get_hooks("provision_portal"):
        provision_portal_section(portal=portal, report=report)
    return site


def _delete_if_wagtail_welcome_page(page: Page, report: ProvisionReport) -> None:
    """Remove the placeholder page that Wagtail's first migration creates."""
    if page.specific_class is Page and page.depth == 2 and not page.get_children().exists():
        page.delete()
        report.record("Wagtail welcome page: removed")


def ensure_district_admins_group(report: ProvisionReport) -> Group:
    group, created = Group.objects.get_or_create(name=DISTRICT_ADMINS_GROUP)
    if created:
        report.record(f"group {DISTRICT_ADMINS_GROUP}: created")
    _grant_global(
        group,
        DISTRICT_GLOBAL_PERMISSIONS + _hooked_permissions("district_admin_permissions"),
        report,
    )
    _grant_pages(group, Page.get_first_root_node(), DISTRICT_PAGE_PERMISSIONS, report)
    _grant_collection(
        group, Collection.get_first_root_node(), DISTRICT_COLLECTION_PERMISSIONS, report
    )
    return group


def retire_wagtail_default_roles(report: ProvisionReport) -> None:
    """Wagtail's first migrations create "Editors" and "Moderators" groups with
    rights over the whole tree, and a workflow sending every page to the
    Moderators. Here each commune has its own editors, so those would cut
    across communes: the empty groups go and the workflow is switched off."""
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is not None and not group.user_set.exists():
            group.delete()
            report.record(f"Wagtail default group {name}: removed")
    changed = Workflow.objects.filter(name="Moderators approval", active=True).update(active=False)
    if changed:
        WorkflowPage.objects.filter(workflow__name="Moderators approval").delete()
        report.record("Wagtail default workflow: switched off")


def provision_commune(row: CommuneRow, *, base_domain: str, report: ProvisionReport) -> Commune:
    commune = sync_commune_record(row, report)
    home = ensure_commune_home(commune, report)
    site = ensure_commune_site(commune, home, base_domain=base_domain, report=report)
    sync_settings(
        site,
        official_name=commune.full_name,
        kind=commune.kind,
        statistical_code=commune.code,
        report=report,
    )
    collection = ensure_commune_collection(commune, report)
    group = ensure_editors_group(commune, report)
    grant_commune_permissions(group, home=home, collection=collection, site=site, report=report)
    for provision_section in hooks.get_hooks("provision_commune"):
        provision_section(commune=commune, home_page=home, report=report)
    return commune


def sync_commune_record(row: CommuneRow, report: ProvisionReport) -> Commune:
    values = {
        "name": row.name,
        "kind": row.kind,
        "slug": row.slug,
        "full_name": row.full_name,
        "district": row.district,
        "province": row.province,
    }
    commune = Commune.objects.filter(code=row.code).first()
    if commune is None:
        commune = Commune.objects.create(code=row.code, **values)
        report.record(f"{row.full_name}: registered")
    elif _assign(commune, values):
        commune.save()
        report.record(f"{row.full_name}: registry updated")
    return commune


def ensure_commune_home(commune: Commune, report: ProvisionReport) -> HomePage:
    home = None
    if commune.site_id:
        home = HomePage.objects.filter(pk=commune.site.root_page_id).first()
    if home is None:
        home = HomePage(title=commune.full_name, slug=commune.slug)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        report.record(f"{commune.full_name}: home page created")
        return home
    if home.title != commune.full_name or home.slug != commune.slug:
        rename_page(home, title=commune.full_name, slug=commune.slug)
        report.record(f"{commune.full_name}: home page renamed")
    return home


def rename_page(page: Page, *, title: str, slug: str) -> None:
    """Rename a live page without publishing an editor's pending draft."""
    page.title = title
    page.slug = slug
    if page.has_unpublished_changes:
        page.save(update_fields=["title", "slug", "url_path"])
    else:
        page.draft_title = title
        page.save_revision().publish()


def ensure_commune_site(
    commune: Commune, home: HomePage, *, base_domain: str, report: ProvisionReport
) -> Site:
    wanted = {
        "hostname": f"{commune.slug}.{base_domain}",
        "port": 80,
        "site_name": commune.full_name,
        "root_page_id": home.pk,
        "is_default_site": False,
    }
    site = commune.site or Site()
    if _assign(site, wanted):
        site.save()
        report.record(f"{commune.full_name}: site {wanted['hostname']}")
    if commune.site_id != site.pk:
        commune.site = site
        commune.save(update_fields=["site"])
    return site


def sync_settings(
    site: Site, *, official_name: str, kind: str, statistical_code: str, report: ProvisionReport
) -> CommuneSettings:
    settings = CommuneSettings.objects.filter(site=site).first() or CommuneSettings(site=site)
    wanted = {"official_name": official_name, "kind": kind, "statistical_code": statistical_code}
    if _assign(settings, wanted):
        settings.save()
        report.record(f"{official_name}: settings")
    return settings


def ensure_commune_collection(commune: Commune, report: ProvisionReport) -> Collection:
    collection = commune.collection
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=commune.full_name)
        commune.collection = collection
        commune.save(update_fields=["collection"])
        report.record(f"{commune.full_name}: collection created")
    elif collection.name != commune.full_name:
        collection.name = commune.full_name
        collection.save(update_fields=["name"])
        report.record(f"{commune.full_name}: collection renamed")
    return collection


def ensure_editors_group(commune: Commune, report: ProvisionReport) -> Group:
    name = f"{EDITORS_GROUP_PREFIX} {commune.full_name} ({commune.code})"
    group = commune.editors_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
        commune.editors_group = group
        commune.save(update_fields=["editors_group"])
        report.record(f"{commune.full_name}: editors' group created")
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
        report.record(f"{commune.full_name}: editors' group renamed")
    return group


def grant_commune_permissions(
    group: Group, *, home: Page, collection: Collection, site: Site, report: ProvisionReport
) -> None:
    """Everything a commune editor may do, each grant reaching that commune only."""
    _grant_global(
        group,
        ["wagtailadmin.access_admin", *_hooked_permissions("commune_editor_permissions")],
        report,
    )
    _grant_pages(group, home, EDITOR_PAGE_PERMISSIONS, report)
    _grant_collection(group, collection, EDITOR_COLLECTION_PERMISSIONS, report)
    permission = get_permission("home.change_communesettings")
    _, created = GroupSitePermission.objects.get_or_create(
        group=group, site=site, permission=permission
    )
    if created:
        report.record(f"{group.name}: settings permission for {site.hostname}")


def _hooked_permissions(hook_name: str) -> list[str]:
    """Model permissions that apps add to a role, e.g. editing their commune-owned rows."""
    return [perm for fn in hooks.get_hooks(hook_name) for perm in fn()]


def _grant_global(group: Group, perms: list[str], report: ProvisionReport) -> None:
    existing = set(group.permissions.values_list("content_type__app_label", "codename"))
    for dotted in perms:
        if tuple(dotted.split(".")) not in existing:
            group.permissions.add(get_permission(dotted))
            report.record(f"{group.name}: {dotted}")


def _grant_pages(group: Group, page: Page, codenames: list[str], report: ProvisionReport) -> None:
    for codename in codenames:
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=get_permission(f"wagtailcore.{codename}")
        )
        if created:
            report.record(f"{group.name}: {codename} on {page.title}")


def _grant_collection(
    group: Group, collection: Collection, perms: list[str], report: ProvisionReport
) -> None:
    for dotted in perms:
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=get_permission(dotted)
        )
        if created:
            report.record(f"{group.name}: {dotted} on {collection.name}")


def _assign(instance, values: dict) -> bool:
    """Set attributes that differ; return whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def add_commune_editor(
    *, username: str, commune: Commune, password: str | None = None, email: str = ""
) -> tuple[object, bool]:
    """Create the user if needed and put them in the commune's editors' group."""
    if commune.editors_group is None:
        raise ValueError(f"{commune} has not been provisioned yet")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults={"email": email})
    if password:
        user.set_password(password)
        user.save()
    elif created:
        user.set_unusable_password()
        user.save()
    user.groups.add(commune.editors_group)
    return user, created
