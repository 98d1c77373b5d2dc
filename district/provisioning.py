"""Provisioning an oversight unit: its portal (the default site), its admins'
group, every commune of its registry, and the programme's criteria.

The operation behind ``provision_communes``; idempotent like the commune
provisioning it calls (``home.services``).
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from home.concurrency import exclusive
from home.models import Commune, UnitKind
from home.registry import CommuneRow
from home.roles import (
    DISTRICT_ADMIN_PERMISSIONS,
    DISTRICT_COLLECTION_PERMISSIONS,
    DISTRICT_PAGE_PERMISSIONS,
)
from home.sections import PORTAL_SECTIONS
from home.services import (
    ProvisionReport,
    assign_changed,
    ensure_locales,
    ensure_sections,
    grant_collection,
    grant_global,
    grant_pages,
    provision_commune,
    retire_wagtail_default_roles,
    sync_settings,
)

from .criteria import load_criteria, load_steps
from .models import DistrictHomePage

DISTRICT_ADMINS_GROUP = "Quản trị viên huyện"
PORTAL_SLUG = "cong-thong-tin-huyen"


def provision_communes(
    *, rows: Iterable[CommuneRow], base_domain: str, dry_run: bool = False
) -> ProvisionReport:
    """Bring the portal, every commune of the registry and the criteria into being."""
    rows = list(rows)
    report = ProvisionReport()
    # Two runs at once (two operators, a deploy hook and a cron): the second
    # waits for the first to commit, then finds nothing left to create.
    with exclusive("provision_communes"):
        ensure_locales(report)
        # The 2025 map has no districts: the province's name heads its portal.
        district_name = (rows[0].district or rows[0].province) if rows else "Huyện"
        ensure_district_portal(district_name, base_domain=base_domain, report=report)
        ensure_district_admins_group(report)
        retire_wagtail_default_roles(report)
        merged = set(
            Commune.objects.filter(merged_into__isnull=False).values_list("code", flat=True)
        )
        elsewhere = {row.code for row in rows_of_another_province(rows)}
        for row in rows:
            if row.code in merged or row.code in elsewhere:
                # Merged away: its site is archived, its rows live in the new commune.
                # In another province: the reform moved it (``apply_reform``).
                continue
            provision_commune(row, base_domain=base_domain, report=report)
        load_criteria(report=report)
        load_steps(report=report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def rows_of_another_province(rows: Iterable[CommuneRow]) -> list[CommuneRow]:
    """Rows whose code belongs to a commune of another province: a 2022 row
    of a unit the reform took into its 2025 commune (which kept the code), or
    a 2025 row whose code is still an old-map unit's. A registry never moves
    a commune between maps; ``apply_reform`` does, with its redirects."""
    rows = [row for row in rows if row.province]
    provinces = dict(
        Commune.objects.filter(code__in=[row.code for row in rows]).values_list("code", "province")
    )
    return [row for row in rows if provinces.get(row.code) and provinces[row.code] != row.province]


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
    if assign_changed(site, wanted):
        site.save()
        report.record(f"portal site: {base_domain}")
    if previous_root and previous_root.pk != portal.pk:
        delete_if_wagtail_welcome_page(previous_root, report)
    sync_settings(
        site,
        official_name=district_name,
        kind=UnitKind.DISTRICT,
        statistical_code="",
        report=report,
    )
    ensure_sections(
        portal, PORTAL_SECTIONS, report=report, owner="portal", unit_kind=UnitKind.DISTRICT
    )
    return site


def delete_if_wagtail_welcome_page(page: Page, report: ProvisionReport) -> None:
    """Remove the placeholder page that Wagtail's first migration creates."""
    if page.specific_class is Page and page.depth == 2 and not page.get_children().exists():
        page.delete()
        report.record("Wagtail welcome page: removed")


def ensure_district_admins_group(report: ProvisionReport) -> Group:
    group, created = Group.objects.get_or_create(name=DISTRICT_ADMINS_GROUP)
    if created:
        report.record(f"group {DISTRICT_ADMINS_GROUP}: created")
    grant_global(
        group,
        DISTRICT_ADMIN_PERMISSIONS,
        report,
    )
    grant_pages(group, Page.get_first_root_node(), DISTRICT_PAGE_PERMISSIONS, report)
    grant_collection(
        group, Collection.get_first_root_node(), DISTRICT_COLLECTION_PERMISSIONS, report
    )
    return group
