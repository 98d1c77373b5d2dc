"""Per-client limits on public forms, kept in the shared cache so that they
hold across app servers when the cache is Redis."""

import hashlib

from django.core.cache import cache


def client_key(request) -> str:
    """The client's address, hashed: limits need no readable IP in the cache."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:24]


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
