"""The request's Wagtail site, looked up once per change of the sites
instead of once per request.

Wagtail finds the site of every request with a query (hostname, port,
default site, joined to the root page). Sites change a few times a year
(provisioning, a merge), so the answer is kept in the shared cache under a
version counter (``theme.versions``) that any change to a site, a move of a
page or a change of a site's root page bumps (declared in
``home.cache_targets``).
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from theme import versions

from . import root_paths

VERSION_KEY = "site-for-host:version"
# Entries left behind by a version bump expire on their own.
SITE_ENTRY_SECONDS = 24 * 60 * 60


def site_key(request) -> tuple[str, str]:
    """The request's hostname and its cache key (hostname and port, as Wagtail matches them)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    version = versions.current(VERSION_KEY)
    return hostname, f"site-for-host:{version}:{hostname}:{request.get_port()}"


def site_for_request(request) -> Site | None:
    """What ``Site.find_for_request`` answers, from the cache when it can."""
    hostname, key = site_key(request)
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if is_own_hostname(site, hostname):
            # Only a site's own hostname is kept: any other Host header (the
            # default site's fallback) would let a client fill the cache.
            cache.set(key, site, timeout=SITE_ENTRY_SECONDS)
    return site


def is_own_hostname(site: Site | None, hostname: str) -> bool:
    return site is not None and site.hostname.lower() == hostname.lower()


def request_site(request) -> Site | None:
    """The request's site, looked up once per request (the page cache may
    ask before this middleware runs)."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site_for_request(request)
    return request._wagtail_site


class CachedSiteMiddleware:
    """Sets the attribute ``Site.find_for_request`` reads before querying,
    and reads Wagtail's list of site root paths at most once per request
    (``home.root_paths``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_site(request)
        with root_paths.read_once():
            return self.get_response(request)
