"""In-process render times and query counts for the procedure catalogue.

Builds a throwaway SQLite database (or uses DATABASE_URL), provisions one
commune, imports the shipped catalogue and pads it to 300 procedures, then
renders the catalogue page, a procedure page and a search through Django's
test client, printing the median milliseconds and the SQL query count.

    .venv/bin/python bench/procedures_render.py [--runs 50]
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
        folder = tempfile.mkdtemp(prefix="bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def build_data(total: int) -> None:
    from django.core.management import call_command

    from home.registry import read_commune_registry
    from home.services import provision_communes
    from procedures.models import Procedure

    call_command("migrate", verbosity=0)
    rows = [row for row in read_commune_registry() if row.slug == "voi"]
    provision_communes(rows=rows, base_domain="localhost")
    call_command("import_procedures", str(ROOT / "procedures/data/procedures.json"), verbosity=0)
    template = Procedure.objects.get(code="1.001193")
    existing = Procedure.objects.count()
    for n in range(total - existing):
        copy = Procedure(
            code=f"8.{n:06d}",
            name=f"{template.name} (bản thử {n})",
            field=template.field,
            processing_time=template.processing_time,
            fee=template.fee,
        )
        copy.documents = [type(d)(name=d.name) for d in template.documents.all()]
        copy.legal_bases = [
            type(b)(number=b.number, summary=b.summary) for b in template.legal_bases.all()
        ]
        copy.save()


def measure(path: str, runs: int) -> tuple[float, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path, HTTP_HOST="voi.localhost")  # warm caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path, HTTP_HOST="voi.localhost")
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path, HTTP_HOST="voi.localhost")
    return statistics.median(timings), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--procedures", type=int, default=300)
    args = parser.parse_args()
    setup_django()
    build_data(args.procedures)
    from django.conf import settings

    print(f"database: {settings.DATABASES['default']['ENGINE']}, procedures: {args.procedures}")
    for label, path in (
        ("catalogue page", "/thu-tuc/"),
        ("procedure page", "/thu-tuc/1.001193/"),
        ("search 'dang ky khai sinh'", "/thu-tuc/?q=dang+ky+khai+sinh"),
    ):
        median, count = measure(path, args.runs)
        print(f"{label:30} median {median:7.2f} ms   {count:2d} queries")


if __name__ == "__main__":
    main()
