"""The official 2025 registry of provinces and communes, kept by the
``vietnam-provinces`` library, as a source of commune rows
(``provision_communes --province``, the reform's target units).

A module of its own: the library builds an enum of 3,321 codes on import
(about 0.2 s), which no web worker should pay for; only the commands that
read the registry import this module.
"""

from collections.abc import Iterable

from vietnam_provinces import Province, ProvinceCode, Ward

from .registry import KIND_BY_LABEL, CommuneRow, RegistryError


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
