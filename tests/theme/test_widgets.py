"""The long select writes the same markup as Django's own, faster."""

import re

import pytest
from django import forms

from theme.widgets import LongSelect


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize(
    "choices, value",
    [
        ([("", "— không rõ —"), ("1", "Đăng ký khai sinh"), ("2", "Chứng thực bản sao")], "2"),
        ([("1", 'A & B <b>"đậm"</b>')], None),
        (
            [("Hộ tịch", [("1", "Khai sinh"), ("2", "Khai tử")]), ("Đất đai", [("3", "Đo đạc")])],
            "3",
        ),
    ],
)
def test_same_markup_as_djangos_select(choices, value):
    attrs = {"id": "id_procedure", "required": True, "aria-describedby": "help"}
    expected = forms.Select(choices=choices, attrs=attrs).render("procedure", value)
    assert normalised(LongSelect(choices=choices, attrs=attrs).render("procedure", value)) == (
        normalised(expected)
    )


def test_option_text_is_escaped():
    html = LongSelect(choices=[("1", "<script>alert(1)</script>")]).render("p", None)
    assert "<script>" not in html and "&lt;script&gt;" in html
