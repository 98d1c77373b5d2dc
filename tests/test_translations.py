"""The Vietnamese catalogue is complete, and the compiled file matches it."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.fixture(scope="module")
def vietnamese():
    return polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def english():
    return polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))


def test_every_message_has_a_vietnamese_text(vietnamese):
    untranslated = [entry.msgid for entry in vietnamese.untranslated_entries()]
    assert untranslated == []


def test_no_fuzzy_translations(vietnamese):
    assert [entry.msgid for entry in vietnamese.fuzzy_entries()] == []


def test_compiled_catalogue_is_up_to_date(vietnamese):
    compiled = polib.mofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.mo"))
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in vietnamese if not e.obsolete
    }
    built = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid}
    assert built == source, "run: python manage.py compilemessages -l vi"


def test_the_english_catalogue_is_complete(english, vietnamese):
    """Same messages as the Vietnamese one, none empty or fuzzy
    (run scripts/english_catalogue.py after makemessages)."""
    assert [entry.msgid for entry in english.untranslated_entries()] == []
    assert [entry.msgid for entry in english.fuzzy_entries()] == []
    keys = {(entry.msgctxt, entry.msgid) for entry in english if not entry.obsolete}
    assert keys == {(entry.msgctxt, entry.msgid) for entry in vietnamese if not entry.obsolete}


def test_english_compiled_catalogue_is_up_to_date(english):
    compiled = polib.mofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.mo"))
    assert len([e for e in compiled if e.msgid]) == len([e for e in english if not e.obsolete])
