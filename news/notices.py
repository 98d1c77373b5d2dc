"""The notice banner appears on every page of a commune, so its notices are
read from the cache: the notices of a site that have not ended, kept for a
few minutes under the site's page-cache counter, which a saved or deleted
notice bumps (``news.cache_targets``: a notice purges its whole site). The
time window is checked on every request, so a notice appears and disappears
on the minute."""

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from home.caching.keys import host_version_key
from theme import versions

from .models import Notice

CACHE_SECONDS = 300


def cache_key(site: Site) -> str:
    version = versions.current(host_version_key(site.hostname))
    return f"news-notices:{version}:{site.pk}"


def active_notices(site: Site, at=None) -> list[Notice]:
    at = at or timezone.now()
    key = cache_key(site)
    upcoming = cache.get(key)
    if upcoming is None:
        upcoming = list(
            Notice.objects.for_site(site).filter(ends_at__gt=at).order_by("-level", "-starts_at")
        )
        cache.set(key, upcoming, CACHE_SECONDS)
    return [notice for notice in upcoming if notice.starts_at <= at < notice.ends_at]
