"""Which model's change makes what stale, declared by the apps that show it.

An app that shows a model on citizens' pages registers a declaration, a
function from one row to its targets (``home.caching.targets``):

    register(Rating, lambda rating: section_targets(site, "rating", ["ket-qua/"]))

Several apps may declare for one model (contact shows a rating on the
commune's results page, district on the portal's figures). A model that no
app declares purges nothing: nothing is guessed from its fields.

``purge`` bumps the targets' counters at once and again when the
transaction commits: a request served between the two, reading what was
committed before, cannot leave a stale page cached under the new version.
When a CDN is configured (``WAGTAILFRONTENDCACHE``), it is asked to forget
the same addresses after the commit, through Wagtail's frontend cache.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from theme import versions

from .targets import SitePath, Target, WholeSite

Declaration = Callable[[models.Model], Iterable[Target]]
SAVE, DELETE = "save", "delete"

_DECLARATIONS: dict[type, list[tuple[Declaration, frozenset[str]]]] = defaultdict(list)


def register(model: type, declaration: Declaration, *, on: Iterable[str] = (SAVE, DELETE)):
    """``declaration(row)`` lists what a saved or deleted row of ``model``
    (or of a subclass) makes stale. Idempotent."""
    entry = (declaration, frozenset(on))
    if entry not in _DECLARATIONS[model]:
        _DECLARATIONS[model].append(entry)


def is_registered(model: type) -> bool:
    return any(base in _DECLARATIONS for base in model.__mro__)


def targets_for(instance: models.Model, event: str = SAVE) -> list[Target]:
    """Every declared target of a row, each once, in declaration order."""
    found: dict[Target, None] = {}
    for base in type(instance).__mro__:
        for declaration, events in _DECLARATIONS.get(base, ()):
            if event in events:
                found.update(dict.fromkeys(declaration(instance)))
    return list(found)


def purge(targets: Iterable[Target]) -> None:
    """Forget the targets now, and again once the transaction commits."""
    targets = list(dict.fromkeys(targets))
    if not targets:
        return
    keys = [target.version_key for target in targets]
    if transaction.get_connection().in_atomic_block:
        versions.bump(keys)

    def after_commit():
        versions.bump(keys)
        purge_frontend_cache(targets)

    transaction.on_commit(after_commit)  # at once outside a transaction


def purge_instance(instance: models.Model, event: str = SAVE) -> None:
    """What a writer calls when it changed a row outside ``save()`` and
    ``delete()`` (a queryset's ``update()``)."""
    purge(targets_for(instance, event))


def purge_frontend_cache(targets: list[Target]) -> None:
    """The same addresses on a CDN, if one is configured; a whole site is its
    live pages in every language (routes below them expire on their own)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    batch.add_urls([target.url for target in targets if isinstance(target, SitePath)])
    for target in targets:
        if isinstance(target, WholeSite):
            batch.add_pages(live_pages_of_site(target.site_id))
    batch.purge()


def live_pages_of_site(site_id: int) -> list[Page]:
    """Every live page of a site's tree, in every language."""
    root = Page.objects.filter(sites_rooted_here=site_id).first()
    if root is None:
        return []
    trees = Q()
    for path in Page.objects.filter(translation_key=root.translation_key).values_list(
        "path", flat=True
    ):
        trees |= Q(path__startswith=path)
    return list(Page.objects.filter(trees).live())


def purge_registered(sender, instance, **kwargs) -> None:
    """Connected to every model's ``post_save``: dispatches only the models
    an app declared, through their declarations."""
    if is_registered(sender):
        purge(targets_for(instance, SAVE))


def purge_registered_deleted(sender, instance, **kwargs) -> None:
    if is_registered(sender):
        purge(targets_for(instance, DELETE))
