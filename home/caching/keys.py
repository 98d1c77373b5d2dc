"""The page cache's version counters' names, one per site and one per
address of a site (``home.caching``); imported by the models too (settings
are cached under their site's counter), so this module imports none."""

import hashlib
from urllib.parse import quote

MAX_KEY_LENGTH = 200


def readable(key: str) -> str:
    """The key as it reads (host, path, query), or a digest of it when too
    long for a cache key (memcached's rules, which Django warns about: no
    spaces, at most 250 bytes)."""
    quoted = quote(key, safe="/:?=&.-_~%+,")
    if len(quoted) <= MAX_KEY_LENGTH:
        return quoted
    return "digest:" + hashlib.sha256(key.encode()).hexdigest()


def host_version_key(hostname: str) -> str:
    return readable(f"page-cache:version:{hostname.lower()}")


def path_version_key(hostname: str, path: str) -> str:
    return readable(f"page-cache:version:{hostname.lower()}:{path}")
