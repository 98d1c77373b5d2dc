"""The site menu, built once per change of the pages instead of once per page view.

Every page shows the same menu: the live, in-menu children of its site's
root in its language. It is cached per root page under one version counter
(``theme.versions``), ``VERSION_KEY``, which ``home.caching`` bumps whenever
a page is published, unpublished, moved or deleted, or a view restriction
changes. Other small lists that change at the same moments (a page's
translations, the restricted pages) are kept under the same version
(``cached_for_navigation``). The theme itself listens to no signal.

How the menu is arranged is ``theme.menu``'s: this module says which pages
are in it.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page

from theme import versions

VERSION_KEY = "site-navigation:version"
# Entries left behind by a bump are no longer read; they go after a day.
ENTRY_SECONDS = 24 * 60 * 60


def sections_for_root(root_path: str) -> list[tuple[str, int, str, str]]:
    """(url path, page id, title, page type) of the menu sections under a
    tree's root page; the page type as ``app_label.modelname``."""
    key = f"site-navigation:{versions.current(VERSION_KEY)}:{root_path}"
    sections = cache.get(key)
    if sections is None:
        children = (
            Page.objects.filter(
                path__startswith=root_path, depth=len(root_path) // Page.steplen + 1
            )
            .live()
            .in_menu()
            .order_by("path")
            .only("id", "title", "url_path", "content_type_id")
        )
        sections = [
            (page.url_path, page.pk, page.title, page_type_label(page.content_type_id))
            for page in children
        ]
        cache.set(key, sections, timeout=ENTRY_SECONDS)
    return sections


def cached_for_navigation(name: str, key: str, build):
    """``build()``, kept until the next change that would change the menu."""
    full_key = f"site-navigation:{versions.current(VERSION_KEY)}:{name}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout=ENTRY_SECONDS)
    return value


def page_type_label(content_type_id: int) -> str:
    """``app_label.modelname`` (lower case), from Django's cache of content types."""
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"
