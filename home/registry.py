"""Reading the commune registry file shipped with the project (the district's
21 units of 2022, the default demo). The official 2025 list of provinces and
communes is ``home.official_registry``."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

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
