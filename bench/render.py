"""In-process render time and SQL query count of every citizen page type.

Builds a throwaway SQLite database (or uses DATABASE_URL) holding the demo
district of the quality tests (``tests/quality/content.py``: two communes,
the portal, demo content, a citizen's feedback and ratings; ``--lots`` adds
300 procedures, 40 people, 60 answers, 500 ratings, 30 pages), then renders
each page of ``tests/quality/pages.py`` through Django's test client (full
middleware, Wagtail routing, templates), with the page cache off
(``PAGE_CACHE_SECONDS=0``) and the fragment cache at its production lifetime
(``FRAGMENT_CACHE_SECONDS``, 300 s: the home page's greetings, news and
launch date), after one warm-up request: the median of ``--runs`` requests,
and the query count of one more. The "after a publish" columns time each
request right after a publish of the commune's home page (the signal a
publish sends: every site cache and fragment of that site purged), so
nothing the page shows is cached.

    .venv/bin/python bench/render.py [--runs 50] [--lots] [--only "commune home"]
"""

import argparse
import contextlib
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOME_BUDGET_MS = 10.0
QUERY_BUDGET = 12


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings

    settings.FRAGMENT_CACHE_SECONDS = 300  # the test settings turn it off


def publish_signal_for(page):
    """A function sending what a publish of the page's site's home page sends."""
    from wagtail.models import Site
    from wagtail.signals import page_published

    site = Site.objects.get(hostname=page.host())
    home = site.root_page.specific

    def send() -> None:
        page_published.send(sender=type(home), instance=home, revision=None)

    return send


def measure(page, paths: dict[str, str], runs: int, before=None) -> tuple[float, float, float, int]:
    """Median and 90th percentile wall-clock milliseconds, median CPU
    milliseconds of this process (less disturbed by other loads on a shared
    machine; SQLite runs in-process, so it includes the database), and the
    query count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    path, host = page.resolved_path(paths), page.host()
    client.get(path, HTTP_HOST=host)  # warm caches
    timings, cpu = [], []
    for _ in range(runs):
        if before is not None:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, HTTP_HOST=host)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if response.status_code != page.status:
            raise RuntimeError(f"{page.name} {path} answered {response.status_code}")
    if before is not None:
        before()
    with CaptureQueriesContext(connection) as queries:
        client.get(path, HTTP_HOST=host)
    p90 = statistics.quantiles(timings, n=10)[-1] if runs >= 10 else max(timings)
    return statistics.median(timings), p90, statistics.median(cpu), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--lots", action="store_true", help="a lot more of every list")
    parser.add_argument("--only", action="append", help="page names (repeatable)")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from tests.quality.content import build_quality_content
    from tests.quality.pages import CITIZEN_PAGES

    call_command("migrate", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()):  # the console mail and SMS of the demo
        content = build_quality_content(lots=args.lots)
    logging.disable(logging.WARNING)  # "Not Found" of the 404 pages
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    amount = "lots (300 procedures, …)" if args.lots else "demo"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"database: {engine}, content: {amount}, runs: {args.runs}, uncached, load: {load}")
    print(
        "| page | path | median | p90 | median CPU | queries "
        "| after a publish: median | p90 | queries |\n|---|---|---|---|---|---|---|---|---|"
    )
    missed = []
    for page in CITIZEN_PAGES:
        if args.only and page.name not in args.only:
            continue
        median, p90, cpu, count = measure(page, content.paths, args.runs)
        cold, cold_p90, _cpu, cold_count = measure(
            page, content.paths, args.runs, before=publish_signal_for(page)
        )
        path = page.resolved_path(content.paths)
        print(
            f"| {page.name} | `{path}` | {median:.1f} ms | {p90:.1f} ms | {cpu:.1f} ms | {count} "
            f"| {cold:.1f} ms | {cold_p90:.1f} ms | {cold_count} |"
        )
        if max(count, cold_count) > QUERY_BUDGET:
            missed.append(f"{page.name}: {max(count, cold_count)} queries > {QUERY_BUDGET}")
        if page.name == "commune home" and median > HOME_BUDGET_MS:
            missed.append(
                f"commune home: median {median:.1f} ms (CPU {cpu:.1f} ms) > {HOME_BUDGET_MS} ms"
            )
    print("budgets met" if not missed else "budgets missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
