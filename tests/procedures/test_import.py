import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from procedures.models import LegalBasis, Procedure, ProcedureField, RequiredDocument
from procedures.services import import_procedures, read_procedure_file
from tests.shipped import SHIPPED_PROCEDURES, procedure_codes

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Procedure.objects.order_by("pk").values_list("code", "name", "fee")),
        RequiredDocument.objects.count(),
        LegalBasis.objects.count(),
        ProcedureField.objects.count(),
    )


def test_shipped_catalogue_is_imported_whole_with_rows():
    codes = set(Procedure.objects.district().values_list("code", flat=True))
    assert codes == procedure_codes()
    birth = Procedure.objects.get(code="1.001193")
    assert birth.name == "Thủ tục đăng ký khai sinh"
    assert birth.field.name == "Hộ tịch"
    assert birth.decision == "163/QĐ-BTP"
    assert birth.level == "Cấp xã"
    assert birth.source_url.startswith("https://dichvucong.gov.vn/")
    assert birth.documents.count() >= 5
    first_basis = birth.legal_bases.first()
    assert first_basis.number and first_basis.summary


def test_second_import_leaves_everything_unchanged(capsys):
    before = snapshot()
    out = StringIO()
    call_command("import_procedures", str(SHIPPED_PROCEDURES), stdout=out)
    assert f"0 thêm mới, 0 cập nhật, {len(procedure_codes())} không đổi" in out.getvalue()
    assert snapshot() == before


def test_dry_run_reports_without_saving(tmp_path):
    data = json.loads(SHIPPED_PROCEDURES.read_text(encoding="utf-8"))
    data[0]["name"] = "Thủ tục đăng ký khai sinh (sửa)"
    data.append({**data[1], "code": "1.999999", "name": "Thủ tục mới"})
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = snapshot()
    out = StringIO()
    call_command("import_procedures", str(path), "--dry-run", stdout=out)
    assert "Chạy thử" in out.getvalue()
    unchanged = len(procedure_codes()) - 1
    assert f"1 thêm mới, 1 cập nhật, {unchanged} không đổi" in out.getvalue()
    assert snapshot() == before


def test_import_updates_by_code_and_keeps_attached_templates(tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    birth = Procedure.objects.get(code="1.001193")
    template = Document(title="Mẫu tờ khai")
    template.file.save("to-khai.docx", ContentFile(b"x"), save=False)
    template.save()
    first = birth.documents.first()
    first.template = template
    first.save()

    data = json.loads(SHIPPED_PROCEDURES.read_text(encoding="utf-8"))
    data[0]["fee"] = "Miễn phí hoàn toàn"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = import_procedures(rows=read_procedure_file(path.read_bytes(), path.name))
    assert report.updated == ["1.001193"]
    assert set(report.unchanged) == procedure_codes() - {"1.001193"}
    birth.refresh_from_db()
    assert birth.fee == "Miễn phí hoàn toàn"
    assert birth.documents.get(name=first.name).template == template
    assert Procedure.objects.filter(code="1.001193").count() == 1


def test_csv_import_with_lists_joined_by_bars(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "code,name,field,processing_time,fee,documents,legal_basis,source\n"
        '9.000001,Thủ tục thử CSV,Văn hóa,5 ngày,Miễn phí,"Đơn đề nghị | Bản sao CCCD",'
        '"01/2020/TT-BVH (Thông tư thử) | 02/2021/NĐ-CP",https://example.org/x\n',
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_procedures", str(path), stdout=out)
    assert "1 thêm mới" in out.getvalue()
    created = Procedure.objects.get(code="9.000001")
    assert [d.name for d in created.documents.all()] == ["Đơn đề nghị", "Bản sao CCCD"]
    assert [(b.number, b.summary) for b in created.legal_bases.all()] == [
        ("01/2020/TT-BVH", "Thông tư thử"),
        ("02/2021/NĐ-CP", ""),
    ]


def test_every_bad_row_is_reported_and_nothing_changes(tmp_path):
    good = json.loads(SHIPPED_PROCEDURES.read_text(encoding="utf-8"))[0]
    rows = [
        {**good, "name": "Tên mới không được lưu"},  # row 1: good, must not be saved
        {**good, "code": ""},  # row 2: missing code
        {**good, "code": "1001193x"},  # row 3: bad code format
        {**good, "code": "1.001193"},  # row 4: duplicate of row 1
        {**good, "code": "9.000002", "name": ""},  # row 5: missing name
        {**good, "code": "9.000003", "documents": "not a list"},  # row 6
        {**good, "code": "9.000004", "last_reviewed": "31/12/2025"},  # row 7
        "not an object",  # row 8
        {**good, "code": "9.000005", "field": ""},  # row 9: missing field
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    before = snapshot()
    err = StringIO()
    with pytest.raises(CommandError, match="dòng lỗi; không có thay đổi nào được lưu"):
        call_command("import_procedures", str(path), stderr=err)
    reported = err.getvalue()
    for expected in (
        "dòng 2, code",
        "dòng 3, code",
        "dòng 4, code",
        "dòng 5, name",
        "dòng 6, documents",
        "dòng 7, last_reviewed",
        "dòng 8, -",
        "dòng 9, field",
    ):
        assert expected in reported, expected
    assert "dòng 1," not in reported
    assert snapshot() == before


def test_unreadable_files_are_refused():
    with pytest.raises(ValueError):
        read_procedure_file(b"{not json", "x.json")
    with pytest.raises(ValueError):
        read_procedure_file(b"a,b\n1,2\n", "x.csv")
    with pytest.raises(ValueError):
        read_procedure_file(b"", "x.xlsx")
