"""Reading the commune registry: the file shipped with the project (the
district's 21 units of 2022, the default demo), or the official 2025 list of
provinces and communes that the ``vietnam-provinces`` library keeps."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from vietnam_provinces import Province, ProvinceCode, Ward

from .models import UnitKind

KIND_BY_LABEL = {
    "xã": UnitKind.COMMUNE,
    "thị trấn": UnitKind.TOWN,
    "phường": UnitKind.WARD,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}


class RegistryError(ValueError):
    """The registry file has rows that cannot be provisioned."""


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    kind: str
    slug: str
    full_name: str
    district: str
    province: str


def read_commune_registry(path: Path | str | None = None) -> list[CommuneRow]:
    """Parse the registry CSV, reporting every bad row at once."""
    path = Path(path or settings.COMMUNE_REGISTRY_FILE)
    rows: list[CommuneRow] = []
    errors: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, raw in enumerate(csv.DictReader(handle), start=2):
            kind = KIND_BY_LABEL.get((raw.get("type") or "").strip().lower())
            if kind is None:
                errors.append(f"row {number}: unknown type {raw.get('type')!r}")
                continue
            missing = [f for f in ("code", "name", "slug") if not (raw.get(f) or "").strip()]
            if missing:
                errors.append(f"row {number}: missing {', '.join(missing)}")
                continue
            rows.append(
                CommuneRow(
                    code=raw["code"].strip(),
                    name=raw["name"].strip(),
                    kind=kind,
                    slug=raw["slug"].strip(),
                    full_name=(raw.get("full_name") or "").strip()
                    or f"{raw['type'].strip().capitalize()} {raw['name'].strip()}",
                    district=_strip_code(raw.get("district", "")),
                    province=_strip_code(raw.get("province", "")),
                )
            )
    for field in ("code", "slug"):
        seen: set[str] = set()
        for row in rows:
            value = getattr(row, field)
            if value in seen:
                errors.append(f"duplicate {field} {value!r}")
            seen.add(value)
    if errors:
        raise RegistryError("; ".join(errors))
    return rows


def _strip_code(label: str) -> str:
    """'Huyện Lạng Giang (217)' -> 'Huyện Lạng Giang'."""
    return label.split("(")[0].strip()


def official_commune_rows(
    province_code: int | str, codes: Iterable[str] | None = None
) -> list[CommuneRow]:
    """Every commune of a province on the 2025 map, from the official
    registry (``vietnam-provinces``), or those of ``codes`` only.

    The slug is the registry's ASCII codename without its type ("xa_kep" ->
    "kep"); when two units of the province share a name (a xã and a phường),
    both keep the type in their slug, so that no run depends on the order.
    """
    try:
        province = Province.from_code(ProvinceCode(int(province_code)))
    except ValueError as error:
        raise RegistryError(f"unknown province code {province_code!r}") from error
    wards = sorted(Ward.iter_by_province(province.code), key=lambda ward: int(ward.code))
    rows = [_official_row(ward, province_name=_province_full_name(province)) for ward in wards]
    rows = _with_unique_slugs(rows, wards)
    if codes is None:
        return rows
    wanted = {code.strip().zfill(5) for code in codes}
    chosen = [row for row in rows if row.code in wanted]
    missing = wanted - {row.code for row in chosen}
    if missing:
        raise RegistryError(f"not communes of {province.name}: {', '.join(sorted(missing))}")
    return chosen


def official_commune(code: str) -> CommuneRow:
    """One commune of the 2025 map by its statistical code (the reform's target)."""
    try:
        ward = Ward.from_code(int(code))
    except ValueError as error:
        raise RegistryError(f"no commune {code!r} in the official registry") from error
    province = Province.from_code(ward.province_code)
    return _official_row(ward, province_name=_province_full_name(province))


def _official_row(ward: Ward, *, province_name: str) -> CommuneRow:
    label = ward.division_type.value
    prefix = f"{label} "
    if not ward.name.lower().startswith(prefix):
        raise RegistryError(f"{ward.name!r} does not start with its type {label!r}")
    return CommuneRow(
        code=f"{int(ward.code):05d}",
        name=ward.name[len(prefix) :],
        kind=KIND_BY_LABEL[label],
        slug=_codename_slug(ward.codename, with_type=False),
        full_name=ward.name,
        district="",
        province=province_name,
    )


def _codename_slug(codename: str, *, with_type: bool) -> str:
    """'xa_tan_dinh' -> 'tan-dinh' ('xa-tan-dinh' with its type)."""
    slug = codename
    if not with_type:
        for prefix in ("dac_khu_", "phuong_", "xa_"):
            if slug.startswith(prefix):
                slug = slug[len(prefix) :]
                break
    return slug.replace("_", "-")


def _with_unique_slugs(rows: list[CommuneRow], wards: list[Ward]) -> list[CommuneRow]:
    seen: dict[str, int] = {}
    for row in rows:
        seen[row.slug] = seen.get(row.slug, 0) + 1
    return [
        row
        if seen[row.slug] == 1
        else CommuneRow(**{**row.__dict__, "slug": _codename_slug(ward.codename, with_type=True)})
        for row, ward in zip(rows, wards, strict=True)
    ]


def _province_full_name(province: Province) -> str:
    """'Bắc Ninh' -> 'Tỉnh Bắc Ninh'; the cities already carry their type."""
    if province.name.lower().startswith("thành phố"):
        return province.name
    return f"{province.division_type.value.capitalize()} {province.name}"
