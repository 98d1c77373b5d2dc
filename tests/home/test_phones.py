"""Phone numbers as editors type them, and as citizens read and dial them:
one rule (``home.phones``, on libphonenumber's Vietnamese plan) for the
officials' directory, the commune's own number, procedure notes, feedback
and dossiers."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.test import Client
from django.urls import reverse

from contact.models import Official
from home.models import CommuneSettings
from home.phones import (
    format_phone,
    international_phone,
    normalise_phone,
    normalise_stored_phones,
    phone_uri,
)
from procedures.models import LocalProcedureNote, Procedure

# The examples accepted and refused before the library took over, unchanged.
ACCEPTED = [
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
]
REFUSED = [
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
]


@pytest.mark.parametrize("typed,national", ACCEPTED)
def test_accepts_and_normalises_vietnamese_numbers(typed, national):
    assert normalise_phone(typed) == national


@pytest.mark.parametrize("typed", REFUSED)
def test_refuses_what_is_not_a_vietnamese_number(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


# What the library changed: the old patterns accepted any 03/05/07/08/09 mobile
# and any 02 landline; libphonenumber knows which prefixes are allocated.
@pytest.mark.parametrize(
    "typed",
    [
        "0551 234 567",  # 055: no network (052 and 056-059 exist)
        "0711 234 567",  # 071-075: never allocated to mobiles
        "0801 234 567",  # 080: not a mobile range
        "0891 234 567",  # 089 is MobiFone's from 0896 only
        "0200 3881 234",  # 0200-0202: no province has these area codes
        "0241 3881 234",  # Hà Nội is 024 + eight digits, not 0241
    ],
)
def test_refuses_prefixes_that_no_network_or_province_has(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "1900 1234",  # shared-cost service numbers are valid but not a person's phone
        "1800 1234",  # toll-free
        "0912 34 ABCD",  # keypad letters, which the library would turn into digits
        "tel:+84912345678",  # the library reads RFC 3966; on a list it is a paste mistake
    ],
)
def test_refuses_what_the_library_reads_but_a_commune_does_not_publish(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_accepts_the_country_code_typed_without_plus():
    assert normalise_phone("84 912 345 678") == "0912345678"


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
    assert international_phone("02438253536") == "+842438253536"


def test_a_value_kept_from_before_is_shown_as_typed_and_dialled_by_its_digits():
    old = "0204.3881.23 (máy lẻ 5)"
    assert format_phone(old) == old
    assert phone_uri(old) == "tel:0204388123" + "5"


def test_the_model_field_stores_the_national_form(communes):
    person = Official(
        commune=communes["voi"], full_name="Nguyễn Văn A", post="chu_tich", phone="+84 912.345.678"
    )
    person.full_clean()
    assert person.phone == "0912345678"

    person.phone = "0912"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "phone" in error.value.message_dict


def settings_url(site):
    return reverse("wagtailsettings:edit", args=["home", "communesettings", site.pk])


def settings_form(settings: CommuneSettings, **changes) -> dict:
    return {
        "address": settings.address,
        "phone": settings.phone,
        "email": settings.email,
        "zalo_url": settings.zalo_url,
        "facebook_url": settings.facebook_url,
        "opening_hours": settings.opening_hours,
        **changes,
    }


def test_the_communes_own_phone_follows_the_same_rule(editor_a, client_for, communes):
    site = communes["voi"].site
    editor = client_for(editor_a)
    settings = CommuneSettings.for_site(site)

    response = editor.post(settings_url(site), settings_form(settings, phone="0204 388 12"))
    assert response.status_code == 200
    assert "Nhập số điện thoại Việt Nam" in response.content.decode()

    response = editor.post(settings_url(site), settings_form(settings, phone="+84 (0)204.3881.234"))
    assert response.status_code == 302
    settings = CommuneSettings.objects.get(site=site)
    assert settings.phone == "02043881234"

    page = Client().get("/", HTTP_HOST="voi.localhost:8000").content.decode()
    assert '<a href="tel:+842043881234">0204 3881 234</a>' in page


def force_phone(model, pk, value):
    """Writes a value as an older version stored it, past the field's rule."""
    model.objects.filter(pk=pk).update(phone=Value(value))


@pytest.fixture
def legacy_phones(communes):
    voi = CommuneSettings.for_site(communes["voi"].site)
    kep = CommuneSettings.for_site(communes["kep"].site)
    tan_thanh = CommuneSettings.for_site(communes["tan-thanh"].site)
    force_phone(CommuneSettings, voi.pk, "(0204) 3881.234")
    # Two numbers in one field: the old pattern let it through, the phone rule does not.
    force_phone(CommuneSettings, kep.pk, "0204 3881 234-235")
    force_phone(CommuneSettings, tan_thanh.pk, "")
    return voi.pk, kep.pk, tan_thanh.pk


def run_migration(app: str, migration: str, function: str):
    module = importlib.import_module(f"{app}.migrations.{migration}")
    getattr(module, function)(apps, None)


def test_the_migration_normalises_numbers_and_keeps_the_rest_as_typed(legacy_phones):
    voi, kep, tan_thanh = legacy_phones
    run_migration("home", "0004_communesettings_phone_rule", "normalise_commune_phones")
    phones = dict(CommuneSettings.objects.values_list("pk", "phone"))
    assert phones[voi] == "02043881234"
    assert phones[kep] == "0204 3881 234-235"
    assert phones[tan_thanh] == ""


def test_a_commune_with_a_phone_kept_as_typed_is_still_shown_and_saved(legacy_phones, communes):
    _voi, kep, _tan_thanh = legacy_phones
    settings = CommuneSettings.objects.get(pk=kep)
    assert settings.phone_display == "0204 3881 234-235"
    settings.official_name = "Xã Kép"  # what provisioning does when the registry renames
    settings.save()
    assert CommuneSettings.objects.get(pk=kep).phone == "0204 3881 234-235"
    page = Client().get("/", HTTP_HOST="kep.localhost:8000").content.decode()
    assert "0204 3881 234-235" in page


def test_the_migration_of_procedure_notes(communes):
    procedure = Procedure.objects.filter(commune__isnull=True).first()
    note = LocalProcedureNote.objects.create(
        commune=communes["voi"], procedure=procedure, counter="Quầy 1", phone="02043875111"
    )
    force_phone(LocalProcedureNote, note.pk, "0204.3875.111")
    run_migration("procedures", "0003_localprocedurenote_phone_rule", "normalise_note_phones")
    assert LocalProcedureNote.objects.get(pk=note.pk).phone == "02043875111"


def test_normalise_stored_phones_counts_what_it_did(legacy_phones):
    assert normalise_stored_phones(CommuneSettings) == (1, 1)
    assert normalise_stored_phones(CommuneSettings) == (0, 1)
