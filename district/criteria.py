"""Loading the plan's criteria (``district/data/criteria.json``) and steps
(``district/data/steps.json``).

Both are data: the files are the source, and loading them again changes
only what differs (by code, by number), so provisioning runs them every
time. A criterion no longer in the file is removed with its progress, except
in a group the district fills in itself (the "Công an thân thiện" criteria,
V.3), whose rows the file does not list. Nothing counts the criteria but
the database: "x/N" reads N from what is loaded.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from home.services import ProvisionReport, assign_changed

from .models import Criterion, CriterionSection, Step

DATA = Path(__file__).resolve().parent / "data"
CRITERIA_FILE = DATA / "criteria.json"
STEPS_FILE = DATA / "steps.json"
PLAN_FILE = DATA / "ke-hoach-chinh-quyen-than-thien-lang-giang-2022.txt"


def load_criteria(path: Path | str | None = None, *, report: ProvisionReport) -> ProvisionReport:
    data = json.loads(Path(path or CRITERIA_FILE).read_text(encoding="utf-8"))
    with transaction.atomic():
        kept = set()
        for section_data in data["sections"]:
            section = _sync_section(section_data, report)
            for order, row in enumerate(section_data["criteria"]):
                _sync_criterion(section, row, order, report)
                kept.add(row["code"])
        _remove_criteria_not_in_file(kept, report)
        _remove_sections_not_in_file({s["number"] for s in data["sections"]}, report)
    return report


def _sync_section(data: dict, report: ProvisionReport) -> CriterionSection:
    section = CriterionSection.objects.filter(number=data["number"]).first()
    wanted = {
        "title": data["title"],
        "plan_reference": data.get("plan_reference", ""),
        "part": data.get("part", ""),
        "filled_by_district": data.get("filled_by_district", False),
        "agency": data.get("agency", ""),
        "agency_basis": data.get("agency_basis", ""),
        "note": data.get("note", ""),
    }
    if section is None:
        section = CriterionSection.objects.create(number=data["number"], **wanted)
        report.record(f"criteria section {section.number}: created")
    elif assign_changed(section, wanted):
        section.save()
        report.record(f"criteria section {section.number}: updated")
    return section


def _sync_criterion(section: CriterionSection, row: dict, order: int, report) -> None:
    wanted = {
        "section": section,
        "heading": row.get("heading", ""),
        "requirement": row["requirement"],
        "means": row.get("means", ""),
        "agency": row.get("agency", section.agency),
        "agency_basis": row.get("agency_basis", section.agency_basis),
        "sort_order": order,
    }
    criterion = Criterion.objects.filter(code=row["code"]).first()
    if criterion is None:
        Criterion.objects.create(code=row["code"], **wanted)
        report.record(f"criterion {row['code']}: created")
    elif assign_changed(criterion, wanted):
        criterion.save()
        report.record(f"criterion {row['code']}: updated")


def _remove_criteria_not_in_file(kept: set[str], report) -> None:
    gone = Criterion.objects.exclude(code__in=kept).exclude(section__filled_by_district=True)
    for code in gone.values_list("code", flat=True):
        report.record(f"criterion {code}: removed (not in the plan's file)")
    gone.delete()


def _remove_sections_not_in_file(kept: set[int], report) -> None:
    gone = CriterionSection.objects.exclude(number__in=kept).filter(criteria__isnull=True)
    for number in gone.values_list("number", flat=True):
        report.record(f"criteria section {number}: removed")
    gone.delete()


def load_steps(path: Path | str | None = None, *, report: ProvisionReport) -> ProvisionReport:
    """The twelve steps of section IV, by number."""
    data = json.loads(Path(path or STEPS_FILE).read_text(encoding="utf-8"))
    with transaction.atomic():
        for row in data["steps"]:
            wanted = {
                "content": row["content"],
                "deadline_text": row["deadline_text"],
                "deadline": date.fromisoformat(row["deadline"]),
                "unit": row["unit"],
                "level": row["level"],
                "commune_duty": row.get("commune_duty", ""),
            }
            step = Step.objects.filter(number=row["number"]).first()
            if step is None:
                Step.objects.create(number=row["number"], **wanted)
                report.record(f"step {row['number']}: created")
            elif assign_changed(step, wanted):
                step.save()
                report.record(f"step {row['number']}: updated")
    return report
