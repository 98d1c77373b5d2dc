"""The plan's text as the project ships it (``district/data``), spelled
so that only a change of words shows: typographic quotes, bold marks,
footnote marks and line breaks do not."""

import re

from district.criteria import PLAN_FILE


def plain(text: str) -> str:
    text = re.sub(r"[“”\"]", '"', text)
    text = re.sub(r"[¹²³]", "", text.replace("**", ""))
    return " ".join(text.split())


PLAN = plain(PLAN_FILE.read_text(encoding="utf-8"))


def section(title: str, next_title: str) -> str:
    """The plan's text from one section heading to the next."""
    return PLAN.split(plain(title), 1)[1].split(plain(next_title), 1)[0]


SECTION_III = section("III. NỘI DUNG TIÊU CHÍ XÂY DỰNG", "IV. CÁC BƯỚC TIẾN HÀNH")
SECTION_IV = section("IV. CÁC BƯỚC TIẾN HÀNH", "V. TỔ CHỨC THỰC HIỆN")
SECTION_V = section("V. TỔ CHỨC THỰC HIỆN", "Nơi nhận:")
