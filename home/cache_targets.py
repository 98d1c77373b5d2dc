"""What changes of pages, sites, restrictions and settings make stale
(``home.caching``), and the signals that carry them.

Pages change what citizens see when they are published, unpublished, moved
or deleted (Wagtail's signals); a draft saved is not seen, so saving a page
purges nothing but the site lookup (a home page is a site's root). A
change to a page purges its whole site: its menu, listings and home page may
all show it. A setting or a site purges its site; a view restriction the
site of its page.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from theme import navigation

from . import sites
from .caching.page_cache import forget_hostname
from .caching.registry import (
    DELETE,
    SAVE,
    purge,
    purge_registered,
    purge_registered_deleted,
    register,
)
from .caching.targets import Counter, Target, whole_site
from .models import CommuneSettings

MENU = Counter(navigation.VERSION_KEY)
SITE_LOOKUP = Counter(sites.VERSION_KEY)


def changed_page_targets(page: Page) -> list[Target]:
    """A published, unpublished, moved or deleted page: its site, the menu,
    and the site lookup when the page is a site's root."""
    targets = [*whole_site(page.get_site()), MENU]
    if page.depth <= 2:
        targets.append(SITE_LOOKUP)
    return targets


def saved_page_targets(page: Page) -> list[Target]:
    return [SITE_LOOKUP] if page.depth <= 2 else []


def restriction_targets(restriction: PageViewRestriction) -> list[Target]:
    """A restriction hides a page from listings and the menu too."""
    page = Page.objects.filter(pk=restriction.page_id).first()
    return [*(whole_site(page.get_site()) if page else []), MENU]


def site_targets(site: Site) -> list[Target]:
    return [*whole_site(site), SITE_LOOKUP]


def deleted_site_targets(site: Site) -> list[Target]:
    """Its hostname is forgotten (``forget_deleted_site``), not bumped."""
    return [SITE_LOOKUP]


def settings_targets(settings: CommuneSettings) -> list[Target]:
    return whole_site(Site.objects.filter(pk=settings.site_id).first())


def purge_page(sender, instance, **kwargs) -> None:
    purge(changed_page_targets(instance))


def purge_moved_page(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    """A move (a merge moves whole trees) changes the site it left and the one it joined."""
    purge(
        [
            *changed_page_targets(instance),
            *whole_site(parent_page_before.get_site()),
            *whole_site(parent_page_after.get_site()),
        ]
    )


def remember_hostname(sender, instance: Site, **kwargs) -> None:
    """A site's former hostname stops being a site's: its page cache counter goes."""
    if instance.pk is None:
        return
    before = Site.objects.filter(pk=instance.pk).values_list("hostname", flat=True).first()
    if before and before.lower() != instance.hostname.lower():
        forget_hostname(before)


def forget_deleted_site(sender, instance: Site, **kwargs) -> None:
    forget_hostname(instance.hostname)


def connect() -> None:
    register(Page, changed_page_targets, on=[DELETE])
    register(Page, saved_page_targets, on=[SAVE])
    register(PageViewRestriction, restriction_targets)
    register(Site, site_targets, on=[SAVE])
    register(Site, deleted_site_targets, on=[DELETE])
    register(CommuneSettings, settings_targets)
    page_published.connect(purge_page, dispatch_uid="home-cache-page-published")
    page_unpublished.connect(purge_page, dispatch_uid="home-cache-page-unpublished")
    post_page_move.connect(purge_moved_page, dispatch_uid="home-cache-page-moved")
    pre_save.connect(remember_hostname, sender=Site, dispatch_uid="home-cache-site-hostname")
    post_delete.connect(forget_deleted_site, sender=Site, dispatch_uid="home-cache-site-deleted")
    # The one generic handler: it dispatches only the models declared above
    # and by the other apps (``register``), through their declarations.
    post_save.connect(purge_registered, dispatch_uid="home-cache-registered-saved")
    post_delete.connect(purge_registered_deleted, dispatch_uid="home-cache-registered-deleted")
