"""Commune editors in the catalogue admin, attacking from commune A (Vôi) towards
commune B (Kép) and the district records."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures.models import LocalProcedureNote, Procedure
from tests.factories import ProcedureFactory
from tests.shipped import SHIPPED_PROCEDURES, procedure_codes

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/login/" not in response["Location"]
    )


@pytest.fixture
def attacker(editor_a, client_for):
    return client_for(editor_a)


@pytest.fixture
def b_note(communes):
    return LocalProcedureNote.objects.create(
        commune=communes["kep"],
        procedure=Procedure.objects.get(code="1.001193"),
        counter="Quầy bí mật của Kép",
    )


@pytest.fixture
def b_own(communes):
    return ProcedureFactory(commune=communes["kep"], name="Thủ tục riêng bí mật của Kép")


def note_form(commune, procedure, **extra):
    return {
        "commune": commune.pk,
        "procedure": procedure.pk,
        "handled_by": "",
        "counter": "Quầy 1",
        "phone": "",
        "note": "",
        **extra,
    }


def test_editor_lists_only_own_notes_and_procedures(attacker, b_note, b_own, communes):
    own = LocalProcedureNote.objects.create(
        commune=communes["voi"],
        procedure=Procedure.objects.get(code="1.000894"),
        counter="Quầy của Vôi",
    )
    notes = attacker.get(reverse("procedure_notes:index")).content.decode()
    assert own.counter in notes and "1.000894" in notes
    assert "Quầy bí mật của Kép" not in notes
    procedures = attacker.get(reverse("procedures:index")).content.decode()
    assert "Thủ tục riêng bí mật của Kép" not in procedures
    assert "Thủ tục đăng ký khai sinh" not in procedures  # district records are not theirs


@pytest.mark.parametrize("name", ["edit", "delete", "history", "usage"])
def test_editor_cannot_open_other_commune_note(attacker, b_note, name):
    response = attacker.get(reverse(f"procedure_notes:{name}", args=[b_note.pk]))
    assert denied(response)
    assert "Quầy bí mật của Kép" not in response.content.decode()


@pytest.mark.parametrize("name", ["edit", "delete", "history", "usage"])
def test_editor_cannot_open_other_commune_procedure(attacker, b_own, name):
    response = attacker.get(reverse(f"procedures:{name}", args=[b_own.pk]))
    assert denied(response)


@pytest.mark.parametrize("name", ["edit", "delete"])
def test_editor_cannot_change_a_district_record(attacker, name):
    birth = Procedure.objects.get(code="1.001193")
    assert denied(attacker.get(reverse(f"procedures:{name}", args=[birth.pk])))
    attacker.post(
        reverse(f"procedures:{name}", args=[birth.pk]), {"name": "Hacked", "code": birth.code}
    )
    birth.refresh_from_db()
    assert birth.name == "Thủ tục đăng ký khai sinh"
    assert Procedure.objects.filter(pk=birth.pk).exists()


def test_editor_cannot_delete_or_edit_other_commune_note_by_post(attacker, b_note):
    attacker.post(reverse("procedure_notes:edit", args=[b_note.pk]), {"counter": "Hacked"})
    attacker.post(reverse("procedure_notes:delete", args=[b_note.pk]))
    b_note.refresh_from_db()
    assert b_note.counter == "Quầy bí mật của Kép"


def test_editor_adds_a_note_for_own_commune(attacker, communes):
    birth = Procedure.objects.get(code="1.001193")
    response = attacker.post(reverse("procedure_notes:add"), note_form(communes["voi"], birth))
    assert response.status_code == 302
    assert LocalProcedureNote.objects.filter(commune=communes["voi"], procedure=birth).exists()


def test_editor_cannot_add_a_note_for_another_commune(attacker, communes):
    birth = Procedure.objects.get(code="1.001193")
    response = attacker.post(reverse("procedure_notes:add"), note_form(communes["kep"], birth))
    assert response.status_code == 200  # the form comes back with an error
    assert not LocalProcedureNote.objects.filter(commune=communes["kep"]).exists()


def test_editor_cannot_attach_note_to_other_commune_procedure(attacker, communes, b_own):
    attacker.post(reverse("procedure_notes:add"), note_form(communes["voi"], b_own))
    assert not LocalProcedureNote.objects.filter(procedure=b_own).exists()


def procedure_form(**values):
    data = {
        "code": "9.200001",
        "name": "Thủ tục của xã",
        "field": Procedure.objects.first().field_id,
        "level": "",
        "decision": "",
        "applies_to_communes": "on",
        "applicants": "",
        "steps": "",
        "conditions": "",
        "implementing_agency": "",
        "result": "",
        "processing_time": "",
        "fee": "",
        "keywords": "",
        "online_service_url": "",
        "source_url": "",
        "last_reviewed": "",
    }
    for prefix in ("submission_methods", "documents", "legal_bases"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(values)
    return data


def test_editor_creates_own_procedure_but_never_a_district_record(attacker, communes):
    response = attacker.post(reverse("procedures:add"), procedure_form(commune=""))
    assert response.status_code == 200
    assert not Procedure.objects.filter(code="9.200001").exists()
    response = attacker.post(reverse("procedures:add"), procedure_form(commune=communes["kep"].pk))
    assert not Procedure.objects.filter(code="9.200001").exists()
    response = attacker.post(reverse("procedures:add"), procedure_form(commune=communes["voi"].pk))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Procedure.objects.get(code="9.200001").commune == communes["voi"]


def test_own_procedure_may_not_shadow_a_district_code(attacker, communes):
    attacker.post(
        reverse("procedures:add"), procedure_form(commune=communes["voi"].pk, code="1.001193")
    )
    assert Procedure.objects.filter(code="1.001193").count() == 1


def test_district_admin_edits_district_record(district_admin, client_for):
    client = client_for(district_admin)
    birth = Procedure.objects.get(code="1.001193")
    assert client.get(reverse("procedures:edit", args=[birth.pk])).status_code == 200


@pytest.mark.parametrize("url_name", ["procedures_import", "procedures_not_reviewed"])
def test_district_screens_are_closed_to_editors(attacker, district_admin, client_for, url_name):
    assert denied(attacker.get(reverse(url_name)))
    assert client_for(district_admin).get(reverse(url_name)).status_code == 200


def test_field_taxonomy_is_district_only(attacker):
    assert denied(attacker.get(reverse("procedure_fields:index")))


def test_not_reviewed_report_lists_stale_district_records(district_admin, client_for):
    client = client_for(district_admin)
    body = client.get(reverse("procedures_not_reviewed")).content.decode()
    assert "1.001193" in body and "Thủ tục đăng ký khai sinh" in body
    export = client.get(reverse("procedures_not_reviewed") + "?export=csv")
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().strip().splitlines()
    # Every shipped record: none of them has been reviewed.
    assert {line.split(",")[0] for line in lines[1:]} == procedure_codes()
    assert len(lines) == 1 + len(procedure_codes())


def test_admin_upload_reports_bad_rows_and_changes_nothing(district_admin, client_for):
    rows = json.loads(SHIPPED_PROCEDURES.read_text(encoding="utf-8"))[:2]
    rows[0]["name"] = "Không được lưu"
    rows[1]["code"] = "xx"
    upload = SimpleUploadedFile("p.json", json.dumps(rows, ensure_ascii=False).encode())
    response = client_for(district_admin).post(
        reverse("procedures_import"), {"file": upload, "dry_run": ""}
    )
    body = response.content.decode()
    assert "dòng 2, code" in body
    assert not Procedure.objects.filter(name="Không được lưu").exists()


def test_admin_upload_imports_good_file(district_admin, client_for):
    rows = json.loads(SHIPPED_PROCEDURES.read_text(encoding="utf-8"))[:1]
    rows[0]["code"] = "7.000001"
    upload = SimpleUploadedFile("p.json", json.dumps(rows, ensure_ascii=False).encode())
    response = client_for(district_admin).post(reverse("procedures_import"), {"file": upload})
    assert "1 thêm mới" in response.content.decode()
    assert Procedure.objects.filter(code="7.000001").exists()
