"""Finding what identifies a citizen in a text that is about to be published:
their name however it is spelt, phone numbers however they are written,
email addresses and ID card numbers.

Names are compared word by word after folding (``home.search.fold``): with
or without diacritics (``Tran Van Binh``), in either spelling of the tone
marks (``Hoà``/``Hòa``), in decomposed Unicode (what some phones send), in
any case. The full name, the family and given names without the middle
name, and the given name alone (capitalised, as people sign: "anh Bình")
are found. Phone numbers are runs of digits with the separators people use
(spaces, dots, hyphens, brackets) whose digits, once ``+84``/``84``/``0`` is
taken off, make a Vietnamese number: nine or ten digits. Amounts of money
(``150.000.000 đồng``), years, dates and receipt codes are left alone.

The scrubber prepares a draft; an editor reviews it before it is published
(``contact.services``), and the publication is refused while phone numbers,
emails or the citizen's name remain.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass

from home.search import fold

PLACEHOLDER = "[…]"
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digits joined by what people put between them; short gaps only, so that two
# numbers in a sentence stay two candidates.
DIGIT_RUN = re.compile(r"(?<![\w+])\+?\(?\+?\d(?:[ \u00a0.\-()]{0,3}\d)+\)?")
ID_CARD = re.compile(r"(?<![\w.\-])\d{12}(?![\w])")  # CCCD: twelve digits
MONEY_AFTER = re.compile(r"\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ|nghìn|ngàn|usd|\$|%)", re.IGNORECASE)
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str  # "email", "phone", "id_card", "name", "given_name"

    @property
    def blocks_publication(self) -> bool:
        """The given name alone may be an ordinary word ("Hà Nội", "An toàn"):
        the editor decides; everything else must go."""
        return self.kind != "given_name"


def national_digits(candidate: str) -> str:
    """The digits of a number written in any of the ways Vietnamese numbers
    are written, without the country code or the trunk 0."""
    digits = re.sub(r"\D", "", candidate)
    if digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    return digits.removeprefix("0")


def phone_findings(text: str) -> list[Finding]:
    found = []
    for match in DIGIT_RUN.finditer(text):
        digits = national_digits(match.group())
        if not 9 <= len(digits) <= 10 or digits[0] == "0":
            continue
        if MONEY_AFTER.match(text, match.end()):
            continue
        found.append(Finding(match.start(), match.end(), "phone"))
    return found


def name_findings(text: str, name: str) -> list[Finding]:
    parts = fold(name).split()
    if not parts:
        return []
    words = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
    sequences = [parts]
    if len(parts) >= 3:
        sequences.append([parts[0], parts[-1]])
    found = []
    for sequence in sequences:
        size = len(sequence)
        for index in range(len(words) - size + 1):
            window = words[index : index + size]
            if [word[2] for word in window] != sequence:
                continue
            gaps = (text[left[1] : right[0]] for left, right in itertools.pairwise(window))
            if all(gap.isspace() for gap in gaps):
                found.append(Finding(window[0][0], window[-1][1], "name"))
    given = parts[-1]
    if len(given) >= 2:
        found.extend(
            Finding(start, end, "given_name")
            for start, end, folded in words
            if folded == given and text[start].isupper()
        )
    return found


def personal_data(text: str, *, name: str) -> list[Finding]:
    """Everything in ``text`` (already NFC) that identifies the citizen."""
    found = [Finding(m.start(), m.end(), "email") for m in EMAIL_LIKE.finditer(text)]
    found += [Finding(m.start(), m.end(), "id_card") for m in ID_CARD.finditer(text)]
    found += phone_findings(text)
    found += name_findings(text, name)
    return found


def normalised(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def scrub(text: str, *, name: str) -> str:
    """The text with every finding replaced by ``[…]`` (overlaps merged)."""
    text = normalised(text)
    spans = sorted((f.start, f.end) for f in personal_data(text, name=name))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + PLACEHOLDER + text[end:]
    return text


def remaining_personal_data(text: str, *, name: str) -> list[str]:
    """What would still identify the citizen in a reviewed copy, as written."""
    text = normalised(text)
    return [
        text[f.start : f.end]
        for f in sorted(personal_data(text, name=name), key=lambda f: f.start)
        if f.blocks_publication
    ]
