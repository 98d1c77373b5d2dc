"""Vietnamese phone numbers: accepted as people type them, stored one way.

Editors copy numbers from business cards and old lists: ``0912.345.678``,
``+84 912 345 678``, ``(0204) 3881 234``. They are stored in the national
form (``0912345678``) so that duplicates and missing numbers can be found,
shown grouped as Vietnamese readers expect, and dialled as ``tel:+84…``.

What is a valid number, and how it is grouped, comes from ``phonenumbers``
(Google's libphonenumber): its metadata follows the Vietnamese numbering plan
as prefixes are allocated and withdrawn (the 2018 move of mobiles to ten
digits and of landlines to ``02`` + area code, networks opened or closed since),
which a hand-written pattern only knows as of the day it was written. Kept
here is what the library leaves to us:

- what may be typed: digits, spaces and ``. - ( ) / +``. The library also
  reads letters (``ext. 12``, ``tel:``, keypad letters), which on a commune's
  list are typing mistakes, not numbers;
- which numbers a commune publishes: Vietnamese mobiles and landlines, the ones
  a citizen can call and text; not 1800/1900 service numbers, not foreign ones;
- the stored form, the national one (what Vietnamese readers type and search
  for), and the ``tel:`` link in the international form (``+84…``, no
  hyphens) that dials from anywhere.
"""

import re
from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

REGION = "VN"
TYPED_CHARACTERS = re.compile(r"^[\d\s.\-()/+]+$")
ACCEPTED_TYPES = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
}

INVALID_MESSAGE = _(
    "Enter a Vietnamese phone number: a mobile such as 0912 345 678 "
    "or a landline such as 0204 3881 234 (+84 is accepted)."
)


@lru_cache(maxsize=4096)
def parse_vietnamese_phone(typed: str) -> PhoneNumber | None:
    """The number if ``typed`` is a Vietnamese mobile or landline, else None.
    Cached: a directory page formats the same few dozen numbers every time."""
    text = (typed or "").strip()
    if not text or not TYPED_CHARACTERS.match(text):
        return None
    try:
        number = phonenumbers.parse(text, REGION)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, REGION):
        return None
    if phonenumbers.number_type(number) not in ACCEPTED_TYPES:
        return None
    return number


def normalise_phone(raw: str) -> str:
    """The national form of a number, or ValidationError if it is not one."""
    number = parse_vietnamese_phone(raw or "")
    if number is None:
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    return "0" + phonenumbers.national_significant_number(number)


def format_phone(national: str) -> str:
    """Grouped for reading aloud: 0912 345 678, 0204 3881 234, 024 3825 3536.
    A value that is not a number (kept as typed from before) is shown as it is."""
    number = parse_vietnamese_phone(national)
    if number is None:
        return national
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


def international_phone(national: str) -> str:
    """+84 form, for tel: links and vCards that work from abroad too."""
    number = parse_vietnamese_phone(national)
    if number is None:
        return national
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def phone_uri(national: str) -> str:
    """A ``tel:`` link; for a value kept as typed, its digits (and +)."""
    number = parse_vietnamese_phone(national)
    if number is None:
        return "tel:" + "".join(ch for ch in national if ch.isdigit() or ch == "+")
    return f"tel:{international_phone(national)}"


class PhoneNumberField(models.CharField):
    """A CharField that normalises what is typed and refuses what is not a
    Vietnamese number, so every form that edits it behaves the same.

    Validation (forms, ``full_clean``) refuses a value that is not a number;
    writing to the database normalises what it can and keeps anything else
    as it was typed, so that a value stored before this rule (a commune's
    phone from an older version) stays readable and its row can still be
    saved by provisioning, until an editor corrects it."""

    default_validators = []

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalise_phone(value)

    def get_prep_value(self, value):
        value = models.Field.get_prep_value(self, value)
        if value in self.empty_values:
            return value
        try:
            return normalise_phone(str(value))
        except ValidationError:
            return str(value)

    def formfield(self, **kwargs):
        # Room for what people type (spaces, dots, +84 (0) …) before it is normalised.
        return super().formfield(**{"max_length": 40, **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 20:
            del kwargs["max_length"]
        return name, path, args, kwargs


def normalise_stored_phones(model, field_name: str = "phone") -> tuple[int, int]:
    """For the migrations that put a free-text phone column under this rule:
    each stored number is rewritten in the national form; a value that is not
    a number is left as it was typed, still shown on the site, and the field
    asks for a valid number the next time an editor saves the form. Returns
    (how many were rewritten, how many were kept as typed)."""
    rewritten = kept = 0
    rows = model.objects.exclude(**{field_name: ""}).values_list("pk", field_name)
    for pk, value in rows:
        try:
            national = normalise_phone(value)
        except ValidationError:
            kept += 1
            continue
        if national != value:
            model.objects.filter(pk=pk).update(**{field_name: national})
            rewritten += 1
    return rewritten, kept
