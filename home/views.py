"""Small site-wide endpoints: robots.txt per site, the favicon, a health
check, and the error page when the server fails."""

import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Each commune's site lists its own sitemap; the admin is not for crawlers.
    Look-up pages (a citizen's feedback or dossier) say ``noindex`` themselves."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    return redirect(static("theme/favicon.svg"), permanent=True)


@never_cache
@require_GET
def health(request):
    """For load balancers: 503 when the database does not answer. A cache
    that does not answer makes the server "degraded" but still healthy:
    pages then render uncached, and taking every app server out of the load
    balancer because the shared Redis is down would stop the whole site."""
    problems, fatal = [], False
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        problems.append(f"database: {type(error).__name__}")
        fatal = True
    try:
        cache.set("health-check", "ok", timeout=10)
        if cache.get("health-check") != "ok":
            problems.append("cache: value not read back")
    except Exception as error:  # noqa: BLE001
        problems.append(f"cache: {type(error).__name__}")
    status = "error" if fatal else ("degraded" if problems else "ok")
    return JsonResponse({"status": status, "problems": problems}, status=503 if fatal else 200)


# Errors that mean "the database is not answering right now" (restarting,
# failing over, out of connections), not a bug: worth trying again shortly.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_UNAVAILABLE) or (
        isinstance(error, DatabaseError) and isinstance(error.__cause__, DATABASE_UNAVAILABLE)
    )


def server_error(request):
    """``handler500``: the static error page (it needs no database), as a 503
    with ``Retry-After`` when the database is unavailable, so that citizens,
    crawlers and a CDN know to come back rather than that the page is broken."""
    html = loader.get_template("500.html").render()
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(html, status=500)
