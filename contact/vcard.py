"""vCards, so that a citizen can save an official's number in one tap.

The card is built and escaped by ``vobject`` (vCard 3.0, the version every
phone's contacts app imports). Folding is ours: vobject 0.9.9 folds a line
only when it has 75 *characters* or more, so a shorter line of Vietnamese
text, whose letters take two or three octets each, goes out longer than the
75 octets RFC 6350 allows; strict importers then reject the card or cut a
letter in two. ``fold_line`` counts octets and never splits a letter.
"""

import vobject

from home.phones import international_phone

LINE_OCTETS = 75
UNFOLDED = 10**6  # vobject's line length, so that only fold_line folds


def fold_line(line: str, limit: int = LINE_OCTETS) -> str:
    """Lines longer than 75 octets are folded (CRLF + space), never inside a
    UTF-8 character: Vietnamese letters take two or three octets."""
    chunks, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append(current)
            current, size = " ", 1
        current += char
        size += width
    chunks.append(current)
    return "\r\n".join(chunks)


def split_vietnamese_name(full_name: str) -> tuple[str, str]:
    """(family name, given names): Vietnamese names put the family name first."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name, ""
    return parts[0], " ".join(parts[1:])


def official_card(person, *, organisation: str) -> vobject.base.Component:
    family, given = split_vietnamese_name(person.full_name)
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("fn").value = person.full_name
    card.add("org").value = [organisation]
    card.add("title").value = person.position_label
    if person.phone:
        tel = card.add("tel")
        tel.value = international_phone(person.phone)
        tel.type_param = ["WORK", "VOICE"]
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = "INTERNET"
    if person.responsibilities:
        card.add("note").value = person.responsibilities
    return card


def official_vcard(person, *, organisation: str) -> str:
    unfolded = official_card(person, organisation=organisation).serialize(lineLength=UNFOLDED)
    lines = unfolded.split("\r\n")[:-1]  # the last line ends with CRLF too
    return "".join(fold_line(line) + "\r\n" for line in lines)
