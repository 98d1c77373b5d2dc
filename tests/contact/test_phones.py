"""Phone numbers as editors type them, and as citizens read and dial them."""

import pytest
from django.core.exceptions import ValidationError

from contact.phones import format_phone, normalise_phone, phone_uri


@pytest.mark.parametrize(
    "typed,national",
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("0386 123 456", "0386123456"),
        ("0523.456.789", "0523456789"),
        ("0704 111 222", "0704111222"),
        ("0836 222 333", "0836222333"),
        ("0204 3881 234", "02043881234"),
        ("(0204) 3881.234", "02043881234"),
        ("+84 204 3881 234", "02043881234"),
        ("024 3825 3536", "02438253536"),
        ("028.3829.1234", "02838291234"),
        ("  0912 345 678  ", "0912345678"),
    ],
)
def test_accepts_and_normalises_vietnamese_numbers(typed, national):
    assert normalise_phone(typed) == national


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "091234567",  # a digit short
        "09123456789",  # a digit too many for a mobile
        "0112345678",  # no network starts with 01 since 2018
        "0412345678",  # 04 is not a mobile prefix
        "0612345678",
        "0204388123",  # landline a digit short
        "+1 202 555 0142",  # not Vietnamese
        "+8491234567",  # international, a digit short
        "0912 345 67a",
        "0912345678 ext 12",
        "gọi cho tôi",
        "113",
    ],
)
def test_refuses_what_is_not_a_vietnamese_number(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


@pytest.mark.parametrize(
    "national,shown",
    [
        ("0912345678", "0912 345 678"),
        ("02043881234", "0204 3881 234"),
        ("02438253536", "024 3825 3536"),
        ("02838291234", "028 3829 1234"),
    ],
)
def test_grouped_for_reading(national, shown):
    assert format_phone(national) == shown


def test_dialled_in_international_form():
    assert phone_uri("0912345678") == "tel:+84912345678"
    assert phone_uri("02043881234") == "tel:+842043881234"


def test_the_model_field_stores_the_national_form(communes):
    from contact.models import Official

    person = Official(
        commune=communes["voi"], full_name="Nguyễn Văn A", post="chu_tich", phone="+84 912.345.678"
    )
    person.full_clean()
    assert person.phone == "0912345678"

    person.phone = "0912"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "phone" in error.value.message_dict
