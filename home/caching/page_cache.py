"""Citizens' pages served from the cache, per site, address and language.

Most visits are anonymous reads of pages that change a few times a day, on
cheap phones over slow links: rendering them once per change instead of once
per visit is the biggest saving there is. The key holds the host, the path
(the language is its prefix), the query, the scheme and whether the body is
compressed, and two version counters read in one round trip: the site's
(``WholeSite``) and the address's (``SitePath``), so that a change purges a
whole site or only the addresses that show it (``home.caching``).

Never cached:

- a host that is not a site's hostname (the default site answers any Host
  header: a scan of made-up subdomains must not fill the cache); only real
  sites get a counter, only the addresses declarations name get one;
- anything for a logged-in user (a session cookie is present), the admin
  and documents, non-GET requests, long query strings;
- a response that sets a cookie (a form's CSRF token does), is private, is
  not a 200, or depends on a cookie the visitor sent: the view read it
  (``CookieWatch``; the rating page reads "already rated"), and the response
  then says ``Vary: Cookie`` to any cache downstream as well;
- more than ``PAGE_CACHE_MAX_PAGES_PER_SITE`` new pages of one site per
  ``PAGE_CACHE_SECONDS``: endless query strings cannot fill the cache. Each
  page lives ``PAGE_CACHE_SECONDS``, so a site never holds more than twice
  that budget.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from theme import versions

from ..sites import is_own_hostname, request_site
from .keys import host_version_key, path_version_key, readable

SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/django-admin/")
SKIPPED_HEADERS = {"set-cookie", "x-cache", "date"}


def request_hostname(request) -> str:
    return request.META.get("HTTP_HOST", "").split(":")[0].lower()


def request_versions(request) -> tuple[int, int] | None:
    """The site's and the address's counters, read once per request (the page
    cache and the fragments of ``home.fragments`` both need them); ``None``
    when the host is not a site's hostname."""
    if not hasattr(request, "_page_cache_versions"):
        request._page_cache_versions = read_versions(request)
    return request._page_cache_versions


def read_versions(request) -> tuple[int, int] | None:
    hostname = request_hostname(request)
    host_key = host_version_key(hostname)
    path_key = path_version_key(hostname, request.path)
    found = versions.read([host_key, path_key])
    if not found[host_key]:
        # First request since the counter was created or lost: only a
        # site's own hostname gets one.
        if not is_own_hostname(request_site(request), hostname):
            return None
        found[host_key] = versions.ensure(host_key)
    return found[host_key], found[path_key]


def forget_hostname(hostname: str) -> None:
    """The hostname is no longer a site's: its counter goes, and with it
    everything stored for it."""
    cache.delete(host_version_key(hostname))


def cache_key(request, page_versions: tuple[int, int]) -> str:
    """Versions, scheme, whether the body may be gzipped, host, path and
    query: the middleware sits above Django's, so a stored response is the
    final one."""
    host_version, path_version = page_versions
    scheme = "https" if request.is_secure() else "http"
    encoding = "gz" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "id"
    return readable(
        f"page-cache:{host_version}.{path_version}:{scheme}:{encoding}:"
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
        and "cookie" not in response.get("Vary", "").lower()
    )


def within_budget(hostname: str) -> bool:
    """Counts the pages a site stored in the current period of
    ``PAGE_CACHE_SECONDS`` (the counter expires with the period)."""
    key = f"page-cache:stored:{hostname}"
    try:
        stored = cache.incr(key)
    except ValueError:  # the period's first page (or a race for it)
        created = cache.add(key, 1, timeout=settings.PAGE_CACHE_SECONDS)
        stored = 1 if created else cache.incr(key)
    return stored <= settings.PAGE_CACHE_MAX_PAGES_PER_SITE


class CookieWatch(dict):
    """The request's cookies, noting which of those the visitor sent a view
    reads. The framework's own (session, CSRF token, language) are read on
    every request and handled: a session bypasses the cache, a CSRF token
    used sets a cookie, and the language comes from the path."""

    def __init__(self, cookies, ignored):
        super().__init__(cookies)
        self.ignored = ignored
        self.read = set()

    def _note(self, key):
        if key in self.keys() and key not in self.ignored:
            self.read.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


def watch_cookies(request) -> CookieWatch:
    ignored = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    ignored.add(settings.LANGUAGE_COOKIE_NAME)
    request.COOKIES = CookieWatch(request.COOKIES, ignored)
    return request.COOKIES


class AnonymousPageCacheMiddleware:
    """Placed above Django's security, CSP and gzip middleware: a hit replays
    the final response (its security headers and compressed body included)
    without running any of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.respond_privately_if_needed(request)
        page_versions = request_versions(request)
        if page_versions is None:
            return self.respond_privately_if_needed(request)
        key = cache_key(request, page_versions)
        stored = cache.get(key)
        if stored is not None:
            return rebuilt_response(stored)
        response = self.respond_privately_if_needed(request)
        if is_cacheable_response(request, response) and within_budget(request_hostname(request)):
            cache.set(key, frozen(response), timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
        return response

    def respond_privately_if_needed(self, request):
        """The view's response, marked ``Vary: Cookie`` if it read a cookie the visitor sent."""
        cookies = watch_cookies(request)
        response = self.get_response(request)
        if cookies.read:
            patch_vary_headers(response, ["Cookie"])
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
