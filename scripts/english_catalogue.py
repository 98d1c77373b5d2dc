"""Completes the English catalogue: the project's msgids are English, so
every English msgstr is its msgid (the singular and plural forms). Run after
`makemessages`; a test fails while an English entry is empty or fuzzy.

    .venv/bin/python scripts/english_catalogue.py
"""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def complete(entry: polib.POEntry) -> bool:
    changed = False
    if entry.msgid_plural:
        wanted = {0: entry.msgid, 1: entry.msgid_plural}
        if entry.msgstr_plural != wanted:
            entry.msgstr_plural, changed = wanted, True
    elif entry.msgstr != entry.msgid:
        entry.msgstr, changed = entry.msgid, True
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        changed = True
    return changed


def main() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    changed = sum(complete(entry) for entry in catalogue)
    catalogue.save()
    catalogue.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    print(f"{CATALOGUE.relative_to(CATALOGUE.parents[3])}: {changed} entries completed")  # noqa: T201


if __name__ == "__main__":
    main()
