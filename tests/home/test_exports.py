"""Export cells a spreadsheet would run as formulas are written as text."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from home.exports import csv_bytes, neutralise, xlsx_text


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+84912345678", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")'],
)
def test_text_that_starts_a_formula_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Thị trấn Vôi", "07375", "", " =x", -1, -2.5, 0, None, True])
def test_other_values_are_left_as_they_are(value):
    assert neutralise(value) == value


def test_csv_bytes_neutralise_every_cell_and_keep_numbers():
    content = csv_bytes([["Tên", "Số"], ["=1+1", -3], ["Xã Tân Thanh", 4.5]])
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Tên", "Số"], ["'=1+1", "-3"], ["Xã Tân Thanh", "4.5"]]


def test_xlsx_text_keeps_formula_like_text_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["=1+1", "Vôi", 3])
    xlsx_text(sheet[1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = load_workbook(io.BytesIO(buffer.getvalue())).active[1]
    assert [cell.value for cell in cells] == ["=1+1", "Vôi", 3]
    assert cells[0].data_type == "s"
