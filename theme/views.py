"""Small site-wide endpoints: robots.txt per site, the favicon, a health check."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Each commune's site lists its own sitemap; the admin is not for crawlers."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /gop-y/tra-cuu/",
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
    """For load balancers: the database and the cache answer, or 503."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        problems.append(f"database: {type(error).__name__}")
    try:
        cache.set("health-check", "ok", timeout=10)
        if cache.get("health-check") != "ok":
            problems.append("cache: value not read back")
    except Exception as error:  # noqa: BLE001
        problems.append(f"cache: {type(error).__name__}")
    status = 503 if problems else 200
    return JsonResponse(
        {"status": "error" if problems else "ok", "problems": problems}, status=status
    )
