"""Wagtail's list of site root paths, read once per request and rebuilt in
two queries whatever the number of sites (issue 18).

Wagtail turns a page into a URL by matching its path against the root path
of every site (``Site.get_site_root_paths``). The list lives in the shared
cache and Wagtail reads it again for every page object whose URL is built
without a request (``page.url``, ``page.get_site()``): with 3,300 sites each
read unpickles 3,300 tuples (5 ms). Kept for the length of a request, it is
read once.

Wagtail drops the list whenever a site is saved and rebuilds it with one
query per site (the translations of each root page): 3,300 queries and 6 s
on the next request of every worker. Rebuilt here with two queries, to the
same value under the same cache key, so Wagtail's readers and ours agree.
"""

import contextlib
import contextvars
from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

# Wagtail's own lifetime for the list.
CACHE_SECONDS = 3600

# Wagtail's own reader (one query per site on a miss), before ``install``
# replaces it: kept for the tests and the benchmark that compare the two.
wagtail_site_root_paths = Site.get_site_root_paths


class _RequestMemo:
    """The list as read by the current request (``None`` until read)."""

    paths: list[SiteRootPath] | None = None


_request_memo: contextvars.ContextVar[_RequestMemo | None] = contextvars.ContextVar(
    "site_root_paths", default=None
)


def build_site_root_paths() -> list[SiteRootPath]:
    """What ``Site.get_site_root_paths`` builds on a miss, in the same order:
    the sites most specific first, each followed by its root page's
    translations in tree order. The translations come in one query instead
    of one per site, and rows are read as values: making 3,300 sites and
    root pages into model objects alone takes over a second."""
    sites = Site.objects.order_by("-root_page__url_path", "-is_default_site", "hostname")
    rows = sites.values_list(
        "id",
        "hostname",
        "port",
        "root_page__url_path",
        "root_page__locale__language_code",
        "root_page__translation_key",
    )
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [
            SiteRootPath(site_id, url_path, root_url(hostname, port), language_code)
            for site_id, hostname, port, url_path, language_code, _key in rows
        ]
    rows = list(rows)
    translations = root_page_translations()
    return [
        SiteRootPath(site_id, url_path, root_url(hostname, port), language_code)
        for site_id, hostname, port, _path, _language, key in rows
        for url_path, language_code in translations[key]
    ]


def root_url(hostname: str, port: int) -> str:
    """``Site.root_url``, Wagtail's own code, without making a Site."""
    return Site.root_url.fget(SimpleNamespace(hostname=hostname, port=port))


def root_page_translations() -> dict:
    """Every site's root page and its translations (their URL paths and
    languages) by translation key, in tree order as ``get_translations``."""
    rows = (
        Page.objects.filter(translation_key__in=Site.objects.values("root_page__translation_key"))
        .order_by("path")
        .values_list("translation_key", "url_path", "locale__language_code")
    )
    translations = defaultdict(list)
    for key, url_path, language_code in rows:
        translations[key].append((url_path, language_code))
    return translations


def cached_site_root_paths() -> list[SiteRootPath]:
    """The list from the shared cache, built and stored on a miss."""
    paths = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if paths is None:
        paths = build_site_root_paths()
        cache.set(
            SITE_ROOT_PATHS_CACHE_KEY,
            paths,
            CACHE_SECONDS,
            version=SITE_ROOT_PATHS_CACHE_VERSION,
        )
        return paths
    # As Wagtail: some cache serialisers turn named tuples into plain ones.
    return [SiteRootPath(*path) for path in paths]


def site_root_paths() -> list[SiteRootPath]:
    """``Site.get_site_root_paths``: read at most once per request."""
    memo = _request_memo.get()
    if memo is None:
        return cached_site_root_paths()
    if memo.paths is None:
        memo.paths = cached_site_root_paths()
    # A copy: a caller changing its list must not change the next caller's.
    return list(memo.paths)


def clear_site_root_paths() -> None:
    """``Site.clear_site_root_paths_cache``: a site saved during a request
    is seen by the rest of that request too."""
    memo = _request_memo.get()
    if memo is not None:
        memo.paths = None
    cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


@contextlib.contextmanager
def read_once():
    """Within this block (a request), the list is read from the cache once."""
    token = _request_memo.set(_RequestMemo())
    try:
        yield
    finally:
        _request_memo.reset(token)


def install() -> None:
    """Makes Wagtail's readers (``page.url``, ``get_site``, redirects, the
    admin's choosers) and its signal handlers go through this module."""
    Site.get_site_root_paths = staticmethod(site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths)
