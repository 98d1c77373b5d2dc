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
    kept_code_of: str = ""
    dry_run: bool = False
    moved: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)
    archived_hosts: list[str] = field(default_factory=list)
    redirects: int = 0

    def lines(self) -> list[str]:
        lines = [f"{'(dry run) ' if self.dry_run else ''}into {self.target}"]
        if self.target_created:
            lines.append("new commune created and provisioned")
        if self.kept_code_of:
            lines.append(f"keeps the code of {self.kept_code_of}, which becomes the new commune")
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
    identity: CommuneRow | None = None,
    dry_run: bool = False,
) -> MergeReport:
    """Merge the communes with slugs ``sources`` into the one with slug
    ``target``, created (with ``name`` and ``code``) if it does not exist.

    When ``code`` is one of the merged units' own (most mergers of 2025: the
    new commune keeps the code of one old unit, often with a new name), that
    unit becomes the new commune: the others merge into it, then it takes
    the new slug, name and type, and its old addresses answer 301 too.
    ``identity`` gives the new commune's full registry row (the reform's
    2025 unit: its type and province); otherwise a xã of the same province.
    """
    report = MergeReport(dry_run=dry_run)
    code = identity.code if identity else code
    with transaction.atomic():
        old = _load_sources(sources, target, code=code)
        keeper = next((c for c in old if code and c.code == code), None)
        if keeper is None:
            new = _get_or_create_target(
                target, name=name, code=code, template=old[0], identity=identity, report=report
            )
            for source in old:
                merge_one(source, new, report)
        else:
            row = identity or _row_for(keeper, slug=target, name=name)
            _check_slug_free(target, group=old)
            own_paths = old_page_paths(keeper.site)
            report.kept_code_of = f"{keeper.full_name} ({keeper.code})"
            for source in old:
                if source is not keeper:
                    merge_one(source, keeper, report)
            new = retarget(keeper, row, own_paths=own_paths, report=report)
        report.target = new.full_name
        if dry_run:
            transaction.set_rollback(True)
        else:
            transaction.on_commit(lambda: cache.delete(ARCHIVED_HOSTS_CACHE_KEY))
    return report


def _load_sources(slugs: list[str], target: str, *, code: str = "") -> list[Commune]:
    if not slugs:
        raise MergeError("name at least one commune to merge")
    found = {c.slug: c for c in Commune.objects.filter(slug__in=slugs).select_related("site")}
    keeps_a_code = bool(code) and any(c.code == code for c in found.values())
    if target in slugs and not keeps_a_code:
        # Unless the new commune keeps one of the merged units' codes: then
        # the slug may be any of theirs (Kép stays kep; Tiên Lục takes tien-luc).
        raise MergeError(f"{target} cannot be merged into itself")
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise MergeError(f"unknown commune(s): {', '.join(missing)}")
    merged = [slug for slug in slugs if found[slug].site_id is None]
    if merged:
        raise MergeError(f"already merged or without a site: {', '.join(merged)}")
    return [found[slug] for slug in slugs]


FULL_NAME_PREFIX = {
    UnitKind.COMMUNE: "Xã",
    UnitKind.TOWN: "Thị trấn",
    UnitKind.WARD: "Phường",
    UnitKind.SPECIAL_ZONE: "Đặc khu",
}


def _row_for(template: Commune, *, slug: str, name: str, code: str = "") -> CommuneRow:
    """The new commune as ``merge_communes --name`` describes it: a xã of the
    same district and province as the first unit merged."""
    name = name or template.name
    return CommuneRow(
        code=code or template.code,
        name=name,
        kind=UnitKind.COMMUNE,
        slug=slug,
        full_name=f"{FULL_NAME_PREFIX[UnitKind.COMMUNE]} {name}",
        district=template.district,
        province=template.province,
    )


def _check_slug_free(slug: str, *, group: list[Commune]) -> None:
    holder = Commune.objects.filter(slug=slug).first()
    if holder is not None and holder.pk not in {c.pk for c in group}:
        raise MergeError(f"{slug} is already the slug of {holder.full_name}")


def _get_or_create_target(
    slug: str,
    *,
    name: str,
    code: str,
    template: Commune,
    identity: CommuneRow | None,
    report: MergeReport,
) -> Commune:
    commune = Commune.objects.filter(slug=slug).select_related("site").first()
    if commune is not None:
        if commune.site_id is None:
            raise MergeError(f"{slug} has no site (was it merged?)")
        if code and commune.code != code:
            raise MergeError(f"{slug} exists with code {commune.code}, not {code}")
        return commune
    if identity is None and not (name and code):
        raise MergeError(f"{slug} does not exist: give --name and --code to create it")
    if Commune.objects.filter(code=code).exists():
        raise MergeError(f"code {code} is already used by a commune not merged here")
    row = identity or _row_for(template, slug=slug, name=name, code=code)
    commune = provision_commune(row, base_domain=settings.BASE_DOMAIN, report=ProvisionReport())
    report.target_created = True
    return Commune.objects.select_related("site").get(pk=commune.pk)


def old_page_paths(site: Site) -> dict[int, str]:
    """Page id -> path on ``site`` of every page of its tree, every language."""
    home = site.root_page
    return {
        page.pk: parts[2]
        for h in Page.objects.filter(translation_key=home.translation_key)
        for page in Page.objects.descendant_of(h, inclusive=True)
        if (parts := page.get_url_parts()) and parts[0] == site.pk
    }


def retarget(keeper: Commune, row: CommuneRow, *, own_paths: dict, report: MergeReport) -> Commune:
    """The unit whose code the new commune keeps becomes it: new slug, name,
    type and province (the same rename as the registry's). Its old hostname
    is archived like a merged unit's; a merged unit whose hostname the new
    commune takes gives it up, its redirects following onto the live site."""
    site = keeper.site
    old_host, old_port, old_root = site.hostname, site.port, site.root_url
    old_name = keeper.full_name
    new_host = f"{row.slug}.{settings.BASE_DOMAIN}"
    if _release_hostname(new_host, keeper=keeper, row=row):
        report.archived_hosts.remove(new_host)
    provision_commune(row, base_domain=settings.BASE_DOMAIN, report=ProvisionReport())
    keeper = Commune.objects.select_related("site").get(pk=keeper.pk)
    Site.clear_site_root_paths_cache()
    new_root = keeper.site.root_url
    if new_root != old_root:
        for redirect in Redirect.objects.filter(redirect_link__startswith=old_root + "/"):
            redirect.redirect_link = new_root + redirect.redirect_link[len(old_root) :]
            redirect.save(update_fields=["redirect_link"])
    if old_host != keeper.site.hostname:
        archive = Site.objects.create(
            hostname=old_host, port=old_port, root_page=Page.get_first_root_node()
        )
        ArchivedSite.objects.create(
            site=archive, former_code=keeper.code, former_name=old_name, merged_into=keeper
        )
        new_urls = {page.pk: page.get_full_url() for page in Page.objects.filter(pk__in=own_paths)}
        for pk, old_path in own_paths.items():
            Redirect.objects.update_or_create(
                site=archive,
                old_path=Redirect.normalise_path(old_path),
                defaults={
                    "redirect_link": new_urls[pk],
                    "redirect_page": None,
                    "is_permanent": True,
                },
            )
        report.redirects += len(own_paths)
        report.archived_hosts.append(old_host)
    return keeper


def _release_hostname(hostname: str, *, keeper: Commune, row: CommuneRow) -> bool:
    """A unit merged into ``keeper`` whose slug and hostname the new commune
    takes (Tiên Lục 2025 keeps Nghĩa Hưng's code and Tiên Lục's name): its
    commune row takes a slug of its own, its archived site goes, and its
    redirects move onto the new commune's live site, where Wagtail answers
    them for every old path that is not a page of the new commune."""
    holder = Commune.objects.filter(slug=row.slug, merged_into=keeper).exclude(pk=keeper.pk).first()
    if holder is not None:
        holder.slug = f"{holder.slug}-{holder.code}"
        holder.save(update_fields=["slug"])
    archived = ArchivedSite.objects.filter(site__hostname=hostname, merged_into=keeper).first()
    if archived is None:
        return False
    taken = set(Redirect.objects.filter(site=keeper.site).values_list("old_path", flat=True))
    Redirect.objects.filter(site_id=archived.site_id).exclude(old_path__in=taken).update(
        site=keeper.site
    )
    site = archived.site
    archived.delete()
    site.delete()
    return True


def merge_one(source: Commune, target: Commune, report: MergeReport) -> None:
    old_site = source.site
    old_home = old_site.root_page
    homes = list(Page.objects.filter(translation_key=old_home.translation_key))
    old_paths = old_page_paths(old_site)
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
