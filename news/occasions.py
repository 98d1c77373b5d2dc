"""National holidays and occasions on which a commune leader sends greetings.

The list ships with the project (``news/data/holidays.json``, copied from the
programme's reference data): Decree 145/2013/NĐ-CP Art. 4, Labour Code 2019
Art. 112 and the traditional days of the sectors. The keys are stored on
greeting pages, so an entry may be renamed but never re-keyed.
"""

import json
from functools import cache
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.json"


@cache
def occasions() -> list[dict]:
    with HOLIDAYS_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def occasion_choices() -> list[tuple[str, str]]:
    """Greeting occasions first in the order of the year, the rest after."""
    entries = occasions()
    typical = [(e["key"], e["name"]) for e in entries if e["greeting_typical"]]
    rare = [(e["key"], e["name"]) for e in entries if not e["greeting_typical"]]
    return typical + rare


def occasion_name(key: str) -> str:
    return next((e["name"] for e in occasions() if e["key"] == key), key)
