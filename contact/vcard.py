"""vCards, so that a citizen can save an official's number in one tap."""

from .phones import international_phone


def escape_vcard(text: str) -> str:
    """RFC 6350 text escaping: backslash, comma, semicolon and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str, limit: int = 75) -> str:
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


def official_vcard(person, *, organisation: str) -> str:
    family, given = split_vietnamese_name(person.full_name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape_vcard(family)};{escape_vcard(given)};;;",
        f"FN:{escape_vcard(person.full_name)}",
        f"ORG:{escape_vcard(organisation)}",
        f"TITLE:{escape_vcard(person.position_label)}",
    ]
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{international_phone(person.phone)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape_vcard(person.email)}")
    if person.responsibilities:
        lines.append(f"NOTE:{escape_vcard(person.responsibilities)}")
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)
