"""Search the way Vietnamese people type: with or without diacritics.

SQLite's and PostgreSQL's tokenizers treat ``đ`` and stacked accents
differently, so both sides are folded to lower-case ASCII here instead
(``Thủ tục Đăng ký kết hôn`` -> ``thu tuc dang ky ket hon``) and matched
word by word, which behaves the same on every database.
"""

import re

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9.]+")


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces, keeping dots for national codes."""
    return _NON_WORD.sub(" ", anyascii(text or "").lower()).strip()


def query_words(query: str) -> list[str]:
    return [word for word in fold(query).split() if word.strip(".")]
