"""The cost of Wagtail's list of site root paths at 21 and 3,321 sites.

Builds a throwaway SQLite database (or uses DATABASE_URL), adds bare sites
(a root page and one child each, no commune provisioned) up to each N, and
prints for each N:

- ``page.url`` of a fresh page object without a request, the list read from
  the cache each time (as Wagtail does), and inside ``read_once`` (a
  request, ``home.sites.CachedSiteMiddleware``), where it is read once;
- one read of the list from the cache (unpickling every entry);
- the rebuild after a site is saved: Wagtail's own (one query per site)
  and ``home.root_paths.build_site_root_paths`` (two queries), time and
  queries.

The cache is the test settings' (local memory, pickled as Redis would be,
without the network round trip).

    .venv/bin/python bench/root_paths.py [--sizes 21 3321] [--runs 200]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bench-root-paths-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def add_sites_up_to(count: int) -> list:
    """Bare sites until there are ``count``; returns a child page of each new one."""
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    children = []
    for number in range(Site.objects.count(), count):
        home = root.add_child(instance=Page(title=f"Site {number}", slug=f"site-{number}"))
        Site.objects.create(hostname=f"site-{number}.test", root_page=home)
        children.append(home.add_child(instance=Page(title="Trang", slug="trang")))
    return children


def median_ms(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def timed_with_queries(action) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        action()
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(queries)


def measure(page_id: int, runs: int) -> dict[str, str]:
    from django.core.cache import cache
    from wagtail.models import Page, Site

    from home import root_paths

    Site.get_site_root_paths()  # warm

    page_objects = [Page.objects.get(pk=page_id) for _ in range(runs)]
    urls = iter(page_objects)
    without_memo = median_ms(lambda: next(urls).url, runs)
    with root_paths.read_once():
        urls = iter([Page.objects.get(pk=page_id) for _ in range(runs)])
        Site.get_site_root_paths()  # the request's one read
        with_memo = median_ms(lambda: next(urls).url, runs)
    cache_read = median_ms(root_paths.cached_site_root_paths, max(runs // 4, 5))

    cache.clear()
    wagtail_ms, wagtail_queries = timed_with_queries(root_paths.wagtail_site_root_paths)
    cache.clear()
    ours_ms, ours_queries = timed_with_queries(root_paths.build_site_root_paths)
    if root_paths.build_site_root_paths() != root_paths.wagtail_site_root_paths():
        raise SystemExit("home.root_paths builds another list than Wagtail's")
    return {
        "page.url, list read per page (ms)": f"{without_memo:.3f}",
        "page.url, list read once per request (ms)": f"{with_memo:.3f}",
        "one read of the list from the cache (ms)": f"{cache_read:.3f}",
        "rebuild, Wagtail's own (ms / queries)": f"{wagtail_ms:.0f} / {wagtail_queries}",
        "rebuild, home.root_paths (ms / queries)": f"{ours_ms:.1f} / {ours_queries}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[21, 3321])
    parser.add_argument("--runs", type=int, default=200)
    arguments = parser.parse_args()
    setup_django()
    from wagtail.models import Site

    results = {}
    for size in sorted(arguments.sizes):
        start = time.perf_counter()
        add_sites_up_to(size)
        page = Site.objects.order_by("id").last().root_page.get_children().first()
        print(f"{size} sites in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        results[size] = measure(page.pk, arguments.runs)
    print_table(results)


def print_table(results: dict[int, dict[str, str]]) -> None:
    sizes = list(results)
    rows = list(results[sizes[0]])
    width = max(len(row) for row in rows)
    print(f"{'sites':<{width}}  " + "  ".join(f"{size:>14}" for size in sizes))
    for row in rows:
        print(f"{row:<{width}}  " + "  ".join(f"{results[size][row]:>14}" for size in sizes))


if __name__ == "__main__":
    main()
