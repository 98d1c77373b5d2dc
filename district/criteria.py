"""Loading the plan's criteria shipped in ``district/data/criteria.json``.

Criteria are data: the file is the source, and loading it again changes
only what differs (by code), so provisioning can run it every time.
"""

import json
from pathlib import Path

from django.db import transaction

from home.services import ProvisionReport, assign_changed

from .models import Criterion, CriterionSection

CRITERIA_FILE = Path(__file__).resolve().parent / "data" / "criteria.json"


def load_criteria(path: Path | str | None = None, *, report: ProvisionReport) -> ProvisionReport:
    data = json.loads(Path(path or CRITERIA_FILE).read_text(encoding="utf-8"))
    with transaction.atomic():
        for section_data in data["sections"]:
            section = _sync_section(section_data, report)
            for order, row in enumerate(section_data["criteria"]):
                _sync_criterion(section, row, order, report)
    return report


def _sync_section(data: dict, report: ProvisionReport) -> CriterionSection:
    section = CriterionSection.objects.filter(number=data["number"]).first()
    wanted = {"title": data["title"], "plan_reference": data.get("plan_reference", "")}
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
        "requirement": row["requirement"],
        "means": row.get("means", ""),
        "sort_order": order,
    }
    criterion = Criterion.objects.filter(code=row["code"]).first()
    if criterion is None:
        Criterion.objects.create(code=row["code"], **wanted)
        report.record(f"criterion {row['code']}: created")
    elif assign_changed(criterion, wanted):
        criterion.save()
        report.record(f"criterion {row['code']}: updated")
