"""The official 2025 registry (``vietnam-provinces``) as a source of
communes: every commune of a province with its code, name, type and an
ASCII slug; ``provision_communes --province`` provisions them idempotently.
The tests provision two communes of Bắc Ninh, not its 99."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from home.models import Commune, UnitKind, unit_noun
from home.official_registry import official_commune, official_commune_rows
from home.registry import RegistryError
from tests.home.test_provisioning import check_commune, counts

pytestmark = pytest.mark.django_db

BAC_NINH = 24
# Two communes of Bắc Ninh that the session's three (of the 2022 map) do not hold.
MY_THAI, TAN_DINH = "07420", "07432"


def run(*args) -> str:
    out = StringIO()
    call_command("provision_communes", *args, stdout=out)
    return out.getvalue()


def test_every_commune_of_bac_ninh_with_code_name_type_and_ascii_slug():
    rows = official_commune_rows(BAC_NINH)
    # Resolution 1658/NQ-UBTVQH15: 99 commune-level units, 66 xã and 33 phường.
    assert len(rows) == 99
    assert sum(row.kind == UnitKind.COMMUNE for row in rows) == 66
    assert sum(row.kind == UnitKind.WARD for row in rows) == 33
    assert len({row.code for row in rows}) == len({row.slug for row in rows}) == 99
    for row in rows:
        assert re.fullmatch(r"\d{5}", row.code), row
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row.slug), row
        assert row.province == "Tỉnh Bắc Ninh" and row.district == ""
        assert row.full_name.endswith(f" {row.name}")
    by_code = {row.code: row for row in rows}
    assert by_code["07375"].full_name == "Xã Lạng Giang"
    assert by_code["07375"].slug == "lang-giang"
    assert by_code["07210"].full_name == "Phường Bắc Giang"
    assert by_code["07210"].kind == UnitKind.WARD


def test_special_zones_are_a_kind_of_their_own():
    row = official_commune("31078")
    assert (row.full_name, row.name, row.kind, row.slug, row.province) == (
        "Đặc khu Phú Quốc",
        "Phú Quốc",
        UnitKind.SPECIAL_ZONE,
        "phu-quoc",
        "Tỉnh An Giang",
    )
    with translation.override("vi"):
        assert unit_noun(UnitKind.SPECIAL_ZONE) == "đặc khu"
    with translation.override("en"):
        assert unit_noun(UnitKind.SPECIAL_ZONE) == "special zone"


def test_unknown_province_or_commune_is_refused():
    with pytest.raises(RegistryError, match="unknown province"):
        official_commune_rows(23)  # Bắc Giang's code before 2025
    with pytest.raises(RegistryError, match="not communes of Bắc Ninh: 99999"):
        official_commune_rows(BAC_NINH, ["99999"])
    with pytest.raises(CommandError, match="--codes needs --province"):
        run("--codes", MY_THAI)


def test_provisions_communes_of_a_province_then_changes_nothing():
    output = run("--province", str(BAC_NINH), "--codes", f"{MY_THAI},{TAN_DINH}")
    assert output.strip().startswith("2 communes provisioned; made ")
    expected = {MY_THAI: ("Xã Mỹ Thái", "my-thai"), TAN_DINH: ("Xã Tân Dĩnh", "tan-dinh")}
    for code, (full_name, slug) in expected.items():
        commune = Commune.objects.select_related("site", "collection", "editors_group")
        commune = commune.get(code=code)
        assert (commune.full_name, commune.slug) == (full_name, slug)
        assert commune.kind == UnitKind.COMMUNE and commune.province == "Tỉnh Bắc Ninh"
        check_commune(commune)
    before = counts()
    again = run("--province", str(BAC_NINH), "--codes", f"{MY_THAI},{TAN_DINH}")
    assert again.strip() == "2 communes provisioned; nothing to change."
    assert counts() == before


def test_a_code_still_held_by_the_old_map_is_not_renamed_by_the_new_one():
    """07375 is Thị trấn Vôi of Bắc Giang until the reform is applied: the
    2025 registry's Xã Lạng Giang (same code) must not rename it in place."""
    before = counts()
    output = run("--province", str(BAC_NINH), "--codes", "07375")
    assert "skipped Xã Lạng Giang (07375, Tỉnh Bắc Ninh): that code is a" in output
    voi = Commune.objects.get(code="07375")
    assert (voi.slug, voi.full_name, voi.province) == ("voi", "Thị trấn Vôi", "Tỉnh Bắc Giang")
    assert counts()["communes"] == before["communes"]
