"""The data files the project ships, read the way the project reads them; the
part of the commune registry that the test database is provisioned with; and
states built from them once for several tests (``shared_state`` in a
transaction, ``committed_state`` for transactional tests).

Tests compare with these files instead of writing their sizes down, so that
a commune or a procedure added to the data changes no test; and they provision
three communes, not the district's 21, unless the registry itself is what
they test (``tests/conftest.py``: ``whole_registry``).
"""

import copy
import csv
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from district.provisioning import provision_communes
from home.registry import CommuneRow, read_commune_registry
from home.services import ProvisionReport
from procedures.services import read_procedure_file

SHIPPED_PROCEDURES = Path(settings.BASE_DIR) / "procedures" / "data" / "procedures.json"

# Vôi (editor A's own commune, the pilot), Kép (the commune the isolation tests
# attack): the two towns; Tân Thanh: a xã.
PROVISIONED = ("voi", "kep", "tan-thanh")


def registry_rows(slugs: Iterable[str] | None = None) -> list[CommuneRow]:
    """The shipped registry's rows, all of them or those of ``slugs``."""
    rows = read_commune_registry()
    if slugs is None:
        return rows
    wanted = set(slugs)
    chosen = [row for row in rows if row.slug in wanted]
    missing = wanted - {row.slug for row in chosen}
    if missing:
        raise LookupError(f"not in the shipped registry: {sorted(missing)}")
    return chosen


def write_registry(path: Path, slugs: Iterable[str]) -> Path:
    """A registry file holding the shipped lines of ``slugs`` only, for
    ``provision_communes --registry``."""
    wanted = set(slugs)
    with Path(settings.COMMUNE_REGISTRY_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames = reader.fieldnames
        lines = [line for line in reader if line["slug"].strip() in wanted]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(lines)
    return path


def provision(slugs: Iterable[str] | None = None) -> ProvisionReport:
    """Provision the portal and the shipped communes of ``slugs`` (all if None)."""
    return provision_communes(rows=registry_rows(slugs), base_domain=settings.BASE_DOMAIN)


def procedure_rows() -> list[dict]:
    """The shipped procedure catalogue, as ``import_procedures`` reads it."""
    return [row for _, row in read_procedure_file(SHIPPED_PROCEDURES.read_bytes(), "p.json")]


def procedure_codes() -> set[str]:
    return {str(row["code"]).strip() for row in procedure_rows()}


def shared_state(django_db_blocker, build: Callable[[], Any]) -> Iterator[Any]:
    """Build data once for a class (or module) of tests, in a transaction that
    is rolled back after the last of them.

    Each test still runs in its own savepoint inside it (pytest-django's
    ``db``), so a test that writes leaves the shared data as it found it.
    Not for transactional tests: their flush would empty it.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            value = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        cache.clear()


_SNAPSHOTS: dict[str, tuple[sqlite3.Connection, Any]] = {}


def committed_state(key: str, build: Callable[[], Any]) -> Any:
    """For transactional tests (a live server, a browser): the data ``build``
    commits, built once per session and copied back for every later test that
    asks for ``key``, whatever the tests before it wrote or flushed.

    The copy is SQLite's backup API, from and to the in-memory test database.
    On another database (PostgreSQL) the data is built for each test, as the
    test's flush empties it afterwards.
    """
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        return build()
    connection.ensure_connection()
    if key in _SNAPSHOTS:
        snapshot, value = _SNAPSHOTS[key]
        # Content types keep the ids of the migrations' data: their cache stays.
        snapshot.backup(connection.connection)
        cache.clear()
        return copy.deepcopy(value)
    value = build()
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)
    _SNAPSHOTS[key] = (snapshot, copy.deepcopy(value))
    return value
