"""The 2025 reform, applied: the communes of the old map (those with a
district) are grouped by the 2025 commune each became, and each group is
merged into it (``district.merge``), which takes the 2025 unit's name, code,
type, slug and province.

Where each old unit went is the official old-to-new mapping that
``vietnamadminunits`` keeps (it converts an old address to its 2025 unit,
following the mergers of January 2025 on the way: Mỹ Hà had joined Tiên
Lục, Yên Mỹ Hương Lạc); the 2025 unit itself is read from the official
registry (``home.registry.official_commune``), and the two libraries must
agree on its name. All groups in one transaction: any error and nothing has
changed; ``dry_run`` runs every merge and rolls back, so the plan printed is
the one that would be applied.
"""

from dataclasses import dataclass, field

from django.db import transaction
from vietnamadminunits import convert_address

from home.models import Commune
from home.official_registry import official_commune
from home.registry import CommuneRow, RegistryError

from .merge import MergeReport, merge_communes


class ReformError(ValueError):
    """The reform cannot be applied as the mapping says; nothing was changed."""


@dataclass
class Member:
    slug: str
    code: str
    full_name: str
    # The unit it had already been merged into in January 2025, if any.
    via: str = ""


@dataclass
class Group:
    unit: CommuneRow
    members: list[Member] = field(default_factory=list)
    report: MergeReport | None = None

    @property
    def keeper(self) -> Member | None:
        """The old unit whose code the 2025 commune keeps."""
        return next((m for m in self.members if m.code == self.unit.code), None)

    def lines(self) -> list[str]:
        unit = self.unit
        lines = [f"{unit.full_name} ({unit.code}, {unit.province}) → {unit.slug}"]
        for member in self.members:
            notes = []
            if member.code == unit.code:
                notes.append("keeps its code")
            if member.via:
                notes.append(f"in {member.via} since January 2025")
            suffix = f" [{'; '.join(notes)}]" if notes else ""
            lines.append(f"  ← {member.full_name} ({member.code}, {member.slug}){suffix}")
        if self.report is not None:
            # What moved, without the kinds of rows the group had none of.
            moved = self.report.lines()[1:]
            lines += [f"    {line}" for line in moved if not line.endswith(": 0")]
        return lines


def old_map_communes() -> list[Commune]:
    """Live communes of the map before 1 July 2025: the ones with a district."""
    return list(
        Commune.objects.filter(site__isnull=False, merged_into__isnull=True)
        .exclude(district="")
        .order_by("code")
    )


def where_it_went(commune: Commune) -> tuple[CommuneRow, str]:
    """The 2025 unit of an old commune, and the unit it had been merged into
    in January 2025 ("" if none)."""
    address = ", ".join(p for p in (commune.full_name, commune.district, commune.province) if p)
    unit = convert_address(address)
    old = unit.OldAdminUnit
    if not (unit.ward_code and old.ward_code):
        raise ReformError(f"no 2025 commune for {commune.full_name} ({address})")
    try:
        row = official_commune(unit.ward_code)
    except RegistryError as error:
        raise ReformError(str(error)) from error
    if row.full_name != unit.ward:
        raise ReformError(
            f"{commune.full_name}: the mapping says {unit.ward} ({unit.ward_code}), "
            f"the registry {row.full_name}"
        )
    via = old.ward if old.ward_code != commune.code else ""
    return row, via


def plan_reform(communes: list[Commune] | None = None) -> list[Group]:
    groups: dict[str, Group] = {}
    for commune in old_map_communes() if communes is None else communes:
        row, via = where_it_went(commune)
        group = groups.setdefault(row.code, Group(unit=row))
        group.members.append(Member(commune.slug, commune.code, commune.full_name, via))
    return [groups[code] for code in sorted(groups)]


def apply_reform(*, dry_run: bool = False) -> list[Group]:
    """Merge every group of the plan into its 2025 commune, all or nothing."""
    with transaction.atomic():
        groups = plan_reform()
        for group in groups:
            group.report = merge_communes(
                sources=[member.slug for member in group.members],
                target=group.unit.slug,
                identity=group.unit,
            )
        if dry_run:
            transaction.set_rollback(True)
    return groups


__all__ = ["Group", "ReformError", "apply_reform", "plan_reform"]
