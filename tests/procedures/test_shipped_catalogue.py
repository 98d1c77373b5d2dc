"""The shipped catalogue is what citizens read: time limits and fees as they
read them, nothing where the source gives nothing, and no researcher's notes."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from procedures.models import Procedure
from procedures.services import desired_values, parse_legal_basis
from tests.conftest import SHIPPED_PROCEDURES

pytestmark = pytest.mark.django_db

# What the research notes of the old file looked like, and the placeholders
# an empty value used to be shown as.
NOTES = re.compile(
    r"trang nguồn|không có thông tin|chỉ ghi con số|không ghi đơn vị|\bTODO\b", re.IGNORECASE
)
PLACEHOLDERS = ("—", "Không có thông tin", "không rõ")


def shipped() -> list[dict]:
    return json.loads(SHIPPED_PROCEDURES.read_text(encoding="utf-8"))


def test_the_imported_rows_are_the_shipped_file_field_by_field():
    rows = shipped()
    assert len(rows) == Procedure.objects.district().count() == 33
    for row in rows:
        procedure = Procedure.objects.district().get(code=row["code"])
        expected = desired_values(row)
        got = {name: getattr(procedure, name) for name in expected}
        assert got == expected, row["code"]
        assert procedure.name == row["name"]
        assert procedure.field.name == row["field"]
        assert procedure.processing_time == (row.get("processing_time") or "")
        assert procedure.fee == (row.get("fee") or "")
        assert procedure.processing_note == (row.get("processing_note") or "")
        assert [d.name for d in procedure.documents.all()] == row["documents"]
        assert [(b.number, b.summary) for b in procedure.legal_bases.all()] == [
            parse_legal_basis(text) for text in row["legal_basis"]
        ]


def test_no_shipped_time_limit_or_fee_is_a_research_note():
    notes = [
        (row["code"], name, row.get(name))
        for row in shipped()
        for name in ("processing_time", "fee", "processing_note")
        if row.get(name) and NOTES.search(row[name])
    ]
    assert notes == []


def ways_section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="ways-heading">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def meta(html: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{name}" content="([^"]*)"', html)
    return match.group(1) if match else ""


def test_no_shipped_procedure_page_shows_a_placeholder_or_a_note():
    client = Client(HTTP_HOST="voi.localhost")
    shown_notes = 0
    for row in shipped():
        html = client.get(f"/thu-tuc/{row['code']}/").content.decode()
        section = ways_section(html)
        previews = meta(html, "name", "description") + meta(html, "property", "og:description")
        for text in (section, previews):
            assert not NOTES.search(text), row["code"]
            assert not any(p in text for p in PLACEHOLDERS), (row["code"], text)
        if row.get("processing_note"):
            assert row["processing_note"] in section, row["code"]
            shown_notes += 1
        if not row.get("processing_time") and not row.get("fee"):
            assert "Time limit" not in previews and "Thời hạn" not in previews
    assert shown_notes == sum(1 for row in shipped() if row.get("processing_note")) > 0


def test_a_procedure_without_time_or_fee_shows_no_empty_table(communes):
    procedure = Procedure.objects.district().get(code="1.001193")
    procedure.processing_time = procedure.fee = procedure.processing_note = ""
    procedure.save()
    procedure.submission_methods.all().delete()
    html = Client(HTTP_HOST="voi.localhost").get("/thu-tuc/1.001193/").content.decode()
    assert 'id="ways-heading"' not in html
    description = meta(html, "name", "description")
    assert description.startswith("1.001193 · Hộ tịch.")
    assert ":" not in description.split("Hộ tịch.", 1)[1]


def test_the_import_ignores_unknown_fields_with_a_warning(tmp_path):
    rows = shipped()
    rows[0] = {**rows[0], "processing_note": "Ghi chú mới.", "researcher_comment": "xem lại"}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_procedures", str(path), stdout=out, stderr=err)
    assert "researcher_comment" in err.getvalue()
    assert "1 cập nhật" in out.getvalue()
    procedure = Procedure.objects.district().get(code=rows[0]["code"])
    assert procedure.processing_note == "Ghi chú mới."
    assert not hasattr(procedure, "researcher_comment")
