"""The request's Wagtail site, looked up once per change of the sites
instead of once per request.

Wagtail finds the site of every request with a query (hostname, port,
default site, joined to the root page). Sites change a few times a year
(provisioning, a merge), so the answer is kept in the shared cache under a
version that any change to a site or a move of a page bumps.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

VERSION_KEY = "site-for-host:version"
# Entries left behind by a version bump expire on their own.
SITE_ENTRY_SECONDS = 24 * 60 * 60


def sites_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def site_key(request) -> tuple[str, str]:
    """The request's hostname and its cache key (hostname and port, as Wagtail matches them)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    return hostname, f"site-for-host:{sites_version()}:{hostname}:{request.get_port()}"


def site_for_request(request) -> Site | None:
    """What ``Site.find_for_request`` answers, from the cache when it can."""
    hostname, key = site_key(request)
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None and site.hostname == hostname:
            # Only a site's own hostname is kept: any other Host header (the
            # default site's fallback) would let a client fill the cache.
            cache.set(key, site, timeout=SITE_ENTRY_SECONDS)
    return site


class CachedSiteMiddleware:
    """Sets the attribute ``Site.find_for_request`` reads before querying."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def forget_sites(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def forget_sites_on_root_page_save(sender, instance, **kwargs) -> None:
    """The cached site holds its root page (a commune's home page)."""
    if isinstance(instance, Page) and instance.depth <= 2:
        forget_sites()


post_save.connect(forget_sites, sender=Site, dispatch_uid="site-for-host-saved")
post_save.connect(forget_sites_on_root_page_save, dispatch_uid="site-for-host-root-saved")
post_delete.connect(forget_sites, sender=Site, dispatch_uid="site-for-host-deleted")
post_page_move.connect(forget_sites, dispatch_uid="site-for-host-moved")
