"""What the news app shows of rows, for the page cache (``home.caching``):
the notice banner on every page of its commune, thank-you letters on the
commune's thank-you page."""

from contact.models import Letter, LetterKind
from home.caching.registry import register
from home.caching.targets import Target, commune_site, section_targets, whole_site

from .models import Notice


def notice_targets(notice: Notice) -> list[Target]:
    return whole_site(commune_site(notice.commune_id))


def letter_targets(letter: Letter) -> list[Target]:
    """Only thank-you letters can be on a public page (``/cam-on/``, with consent)."""
    if letter.kind != LetterKind.THANK_YOU:
        return []
    return section_targets(commune_site(letter.commune_id), "thanks")


def connect() -> None:
    register(Notice, notice_targets)
    register(Letter, letter_targets)
