"""The Vietnamese catalogue is complete, and the compiled file matches it."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.fixture(scope="module")
def vietnamese():
    return polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))


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
