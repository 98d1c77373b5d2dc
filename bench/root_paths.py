"""The cost of Wagtail's list of site root paths at 21 and 3,321 sites.

Builds a throwaway SQLite database (or uses DATABASE_URL), adds bare sites
(a root page and one child each, no commune provisioned, inserted in bulk)
up to each N, and prints for each N:

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


def add_sites_up_to(count: int) -> None:
    """Bare sites until there are ``count``, each a root page with one child,
    inserted in bulk: saving them one by one runs every page-save handler
    (each rebuilding the list), which is provisioning's cost, not measured here."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page, Site

    first = Site.objects.count()
    if first >= count:
        return
    root = Page.get_first_root_node()
    last_step = Page._str2int(root.get_last_child().path[-Page.steplen :])
    page = {"locale": Locale.get_default(), "live": True}
    page["content_type"] = ContentType.objects.get_for_model(Page)
    homes, children = [], []
    for step, number in enumerate(range(first, count), start=last_step + 1):
        path = Page._get_path(root.path, 2, step)
        title = f"Site {number}"
        homes.append(
            Page(
                **page,
                title=title,
                draft_title=title,
                slug=f"site-{number}",
                path=path,
                depth=2,
                numchild=1,
                url_path=f"/site-{number}/",
            )
        )
        children.append(
            Page(
                **page,
                title="Trang",
                draft_title="Trang",
                slug="trang",
                path=Page._get_path(path, 3, 1),
                depth=3,
                numchild=0,
                url_path=f"/site-{number}/trang/",
            )
        )
    Page.objects.bulk_create(homes + children)
    Page.objects.filter(pk=root.pk).update(numchild=root.numchild + len(homes))
    homes = Page.objects.filter(path__in=[home.path for home in homes])
    Site.objects.bulk_create(Site(hostname=f"{home.slug}.test", root_page=home) for home in homes)
    Site.clear_site_root_paths_cache()  # bulk_create sends no signal


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
    if not Page.objects.get(pk=page_id).url:
        raise SystemExit("the measured page has no URL")

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
