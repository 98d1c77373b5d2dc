"""Citizens' pages served from the cache, per site and language.

Most visits are anonymous reads of pages that change a few times a day, on
cheap phones over slow links: rendering them once per change instead of once
per visit is the biggest saving there is. The key holds the host, the path
(the language is its prefix) and the query; a version per hostname, bumped
whenever something shown on that site changes, purges a site at once, and a
global version purges every site (district-wide records).

Never cached: anything for a logged-in user (a session cookie is present),
the admin and documents, non-GET requests, and any response that sets a
cookie (a form's CSRF token does), is private, or is not a 200.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GLOBAL_VERSION_KEY = "page-cache:version"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/django-admin/")
SKIPPED_HEADERS = {"set-cookie", "x-cache", "date"}
PROJECT_APPS = {"home", "theme", "procedures", "contact", "news", "district"}


def host_version_key(hostname: str) -> str:
    return f"page-cache:version:{hostname.lower()}"


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def purge_hostname(hostname: str) -> None:
    bump(host_version_key(hostname))


def purge_everything() -> None:
    bump(GLOBAL_VERSION_KEY)


def purge_site(site: Site | None) -> None:
    if site is None:
        purge_everything()
    else:
        purge_hostname(site.hostname)


def purge_page(page: Page) -> None:
    """The page's own site; the whole cache when it belongs to none."""
    site = page.get_site()
    purge_site(site)


def request_hostname(request) -> str:
    return request.META.get("HTTP_HOST", "").split(":")[0].lower()


def versions_for(hostname: str) -> tuple[int, int]:
    """The global and the host's version, in one round trip to the cache."""
    host_key = host_version_key(hostname)
    found = cache.get_many([GLOBAL_VERSION_KEY, host_key])
    for key in (GLOBAL_VERSION_KEY, host_key):
        if key not in found:
            cache.add(key, 1, timeout=None)
            found[key] = cache.get(key, 1)
    return found[GLOBAL_VERSION_KEY], found[host_key]


def site_versions(request) -> tuple[int, int]:
    """``versions_for`` the request's host, read once per request (the page
    cache and the fragments of ``theme.fragments`` both need them)."""
    versions = getattr(request, "_site_versions", None)
    if versions is None:
        versions = versions_for(request_hostname(request))
        request._site_versions = versions
    return versions


def cache_key(request) -> str:
    """Host, scheme, path, query and whether the body may be gzipped: the
    middleware sits above Django's, so a stored response is the final one."""
    global_version, host_version = site_versions(request)
    scheme = "https" if request.is_secure() else "http"
    encoding = "gz" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "id"
    return (
        f"page-cache:{global_version}:{host_version}:{scheme}:{encoding}:"
        f"{request.META.get('HTTP_HOST', '')}:{request.path}?{request.META.get('QUERY_STRING', '')}"
    )


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= 200
    )


def is_cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "Cookie" not in response.get("Vary", "")
    )


class AnonymousPageCacheMiddleware:
    """Placed above Django's security, CSP and gzip middleware: a hit replays
    the final response (its security headers and compressed body included)
    without running any of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            return rebuilt_response(stored)
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            cache.set(key, frozen(response), timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
        return response


def frozen(response) -> dict:
    return {
        "content": response.content,
        "status": response.status_code,
        "headers": {
            name: value for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
        },
    }


def rebuilt_response(stored: dict) -> HttpResponse:
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Cache"] = "HIT"
    return response


def purge_restricted_page(restriction) -> None:
    """A restriction hides a page from listings too: its site is purged."""
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is None:
        purge_everything()
    else:
        purge_page(page)


def purge_on_page_change(sender, instance, **kwargs):
    purge_page(instance)


def purge_on_model_change(sender, instance, **kwargs):
    """Settings and the project's own rows change what a site shows: a row
    of a commune purges that commune's site, a district-wide row every site."""
    if isinstance(instance, Page):
        purge_page(instance)
        return
    if isinstance(instance, PageViewRestriction):
        purge_restricted_page(instance)
        return
    if sender._meta.app_label not in PROJECT_APPS and sender._meta.label != "wagtailcore.Site":
        return
    site_id = getattr(instance, "site_id", None)
    if site_id is not None:
        purge_site(Site.objects.filter(pk=site_id).first())
        return
    commune_id = getattr(instance, "commune_id", "absent")
    if commune_id in (None, "absent"):
        purge_everything()
        return
    from home.models import Commune

    commune = Commune.objects.filter(pk=commune_id).select_related("site").first()
    purge_site(commune.site if commune else None)


page_published.connect(purge_on_page_change, dispatch_uid="page-cache-published")
page_unpublished.connect(purge_on_page_change, dispatch_uid="page-cache-unpublished")
post_page_move.connect(purge_on_page_change, dispatch_uid="page-cache-moved")
post_save.connect(purge_on_model_change, dispatch_uid="page-cache-saved")
post_delete.connect(purge_on_model_change, dispatch_uid="page-cache-deleted")
