import pytest
from django.core.exceptions import ValidationError

from home.search import fold
from procedures.models import Procedure
from tests.factories import ProcedureFactory
from tests.shipped import procedure_codes

pytestmark = pytest.mark.django_db


def validation_errors(procedure: Procedure) -> dict[str, list[str]]:
    try:
        procedure.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize("code", ["1001193", "1.", ".001193", "a.001193", "1.001193.2", "1,001193"])
def test_national_code_must_be_digits_dot_digits(code):
    procedure = ProcedureFactory.build(code=code, field=ProcedureFactory().field)
    assert list(validation_errors(procedure)) == ["code"]


@pytest.mark.parametrize("code", ["2.999999", "1.1", "10.000001"])
def test_valid_code_passes_validation(code):
    assert code not in procedure_codes()
    procedure = ProcedureFactory.build(code=code, field=ProcedureFactory().field)
    assert validation_errors(procedure) == {}


def test_a_second_district_record_with_a_shipped_code_is_refused():
    procedure = ProcedureFactory.build(code="2.000635", field=ProcedureFactory().field)
    errors = validation_errors(procedure)
    assert list(errors) == ["__all__"]
    assert "unique_district_procedure_code" in errors["__all__"][0]


def test_folding_removes_diacritics_and_d_with_stroke():
    assert fold("Thủ tục Đăng ký khai sinh, kết hôn; đ") == "thu tuc dang ky khai sinh ket hon d"
    assert fold("1.001193") == "1.001193"


def test_search_text_is_kept_on_save():
    procedure = Procedure.objects.get(code="1.000894")
    assert "ket hon" in procedure.search_text
    assert "ho tich" in procedure.search_text


def test_stale_lists_unreviewed_and_old_records_only():
    import datetime

    today = datetime.date(2026, 11, 26)
    fresh = Procedure.objects.get(code="1.001193")
    fresh.last_reviewed = datetime.date(2026, 6, 1)
    fresh.save()
    old = Procedure.objects.get(code="1.000894")
    old.last_reviewed = datetime.date(2025, 1, 1)
    old.save()
    stale = set(Procedure.objects.stale(today).values_list("code", flat=True))
    assert stale == procedure_codes() - {"1.001193"}
