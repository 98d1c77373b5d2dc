"""For tests that need several database connections at once (PostgreSQL):
work done in a thread of its own has its own connection, in autocommit, so it
is committed for real and seen by other threads and processes. The test
undoes it afterwards the same way."""

import threading

from django.db import connections


def in_thread(function, timeout: float = 300):
    """``function()`` run in a new thread (its own connection, closed after);
    its result, or its exception raised here."""
    result = {}

    def run():
        try:
            result["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            result["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=timeout)
    if "error" in result:
        raise result["error"]
    return result.get("value")
