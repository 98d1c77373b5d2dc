"""Merging communes, as the 2025 reform did: the old communes' pages, rows,
files and editors move into the new commune, and every old address keeps
answering with a permanent redirect to its new place.

Generic on purpose: every model with a foreign key to ``home.Commune`` moves
(``Commune._meta.related_objects``), so that models added later (the news
app's letters) need nothing here. All in one transaction: any error and
nothing has changed; ``dry_run`` runs it all and rolls back, so the report
is the exact plan.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import IntegrityError, transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from home.models import Commune, HomePage, UnitKind
from home.registry import CommuneRow
from home.services import ProvisionReport, provision_commune

from .models import ArchivedSite

ARCHIVED_HOSTS_CACHE_KEY = "district:archived-hosts"


class MergeError(ValueError):
    """The merge cannot be done as asked; nothing was changed."""


@dataclass
class MergeReport:
    target: str = ""
    target_created: bool = False
    dry_run: bool = False
    moved: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)
    archived_hosts: list[str] = field(default_factory=list)
    redirects: int = 0

    def lines(self) -> list[str]:
        lines = [f"{'(dry run) ' if self.dry_run else ''}into {self.target}"]
        if self.target_created:
            lines.append("new commune created and provisioned")
        lines += [f"{label}: {count}" for label, count in sorted(self.moved.items())]
        lines += [f"archived site: {host}" for host in self.archived_hosts]
        lines.append(f"permanent redirects: {self.redirects}")
        lines += [f"kept with the old commune (conflict): {item}" for item in self.kept]
        return lines


def merge_communes(
    *,
    sources: list[str],
    target: str,
    name: str = "",
    code: str = "",
    dry_run: bool = False,
) -> MergeReport:
    """Merge the communes with slugs ``sources`` into the one with slug
    ``target``, created (with ``name`` and ``code``) if it does not exist."""
    report = MergeReport(dry_run=dry_run)
    with transaction.atomic():
        old = _load_sources(sources, target)
        new = _get_or_create_target(target, name=name, code=code, template=old[0], report=report)
        report.target = new.full_name
        for source in old:
            merge_one(source, new, report)
        if dry_run:
            transaction.set_rollback(True)
        else:
            transaction.on_commit(lambda: cache.delete(ARCHIVED_HOSTS_CACHE_KEY))
    return report


def _load_sources(slugs: list[str], target: str) -> list[Commune]:
    if not slugs:
        raise MergeError("name at least one commune to merge")
    if target in slugs:
        raise MergeError(f"{target} cannot be merged into itself")
    found = {c.slug: c for c in Commune.objects.filter(slug__in=slugs).select_related("site")}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise MergeError(f"unknown commune(s): {', '.join(missing)}")
    merged = [slug for slug in slugs if found[slug].site_id is None]
    if merged:
        raise MergeError(f"already merged or without a site: {', '.join(merged)}")
    return [found[slug] for slug in slugs]


def _get_or_create_target(
    slug: str, *, name: str, code: str, template: Commune, report: MergeReport
) -> Commune:
    commune = Commune.objects.filter(slug=slug).select_related("site").first()
    if commune is not None:
        if commune.site_id is None:
            raise MergeError(f"{slug} has no site (was it merged?)")
        if code and commune.code != code:
            raise MergeError(f"{slug} exists with code {commune.code}, not {code}")
        return commune
    if not (name and code):
        raise MergeError(f"{slug} does not exist: give --name and --code to create it")
    if Commune.objects.filter(code=code).exists():
        raise MergeError(f"code {code} is already used")
    row = CommuneRow(
        code=code,
        name=name,
        kind=UnitKind.COMMUNE,
        slug=slug,
        full_name=f"Xã {name}",
        district=template.district,
        province=template.province,
    )
    commune = provision_commune(row, base_domain=settings.BASE_DOMAIN, report=ProvisionReport())
    report.target_created = True
    return Commune.objects.select_related("site").get(pk=commune.pk)


def merge_one(source: Commune, target: Commune, report: MergeReport) -> None:
    old_site = source.site
    old_home = old_site.root_page
    homes = list(Page.objects.filter(translation_key=old_home.translation_key))
    old_paths = {
        page.pk: parts[2]
        for home in homes
        for page in Page.objects.descendant_of(home, inclusive=True)
        if (parts := page.get_url_parts()) and parts[0] == old_site.pk
    }
    move_pages(homes, target, report)
    move_files(source, target, report)
    move_rows(source, target, report)
    move_editors(source, target, report)
    move_approvers(source, target, report)
    archive_site(source, target)
    Site.clear_site_root_paths_cache()
    new_urls = {page.pk: page.get_full_url() for page in Page.objects.filter(pk__in=old_paths)}
    for pk, old_path in old_paths.items():
        Redirect.objects.update_or_create(
            site=old_site,
            old_path=Redirect.normalise_path(old_path),
            defaults={"redirect_link": new_urls[pk], "redirect_page": None, "is_permanent": True},
        )
    report.redirects += len(old_paths)
    report.archived_hosts.append(old_site.hostname)


def move_pages(homes: list[Page], target: Commune, report: MergeReport) -> None:
    """Each old home (one per language) goes under the new home of its
    language, subtree and all, renamed if its slug is taken there."""
    target_home = HomePage.objects.get(pk=target.site.root_page_id)
    for home in homes:
        parent = target_home.get_translation_or_none(home.locale)
        if parent is None:
            parent = target_home.copy_for_translation(home.locale)
            parent.save_revision().publish()
        home = home.specific
        slug = home.slug
        if parent.get_children().filter(slug=slug).exists():
            home.slug = f"{slug}-{home.pk}"
            home.save(update_fields=["slug"])
        report.moved["pages"] += home.get_descendants(inclusive=True).count()
        home.move(parent, pos="last-child")


def move_files(source: Commune, target: Commune, report: MergeReport) -> None:
    for model, label in ((get_image_model(), "images"), (get_document_model(), "documents")):
        report.moved[label] += model.objects.filter(collection=source.collection_id).update(
            collection=target.collection_id
        )


def move_rows(source: Commune, target: Commune, report: MergeReport) -> None:
    """Every row of every model that points to the old commune; a row that
    would break a uniqueness rule at the new one (the same procedure's note
    in both) stays with the old commune and is reported."""
    for relation in Commune._meta.related_objects:
        if relation.related_model is Commune:
            continue
        if relation.many_to_many:
            _move_many_to_many(relation, source, target, report)
            continue
        model, name = relation.related_model, relation.field.name
        rows = model._default_manager.filter(**{name: source})
        label = model._meta.label
        try:
            with transaction.atomic():
                report.moved[label] += rows.update(**{name: target})
        except IntegrityError:
            for pk in list(rows.values_list("pk", flat=True)):
                try:
                    with transaction.atomic():
                        model._default_manager.filter(pk=pk).update(**{name: target})
                        report.moved[label] += 1
                except IntegrityError:
                    report.kept.append(f"{label} #{pk}")


def _move_many_to_many(relation, source: Commune, target: Commune, report) -> None:
    model, name = relation.related_model, relation.field.name
    label = model._meta.label
    for instance in model._default_manager.filter(**{name: source}):
        manager = getattr(instance, name)
        manager.add(target)
        manager.remove(source)
        report.moved[label] += 1


def move_editors(source: Commune, target: Commune, report: MergeReport) -> None:
    """The old editors edit the new commune; the old group keeps no rights."""
    old_group: Group | None = source.editors_group
    if old_group is None:
        return
    users = list(old_group.user_set.all())
    target.editors_group.user_set.add(*users)
    old_group.user_set.clear()
    for permission_model in (GroupPagePermission, GroupCollectionPermission, GroupSitePermission):
        permission_model.objects.filter(group=old_group).delete()
    old_group.permissions.clear()
    report.moved["editors"] += len(users)


def move_approvers(source: Commune, target: Commune, report: MergeReport) -> None:
    """The old approvers approve for the new commune; the old group keeps no
    rights, and the old workflow stops (what waited for it is cancelled, its
    drafts kept; the moved pages fall under the new commune's workflow)."""
    old_group: Group | None = source.approvers_group
    if old_group is not None:
        users = list(old_group.user_set.all())
        if target.approvers_group is not None:
            target.approvers_group.user_set.add(*users)
        old_group.user_set.clear()
        for permission_model in (GroupPagePermission, GroupCollectionPermission):
            permission_model.objects.filter(group=old_group).delete()
        old_group.permissions.clear()
        report.moved["approvers"] += len(users)
    workflow = source.approval_workflow
    if workflow is not None and workflow.active:
        workflow.deactivate()


def archive_site(source: Commune, target: Commune) -> None:
    """The old Site row stays with its hostname, rooted at the tree's root
    so that it never claims a live page's URL; ``district.middleware``
    answers every request to it with a redirect."""
    old_site = source.site
    old_site.root_page = Page.get_first_root_node()
    old_site.is_default_site = False
    old_site.save()
    ArchivedSite.objects.create(
        site=old_site,
        former_code=source.code,
        former_name=source.full_name,
        merged_into=target,
    )
    source.site = None
    source.merged_into = target
    source.save(update_fields=["site", "merged_into"])


def archived_hosts() -> dict[str, int]:
    """Hostname → site id of archived sites, cached: every request asks."""
    hosts = cache.get(ARCHIVED_HOSTS_CACHE_KEY)
    if hosts is None:
        hosts = dict(ArchivedSite.objects.values_list("site__hostname", "site_id"))
        cache.set(ARCHIVED_HOSTS_CACHE_KEY, hosts, timeout=None)
    return hosts


def counts_for(commune: Commune) -> dict[str, int]:
    """What a commune holds, for checking a merge: pages of its tree (every
    language), rows pointing to it, files of its collection."""
    counts: dict[str, int] = {}
    if commune.site_id:
        home = commune.site.root_page
        counts["pages"] = sum(
            Page.objects.descendant_of(h, inclusive=True).count()
            for h in Page.objects.filter(translation_key=home.translation_key)
        )
    for relation in Commune._meta.related_objects:
        if relation.related_model is Commune or relation.many_to_many:
            continue
        model = relation.related_model
        counts[model._meta.label] = model._default_manager.filter(
            **{relation.field.name: commune}
        ).count()
    counts["images"] = get_image_model().objects.filter(collection=commune.collection_id).count()
    counts["documents"] = (
        get_document_model().objects.filter(collection=commune.collection_id).count()
    )
    return counts


__all__ = ["MergeError", "MergeReport", "counts_for", "merge_communes"]
