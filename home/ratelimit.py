"""Per-client limits on public forms, kept in the shared cache so that they
hold across app servers when the cache is Redis.

A client is an IPv4 address or an IPv6 /64 network: a home or mobile IPv6
connection is given a whole /64 (2^64 addresses, and privacy extensions
draw a new one at will), so a limit per IPv6 address would be no limit at
all. An IPv4-mapped IPv6 address (``::ffff:203.0.113.7``) is its IPv4 address.

When the shared cache cannot be reached, limits are counted in the memory of
each process instead: they keep holding (per app server worker), and no
citizen is refused because Redis is down.
"""

import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

IPV6_CLIENT_PREFIX = 64
# Counts kept in this process while the shared cache is unreachable.
fallback = LocMemCache("ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})
_last_warning = 0.0


def client_address(request) -> str:
    """REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies (a load
    balancer, a CDN) the address the outermost trusted one saw: the
    right-hand entries of X-Forwarded-For are the only ones not forgeable."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def client_network(address: str) -> str:
    """What one client controls: the IPv4 address, or the IPv6 address's /64
    network written as its first address; anything unparsable as given."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0].strip())
    except ValueError:
        return address.strip()
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)
    return str(ip)


def limited_client_address(request) -> str:
    """The client as limits see it (an IPv4 address or an IPv6 /64); the
    admin login lock-out (django-axes) counts by it too."""
    return client_network(client_address(request))


def client_key(request) -> str:
    """The client, hashed: limits need no readable IP in the cache."""
    return hashlib.sha256(limited_client_address(request).encode()).hexdigest()[:24]


def count(store, key: str, window: int) -> int:
    if store.add(key, 1, timeout=window):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # expired between add() and incr()
        store.add(key, 1, timeout=window)
        return 1


def warn_shared_cache_down(error: Exception) -> None:
    """Once a minute per process, not once per request."""
    global _last_warning  # noqa: PLW0603 - a per-process throttle
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        logger.warning("rate limits counted per process: shared cache unreachable (%s)", error)


def allow(request, scope: str, *, limit: int, window: int) -> bool:
    """Counts this attempt; False once the client exceeded ``limit`` within
    ``window`` seconds for this scope."""
    key = f"ratelimit:{scope}:{client_key(request)}"
    try:
        attempts = count(caches[settings.RATELIMIT_CACHE], key, window)
    except Exception as error:  # noqa: BLE001 - whatever the cache client raises when down
        warn_shared_cache_down(error)
        attempts = count(fallback, key, window)
    return attempts <= limit
