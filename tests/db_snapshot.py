"""A provisioned test database kept in a file, for tools that start many
short pytest sessions (mutation testing starts one per mutant).

Migrating and provisioning the 21 communes costs about 45 s of CPU per
session; copying the result from a file into the in-memory SQLite test
database costs well under one. Used only when ``TEST_DB_SNAPSHOT`` names a
file, or under mutmut (which sets ``MUTANT_UNDER_TEST``), and only on
SQLite; every other run sets its database up as before.

The file's name carries a hash of what decides its content (migrations,
provisioning, the shipped data, this module and the conftest), so a
changed migration or registry builds a new one instead of reusing a stale
one.
"""

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
INPUTS = (
    "*/migrations/*.py",
    "*/provisioning.py",
    "home/services.py",
    "home/moderation.py",
    "home/roles.py",
    "*/management/commands/*.py",
    "*/data/*",
    "tests/conftest.py",
    "tests/db_snapshot.py",
)


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for pattern in INPUTS:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def snapshot_path() -> Path | None:
    """Where the snapshot lives, or None when this run does not use one."""
    if connection.vendor != "sqlite":
        return None
    explicit = os.environ.get("TEST_DB_SNAPSHOT")
    if explicit:
        return Path(explicit)
    if "MUTANT_UNDER_TEST" in os.environ:
        # mutmut runs pytest inside its copy of the project, ``mutants/``.
        return Path.cwd() / f"test-db-{fingerprint()}.sqlite3"
    return None


def _use_test_database() -> None:
    """Point the default connection at the in-memory test database, as
    Django's ``create_test_db`` does, on a connection of this process (a
    forked worker must not reuse its parent's)."""
    from django.conf import settings

    name = connection.creation._get_test_db_name()
    if connection.connection is not None:
        connection.connection.close()
        connection.connection = None
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()


def restore_or_build(path: Path, build: Callable[[], str]) -> str:
    """Fill the test database from ``path``, or build it with ``build``
    (which returns the migrated state, serialized) and save it there.
    Returns the migrated state."""
    state_path = path.with_suffix(".json")
    if path.exists() and state_path.exists():
        _use_test_database()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return json.loads(state_path.read_text(encoding="utf-8"))
    from django.test.utils import setup_databases

    setup_databases(verbosity=0, interactive=False, aliases={connection.alias})
    state = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    target = sqlite3.connect(partial)
    try:
        connection.ensure_connection()
        connection.connection.backup(target)
    finally:
        target.close()
    partial_state = state_path.with_name(f"{state_path.name}.{os.getpid()}.tmp")
    partial_state.write_text(json.dumps(state), encoding="utf-8")
    partial_state.replace(state_path)
    partial.replace(path)
    return state
