"""The notice banner appears on every page of a commune, so its notices are
read from the cache: the notices of a site that have not ended, kept for a
few minutes and dropped whenever a notice is saved or deleted. The time
window is checked on every request, so a notice appears and disappears on
the minute."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Site

from .models import Notice

CACHE_SECONDS = 300


def cache_key(site_id: int) -> str:
    return f"news-notices:{site_id}"


def active_notices(site: Site, at=None) -> list[Notice]:
    at = at or timezone.now()
    key = cache_key(site.pk)
    upcoming = cache.get(key)
    if upcoming is None:
        upcoming = list(
            Notice.objects.for_site(site).filter(ends_at__gt=at).order_by("-level", "-starts_at")
        )
        cache.set(key, upcoming, CACHE_SECONDS)
    return [notice for notice in upcoming if notice.starts_at <= at < notice.ends_at]


@receiver([post_save, post_delete], sender=Notice, dispatch_uid="news-notices-cache")
def forget_cached_notices(sender, instance, **kwargs):
    site_id = instance.commune.site_id if instance.commune_id else None
    if site_id:
        cache.delete(cache_key(site_id))
