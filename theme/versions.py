"""Version counters: the one way every cache of the project forgets.

A cached value's key carries the current value of one or more counters
(``f"menu:{version}:{root}"``). To forget everything stored under a counter,
bump it: the next reads build new keys, and the old entries, no longer read,
expire on their own (every entry has a timeout) or are the first an LRU
cache evicts. Nothing has to be found and deleted, and a bump is one
``incr``, whatever it makes unreachable.

Counters never expire. One lost anyway (Redis restarted, flushed or short of
memory) starts again from the clock in microseconds, never from 1, so that it
cannot come back to a value that entries were stored under before it was
lost (it would take more than one bump per microsecond since the counter was
created). A counter that was never created reads as 0 with ``read`` and is
left absent: creating it on read would let any request create keys (a
scanner inventing addresses); callers create only the counters they know to
be real (``ensure``).

This module sits in the bottom layer because the menu (``theme.navigation``)
uses it too; it knows no app. What bumps the page cache's counters, and
which counters a change of each model bumps: ``home.caching``.
"""

import time
from collections.abc import Iterable

from django.core.cache import cache


def fresh_value() -> int:
    """A value no earlier incarnation of a lost counter can have reached."""
    return time.time_ns() // 1000


def read(keys: Iterable[str]) -> dict[str, int]:
    """The counters' values in one round trip; 0 for a counter never created."""
    keys = list(keys)
    found = cache.get_many(keys)
    return {key: found.get(key, 0) for key in keys}


def ensure(key: str) -> int:
    """The counter's value, created (from the clock) if it does not exist."""
    cache.add(key, fresh_value(), timeout=None)
    return cache.get(key, 0)


def current(key: str) -> int:
    """One counter, created on first read: for counters that always exist
    (the menu's, the site lookup's), not for anything a request names."""
    return read([key])[key] or ensure(key)


def bump(keys: Iterable[str]) -> None:
    """Makes everything stored under these counters unreachable."""
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # never created, or lost: start from the clock
            cache.set(key, fresh_value(), timeout=None)
