import pytest
from django.core.exceptions import ValidationError

from home.search import fold
from procedures.models import Procedure
from tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["1001193", "1.", ".001193", "a.001193", "1.001193.2", "1,001193"])
def test_national_code_must_be_digits_dot_digits(code):
    procedure = ProcedureFactory.build(code=code, field=ProcedureFactory().field)
    with pytest.raises(ValidationError) as error:
        procedure.full_clean()
    assert "code" in error.value.message_dict


def test_valid_code_passes_validation():
    procedure = ProcedureFactory.build(code="1.001193x"[:8], field=ProcedureFactory().field)
    procedure.code = "2.000635"
    procedure.full_clean(validate_constraints=False)


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
    assert "1.000894" in stale and "1.001193" not in stale
    assert len(stale) == 32
