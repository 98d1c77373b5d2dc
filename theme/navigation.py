"""The site menu, built once per publish instead of once per page view.

Every page shows the same menu: the live, in-menu children of its site's
root in its language. It is cached per root page, and the cache is dropped
whenever a page is published, unpublished, moved or deleted, or a view
restriction changes. Other small lists that change at the same moments
(a page's translations, the restricted pages) are kept under the same
version (``cached_for_navigation``).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "site-navigation:version"


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.set(VERSION_KEY, version, timeout=None)
    return version


def sections_for_root(root_path: str) -> list[tuple[str, int, str]]:
    """(url path, page id, title) of the menu sections under a tree's root page."""
    key = f"site-navigation:{_version()}:{root_path}"
    sections = cache.get(key)
    if sections is None:
        children = (
            Page.objects.filter(
                path__startswith=root_path, depth=len(root_path) // Page.steplen + 1
            )
            .live()
            .in_menu()
            .order_by("path")
            .only("id", "title", "url_path")
        )
        sections = [(page.url_path, page.pk, page.title) for page in children]
        cache.set(key, sections, timeout=None)
    return sections


def cached_for_navigation(name: str, key: str, build):
    """``build()``, kept until the next change that would change the menu."""
    full_key = f"site-navigation:{_version()}:{name}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout=None)
    return value


def invalidate_navigation(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


page_published.connect(invalidate_navigation, dispatch_uid="theme-nav-published")
page_unpublished.connect(invalidate_navigation, dispatch_uid="theme-nav-unpublished")
post_page_move.connect(invalidate_navigation, dispatch_uid="theme-nav-moved")


@receiver(post_delete, dispatch_uid="theme-nav-deleted")
def invalidate_navigation_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_navigation()


# Lists that leave out restricted pages are kept under the same version.
post_save.connect(invalidate_navigation, sender=PageViewRestriction, dispatch_uid="theme-nav-pvr")
post_delete.connect(
    invalidate_navigation, sender=PageViewRestriction, dispatch_uid="theme-nav-pvr-deleted"
)
