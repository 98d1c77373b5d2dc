"""What every outbox of messages shares (the dossiers' text messages, the
notices about feedback): a row per message with a ``status``, ``attempts``
and ``next_attempt_at``, claimed before it is sent and retried with a
growing back-off.

The claim is a conditional update, so a commit hook and overlapping runs of
the retry job never send one message twice; it is also a lease: it moves
``next_attempt_at`` to its end, and a message still "sending" after that
was cut off mid-send (a killed worker, a database restart) and is taken
again by the retry job.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db.models import Model

PENDING, SENDING, FAILED, GAVE_UP = "pending", "sending", "failed", "gave_up"
RETRYABLE = [PENDING, FAILED]
CLAIM_LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 6


def claim(model: type[Model], pk: int, now: datetime, *, reclaim: bool = False) -> bool:
    """Marks the message as being sent if it is due and nobody else has it."""
    statuses = [*RETRYABLE, SENDING] if reclaim else RETRYABLE
    return bool(
        model._default_manager.filter(pk=pk, status__in=statuses, next_attempt_at__lte=now).update(
            status=SENDING, next_attempt_at=now + CLAIM_LEASE
        )
    )


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failure."""
    return timedelta(minutes=2 ** (attempts - 1))


def record_failure(message: Model, now: datetime, error: str) -> None:
    """Counts a failed attempt: retried after its back-off, or given up."""
    message.last_error = error[:1000]
    message.status = GAVE_UP if message.attempts >= MAX_ATTEMPTS else FAILED
    message.next_attempt_at = now + backoff(message.attempts)


def send_due(model: type[Model], deliver: Callable[..., str], now: datetime) -> dict[str, int]:
    """Every message due (new, failed past its back-off, or cut off mid-send
    past its lease) through ``deliver(pk, now=, reclaim=True)``; the count
    of each resulting status."""
    due = model._default_manager.filter(
        status__in=[*RETRYABLE, SENDING], next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    outcome: dict[str, int] = {}
    for pk in list(due):
        status = deliver(pk, now=now, reclaim=True)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome
