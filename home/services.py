"""Provisioning communes: the operations behind the management commands.

Every function here is idempotent: it brings the database to the state the
registry describes and records in the report only what it had to change.
What a commune's site holds is ``home.sections``; what its editors may do,
``home.roles``; who approves what they publish, ``home.moderation``. The
oversight unit's portal and its admins' group are the district app's
(``district.provisioning``), which calls these.
"""

from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import (
    Collection,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from .cache_targets import changed_page_targets
from .caching.registry import purge
from .grants import (  # noqa: F401  (district provisioning takes them from here)
    ProvisionReport,
    add_user_to_commune_group,
    ensure_commune_group,
    get_permission,
    grant_collection,
    grant_global,
    grant_pages,
)
from .models import Commune, CommuneSettings, HomePage, UnitKind, unit_noun
from .moderation import ensure_commune_approval
from .registry import CommuneRow
from .roles import (
    COMMUNE_EDITOR_PERMISSIONS,
    EDITOR_COLLECTION_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    EDITOR_SITE_SETTINGS,
)
from .sections import COMMUNE_SECTIONS, Section

EDITORS_GROUP_PREFIX = "Biên tập viên"


def ensure_locales(report: ProvisionReport) -> None:
    for code in ("vi", "en"):
        _, created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.record(f"locale {code}: created")


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
    ensure_sections(
        home, COMMUNE_SECTIONS, report=report, owner=commune.full_name, unit_kind=commune.kind
    )
    ensure_commune_approval(commune, home=home, editors=group, collection=collection, report=report)
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
    elif assign_changed(commune, values):
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
        purge(changed_page_targets(page))  # live without a publish signal
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
    if assign_changed(site, wanted):
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
    if assign_changed(settings, wanted):
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
    return ensure_commune_group(commune, "editors_group", name, report)


def grant_commune_permissions(
    group: Group, *, home: Page, collection: Collection, site: Site, report: ProvisionReport
) -> None:
    """Everything a commune editor may do (``home.roles``), each grant
    reaching that commune only."""
    grant_global(group, COMMUNE_EDITOR_PERMISSIONS, report)
    grant_pages(group, home, EDITOR_PAGE_PERMISSIONS, report)
    grant_collection(group, collection, EDITOR_COLLECTION_PERMISSIONS, report)
    for dotted in EDITOR_SITE_SETTINGS:
        _, created = GroupSitePermission.objects.get_or_create(
            group=group, site=site, permission=get_permission(dotted)
        )
        if created:
            report.record(f"{group.name}: {dotted} for {site.hostname}")


def ensure_sections(
    home: Page,
    sections: list[Section],
    *,
    report,
    owner: str,
    unit_kind: str = UnitKind.COMMUNE,
) -> None:
    """Each section's page under the home page, created once and published,
    in the list's order; texts in the home page's language, naming the unit
    by its kind (``%(unit)s``: "thị trấn" on a town's pages). An existing
    page is never changed (its editors own it)."""
    for section in sections:
        if section.existing_page(home) is not None:
            continue
        with translation.override(home.locale.language_code):
            page = section.model(
                title=str(section.title),
                slug=section.slug,
                show_in_menus=section.in_menu,
                **(
                    {"intro": str(section.intro) % {"unit": unit_noun(unit_kind)}}
                    if section.intro
                    else {}
                ),
            )
        home.add_child(instance=page)
        page.save_revision().publish()
        report.record(f"{owner}: {section.slug} page created")


def assign_changed(instance, values: dict) -> bool:
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
    return add_user_to_commune_group(
        username=username, commune=commune, field="editors_group", password=password, email=email
    )
