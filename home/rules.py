"""Rules written once, as a ``Q`` object, and read two ways.

A rule such as "overdue" or "satisfied" is needed on a queryset (a filter, an
admin filter, a ``Count(filter=...)`` in the figures) and on one row already
loaded (``feedback.is_overdue`` on a page). Writing it twice, once in SQL and
once in Python, is how the two drift apart. So each app writes its rule once
as a ``Q`` next to its model, and an instance property asks ``matches(self,
rule)``, which evaluates that same ``Q`` on the instance's loaded values
without a query.

Only the lookups the project's rules use are understood: ``exact``, ``in``,
``lt``, ``lte``, ``gt``, ``gte``, ``isnull``, a field of a related row
(``step__deadline``), the ``date`` transform (the
local day of an aware datetime, as Django's ``__date`` uses the current time
zone) and ``F("other_field")`` on the right-hand side. Anything else raises
``ValueError`` rather than guess: a rule that Python cannot read exactly as
the database does must not be read by Python at all.

Comparisons with a missing value (``None``) are false, and a negated branch
of them true, as Django writes a negated lookup on a nullable column
(``NOT (col > x AND col IS NOT NULL)``).
"""

import operator
from collections.abc import Callable
from typing import Any

from django.db.models import F, Q
from django.utils import timezone


def _in(value, choices) -> bool:
    return value in choices


def _isnull(value, expected: bool) -> bool:
    return (value is None) is bool(expected)


COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "in": _in,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}
TRANSFORMS: dict[str, Callable[[Any], Any]] = {
    "date": timezone.localdate,
}


def matches(instance, rule: Q) -> bool:
    """Whether the loaded ``instance`` satisfies ``rule``, as
    ``Model.objects.filter(rule)`` would find it (no query is made)."""
    if rule.connector not in (Q.AND, Q.OR):
        raise ValueError(f"Unsupported connector {rule.connector!r}")
    results = (_child_matches(instance, child) for child in rule.children)
    result = all(results) if rule.connector == Q.AND else any(results)
    return not result if rule.negated else result


def _child_matches(instance, child) -> bool:
    if isinstance(child, Q):
        return matches(instance, child)
    lookup, expected = child
    field, *parts = lookup.split("__")
    comparison = "exact"
    if parts and (parts[-1] in COMPARISONS or parts[-1] == "isnull"):
        comparison = parts.pop()
    value = getattr(instance, field)
    for part in parts:
        if part in TRANSFORMS:
            value = None if value is None else TRANSFORMS[part](value)
        elif value is not None and _is_related_object(value, part):
            value = getattr(value, part)
        else:
            raise ValueError(f"Unsupported transform {part!r} in {lookup!r}")
    if comparison == "isnull":
        return _isnull(value, expected)
    if comparison == "exact" and expected is None:
        return value is None  # Django reads ``field=None`` as ``field__isnull=True``
    if isinstance(expected, F):
        expected = _follow(instance, expected.name)
    elif hasattr(expected, "resolve_expression"):
        raise ValueError(f"Unsupported expression {expected!r} in {lookup!r}")
    if value is None or expected is None:
        return False
    return COMPARISONS[comparison](value, expected)


def _is_related_object(value, name: str) -> bool:
    """``step__deadline``: a field of a related row (already loaded or not)."""
    return hasattr(value, "_meta") and any(f.name == name for f in value._meta.concrete_fields)


def _follow(instance, path: str):
    """``F("step__deadline")``: the field, through related rows."""
    value = instance
    for name in path.split("__"):
        value = None if value is None else getattr(value, name)
    return value
