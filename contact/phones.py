"""Vietnamese phone numbers: accepted as people type them, stored one way.

Editors copy numbers from business cards and old lists: ``0912.345.678``,
``+84 912 345 678``, ``(0204) 3881 234``. They are stored in the national
form (``0912345678``) so that duplicates and missing numbers can be found,
shown grouped as Vietnamese readers expect, and dialled as ``tel:+84…``.

Since the 2017-2018 renumbering a mobile number is ten digits (``03``,
``05``, ``07``, ``08``, ``09``) and a landline eleven (``02`` + area code +
subscriber number; Hà Nội and Hồ Chí Minh City have the three-digit codes
``024`` and ``028``, every other province a four-digit one).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SEPARATORS = re.compile(r"[\s.\-()/]")
MOBILE = re.compile(r"^0[35789]\d{8}$")
LANDLINE = re.compile(r"^02\d{9}$")
THREE_DIGIT_AREA_CODES = ("024", "028")

INVALID_MESSAGE = _(
    "Enter a Vietnamese phone number: a mobile such as 0912 345 678 "
    "or a landline such as 0204 3881 234 (+84 is accepted)."
)


def normalise_phone(raw: str) -> str:
    """The national form of a number, or ValidationError if it is not one."""
    digits = SEPARATORS.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("0084"):
        digits = "0" + digits[4:].removeprefix("0")
    if not digits.isdigit() or not (MOBILE.match(digits) or LANDLINE.match(digits)):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    return digits


def format_phone(national: str) -> str:
    """Grouped for reading aloud: 0912 345 678, 0204 3881 234, 024 3825 3536."""
    if MOBILE.match(national):
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    if LANDLINE.match(national):
        if national.startswith(THREE_DIGIT_AREA_CODES):
            return f"{national[:3]} {national[3:7]} {national[7:]}"
        return f"{national[:4]} {national[4:8]} {national[8:]}"
    return national


def international_phone(national: str) -> str:
    """+84 form, for tel: links and vCards that work from abroad too."""
    return "+84" + national[1:] if national.startswith("0") else national


def phone_uri(national: str) -> str:
    return f"tel:{international_phone(national)}"


class PhoneNumberField(models.CharField):
    """A CharField that normalises what is typed and refuses what is not a
    Vietnamese number, so every form that edits it behaves the same."""

    default_validators = []

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalise_phone(value)

    def formfield(self, **kwargs):
        # Room for what people type (spaces, dots, +84 (0) …) before it is normalised.
        return super().formfield(**{"max_length": 40, **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 20:
            del kwargs["max_length"]
        return name, path, args, kwargs
