"""What a printed letter is made of, in the Vietnamese administrative style
(Decree 30/2020/NĐ-CP): the issuing body and number on the left, the national
title and the place-and-date line on the right, the title, "Kính gửi", the
kind's text, the signature block and the recipients' list."""

from .models import Letter, LetterKind, LetterSettings, Post

LETTER_TITLES = {
    LetterKind.THANK_YOU: "THƯ CẢM ƠN",
    LetterKind.APOLOGY: "THƯ XIN LỖI",
    LetterKind.MARRIAGE: "THƯ CHÚC MỪNG",
    LetterKind.BIRTH: "THƯ CHÚC MỪNG",
    LetterKind.CONDOLENCE: "THƯ CHIA BUỒN",
}

ATTACHMENT_TITLES = {
    LetterKind.CONDOLENCE: "QUY ĐỊNH THỰC HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC TANG",
    LetterKind.MARRIAGE: "CAM KẾT THỰC HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC CƯỚI",
}


def date_line(letter: Letter) -> str:
    """“Vôi, ngày 05 tháng 3 năm 2026”: day below 10 with a leading zero,
    months 1 and 2 too, as the decree's appendix shows."""
    day, month = letter.letter_date.day, letter.letter_date.month
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"{letter.commune.name}, ngày {day:02d} tháng {month_text} năm {letter.letter_date.year}"


def issuing_body(letter: Letter) -> list[str]:
    """The two lines of the issuing body, the commune's official name (its
    own kind: "THỊ TRẤN VÔI", "XÃ TÂN THANH", "PHƯỜNG …") in capitals."""
    return ["ỦY BAN NHÂN DÂN", letter.commune.full_name.upper()]


def signature_lines(letter: Letter) -> list[str]:
    """“TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH” for the chairman, “KT. CHỦ TỊCH /
    PHÓ CHỦ TỊCH” for a vice-chairman, otherwise the position as kept."""
    if letter.signer_post == Post.CHAIRMAN:
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    if letter.signer_post == Post.VICE_CHAIRMAN:
        return ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    return [letter.signer_position.upper()]


def attachment_lines(letter: Letter) -> list[str]:
    if letter.kind not in ATTACHMENT_TITLES:
        return []
    settings = LetterSettings.for_site(letter.commune.site)
    text = (
        settings.funeral_rules
        if letter.kind == LetterKind.CONDOLENCE
        else settings.wedding_commitment
    )
    return LetterSettings.lines(text)


# How a letter addresses a person or a family: a capital after "Kính gửi:",
# not in the middle of a sentence ("xin lỗi ông Nguyễn Văn An").
HONORIFICS = ("Ông", "Bà", "Anh", "Chị", "Cô", "Chú", "Bác", "Cụ", "Em", "Cháu", "Gia đình", "Quý")


def in_sentence(name: str) -> str:
    """ "Ông Nguyễn Văn An" -> "ông Nguyễn Văn An"; a name without a form of
    address ("Công ty …", "Nguyễn Văn An") is left as written."""
    for word in HONORIFICS:
        if name == word or name.startswith(word + " "):
            return name[:1].lower() + name[1:]
    return name


def reason_lines(letter: Letter) -> list[str]:
    """The reason's lines, read inside the letter's own sentence: the
    sentence brings the full stop, so a line's own is dropped."""
    lines = (line.strip() for line in letter.reason.splitlines())
    return [line.rstrip(" .;") for line in lines if line.rstrip(" .;")]


def letter_context(letter: Letter) -> dict:
    return {
        "letter": letter,
        "issuing_body": issuing_body(letter),
        "date_line": date_line(letter),
        "title": LETTER_TITLES[letter.kind],
        "body_template": f"contact/letters/kinds/{letter.kind}.html",
        "signature_lines": signature_lines(letter),
        "attachment_title": ATTACHMENT_TITLES.get(letter.kind, ""),
        "attachment_lines": attachment_lines(letter),
        # Mid-sentence, as written: "Ủy ban nhân dân thị trấn Vôi".
        "commune_name": letter.commune.name_in_sentence,
        "reason_lines": reason_lines(letter),
        "recipient_in_sentence": in_sentence(letter.recipient_name),
    }
