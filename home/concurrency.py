"""Two writers at once: one waits for the other, and nobody's change is
overwritten without them knowing.

- ``exclusive(name)``: a PostgreSQL advisory lock held until the end of the
  current transaction (provisioning run twice at once: the second waits,
  then finds the work done). Nothing on SQLite, whose writes are serialised.
- ``RevisionConflictGuard``: the page form refuses a save from a form opened
  before another editor's save of the same page. Wagtail checks this only
  for autosave requests; an ordinary "Save draft" or "Publish" would replace
  the other editor's text silently. The editor gets the form back with what
  they typed and a clear error; saving again from it is a knowing overwrite.
  On PostgreSQL the check and the save form one critical section per page
  (a session advisory lock released when the request finishes), so two saves
  at the same instant cannot both pass it.

Advisory locks belong to the PostgreSQL server, not to one database: every
key carries the database's name, so that two databases on one server
(staging beside production, or the test suite's parallel workers) never
wait for each other's locks.
"""

import hashlib
from contextlib import contextmanager

from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils.translation import gettext as _
from wagtail.models import Page


def lock_key(name: str, database=None) -> int:
    """A stable signed 64-bit key for a lock name in this database."""
    database = database or connection
    scoped = f"{database.settings_dict['NAME']}:{name}"
    return int.from_bytes(hashlib.sha256(scoped.encode()).digest()[:8], "big", signed=True)


def page_lock_key(page_id: int, database=None) -> int:
    return lock_key(f"page-edit:{page_id}", database)


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def exclusive(name: str):
    """Runs the block in a transaction that first waits for every other
    holder of ``name`` to commit or roll back."""
    with transaction.atomic():
        if on_postgresql():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])
        yield


def lock_page_until_request_ends(page_id: int) -> None:
    """Waits for any other request saving this page to finish, and holds
    the page until this request finishes (PostgreSQL only)."""
    if not on_postgresql():
        return
    # The thread's own connection (``django.db.connection`` is a proxy shared
    # by every thread): session locks belong to it.
    database = connections[DEFAULT_DB_ALIAS]
    held = database.__dict__.setdefault("_page_edit_locks", set())
    if page_id in held:
        return
    with database.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [page_lock_key(page_id, database)])
    held.add(page_id)


def release_page_locks(**kwargs) -> None:
    database = connections[DEFAULT_DB_ALIAS]
    held = database.__dict__.get("_page_edit_locks")
    if not held:
        return
    try:
        with database.cursor() as cursor:
            for page_id in held:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [page_lock_key(page_id, database)])
    finally:
        # A lost connection released its locks with it.
        held.clear()


request_finished.connect(release_page_locks, dispatch_uid="home.concurrency.release_page_locks")


def latest_revision(page_id: int) -> tuple[str, str]:
    """The page's latest revision id and time, as the edit form writes them."""
    row = (
        Page.objects.filter(pk=page_id)
        .values_list("latest_revision_id", "latest_revision__created_at")
        .first()
    )
    if row is None or row[0] is None:
        return "", ""
    return str(row[0]), row[1].isoformat()


def is_out_of_date(data, page_id: int) -> bool:
    """Wagtail's rule (``EditView.is_out_of_date``), against the database as
    it is now rather than as the request found it."""
    latest_id, latest_created_at = latest_revision(page_id)
    if not latest_id:
        return False
    if overwrite_id := data.get("overwrite_revision_id"):
        return overwrite_id != latest_id
    if loaded_id := data.get("loaded_revision_id"):
        if loaded_id != latest_id:
            return True
        return data.get("loaded_revision_created_at", "") != latest_created_at
    return False


class RevisionConflictGuard:
    """For page forms (``WagtailAdminPageForm``): see the module's docstring."""

    def clean(self):
        cleaned = super().clean()
        page_id = self.instance.pk
        if page_id and self.is_bound:
            lock_page_until_request_ends(page_id)
            if is_out_of_date(self.data, page_id):
                self.add_error(
                    None,
                    _(
                        "Another editor saved this page after you opened it. Your text is "
                        "still in the form: compare it with the page's history, then save "
                        "again to replace their version with yours."
                    ),
                )
        return cleaned
