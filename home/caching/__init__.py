"""Caching of citizens' pages, and what a change makes stale: one mechanism.

What is cached
    Anonymous pages, per host, address, query and language
    (``page_cache.AnonymousPageCacheMiddleware``); parts of pages between
    renders (``home.fragments``); each site's settings and notice banner. All
    of them carry two version counters (``theme.versions``) in their keys:
    the site's and the address's (``keys``). The menu and the site lookup
    have a counter each of their own.

What a change makes stale: declared, never guessed
    Each app that shows a model on citizens' pages declares, in its
    ``cache_targets.py``, what a saved or deleted row makes stale
    (``registry.register``): its whole site (a notice, settings), or some
    addresses of some sites, found in the page tree in every language
    (``targets``; a rating: its commune's ``/danh-gia/ket-qua/``, and, as
    the district app declares, the portal's ``/`` and ``/hai-long/``). A
    model nobody declares purges nothing.

When it is purged
    Pages: when published, unpublished, moved or deleted (Wagtail's
    signals), their whole site. Rows: on save and delete, through one
    generic handler that dispatches only declared models
    (``registry.purge_registered``); a writer that changes rows with
    ``update()`` calls ``registry.purge_instance``. A purge bumps the
    counters at once and again at commit, and asks the CDN, if there is one
    (``WAGTAILFRONTENDCACHE``), to forget the same addresses.

Adding a model shown on a page: write its declaration in its app's
``cache_targets.py`` and register it in ``connect()``; test that a change
of it in commune A refreshes the page at once and leaves commune B's cached
pages hits (``tests/home/test_cache_invalidation.py``).

Bounds: only a site's own hostname is cached and gets a counter; only the
addresses declarations name get one; each site stores at most
``PAGE_CACHE_MAX_PAGES_PER_SITE`` new pages per ``PAGE_CACHE_SECONDS``.
Operations: ``docs/deployment.md`` ("The page cache").
"""
