"""Parts of a page kept rendered between publishes, for the visits the
page cache cannot answer (a first visit after a publish, a logged-in
editor, a query string it has not seen).

A fragment is stored per hostname, language and name under the page
cache's versions of the site and of the page's address
(``home.caching.page_cache``), so whatever purges a site's pages, or the
page's address, purges its fragments too (a new launch date purges the
commune's home page, and with it its "home-launch" fragment). A host that
is not a site's hostname gets no fragment stored. Time-dependent content
(a greeting's start and end) tells the fragment when it stops being true,
and the fragment expires then.
"""

import math
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .caching.page_cache import request_hostname, request_versions

VALID_UNTIL = "fragment_valid_until"


def fragment_key(request, name: str) -> str | None:
    """``None`` for a host that is not a site's: nothing is stored for it."""
    page_versions = request_versions(request)
    if page_versions is None:
        return None
    host_version, path_version = page_versions
    return (
        f"fragment:{host_version}.{path_version}:{request_hostname(request)}:"
        f"{translation.get_language()}:{name}"
    )


def seconds_until(moment: datetime | None, limit: int) -> int:
    """The fragment's lifetime: ``limit``, or less when its content changes sooner."""
    if moment is None:
        return limit
    remaining = math.ceil((moment - timezone.now()).total_seconds())
    return max(1, min(limit, remaining))


def valid_until(context, moment: datetime | None) -> None:
    """Called by a tag inside a fragment: the fragment must not outlive ``moment``."""
    moments = context.get(VALID_UNTIL)
    if moments is not None and moment is not None:
        moments.append(moment)


def render_fragment(context, name: str, nodelist) -> str:
    request = context.get("request")
    limit = settings.FRAGMENT_CACHE_SECONDS
    if request is None or limit <= 0:
        return nodelist.render(context)
    key = fragment_key(request, name)
    if key is None:
        return nodelist.render(context)
    html = cache.get(key)
    if html is None:
        moments = []
        with context.push({VALID_UNTIL: moments}):
            html = nodelist.render(context)
        cache.set(key, html, timeout=seconds_until(min(moments, default=None), limit))
    return html
