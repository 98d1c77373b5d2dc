"""Per-client limits on public forms, kept in the shared cache so that they
hold across app servers when the cache is Redis."""

import hashlib

from django.conf import settings
from django.core.cache import cache


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


def client_key(request) -> str:
    """The client's address, hashed: limits need no readable IP in the cache."""
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:24]


def allow(request, scope: str, *, limit: int, window: int) -> bool:
    """Counts this attempt; False once the client exceeded ``limit`` within
    ``window`` seconds for this scope."""
    key = f"ratelimit:{scope}:{client_key(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
