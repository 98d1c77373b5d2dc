"""Importing the district catalogue: validate every row, then change all or nothing."""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import LegalBasis, Procedure, ProcedureField, RequiredDocument

REQUIRED_COLUMNS = ("code", "name", "field")
TEXT_COLUMNS = {
    "processing_time": "processing_time",
    "fee": "fee",
    "steps": "steps",
    "applicants": "applicants",
    "conditions": "conditions",
    "result": "result",
    "implementing_agency": "implementing_agency",
    "keywords": "keywords",
    "processing_note": "processing_note",
}
OTHER_COLUMNS = {
    *REQUIRED_COLUMNS,
    "documents",
    "legal_basis",
    "source",
    "online_service_url",
    "last_reviewed",
}
KNOWN_COLUMNS = OTHER_COLUMNS | set(TEXT_COLUMNS)
CODE_PATTERN = re.compile(r"^\d+\.\d+$")
URL_PATTERN = re.compile(r"https?://[^\s|]+")
DECISION_PATTERN = re.compile(r"Quyết định công bố:\s*([^|]+)")
LEVEL_PATTERN = re.compile(r"Cấp thực hiện[^:]*:\s*([^|]+)")
LEGAL_BASIS_PATTERN = re.compile(r"^\s*(?P<number>[^(]+?)\s*(?:\((?P<summary>.*)\))?\s*$")


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: str

    def __str__(self):
        return _("row %(row)s, %(field)s: %(reason)s") % {
            "row": self.row,
            "field": self.field,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return _("%(count)s bad rows; nothing was changed.") % {"count": len(self.errors)}
        text = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }
        return _("Dry run: ") + text if self.dry_run else text


class ProcedureFileError(ValueError):
    """The file is not JSON or CSV in the expected shape."""


def read_procedure_file(content: bytes, filename: str) -> list[tuple[int, object]]:
    """Rows of a JSON or CSV upload, each with the number a person would look for."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProcedureFileError(_("The file is not UTF-8 text.")) from error
    if Path(filename).suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ProcedureFileError(_("Invalid JSON: %(error)s") % {"error": error}) from error
        if not isinstance(data, list):
            raise ProcedureFileError(_("The JSON file must hold a list of procedures."))
        return list(enumerate(data, start=1))
    if Path(filename).suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ProcedureFileError(
                _("Missing CSV columns: %(columns)s") % {"columns": ", ".join(missing)}
            )
        rows = []
        for number, raw in enumerate(reader, start=2):
            row = dict(raw)
            for column in ("documents", "legal_basis"):
                value = (row.get(column) or "").strip()
                row[column] = [item.strip() for item in value.split("|") if item.strip()]
            rows.append((number, row))
        return rows
    raise ProcedureFileError(_("Upload a .json or .csv file."))


def validate_row(number: int, row: object, seen_codes: set[str]) -> list[RowError]:
    if not isinstance(row, dict):
        return [RowError(number, "-", _("not an object"))]
    errors = []
    for column in REQUIRED_COLUMNS:
        if not str(row.get(column) or "").strip():
            errors.append(RowError(number, column, _("is required")))
    code = str(row.get("code") or "").strip()
    if code and not CODE_PATTERN.match(code):
        errors.append(
            RowError(number, "code", _("“%(code)s” is not digits, a dot, digits") % {"code": code})
        )
    elif code in seen_codes:
        errors.append(RowError(number, "code", _("“%(code)s” appears twice") % {"code": code}))
    seen_codes.add(code)
    if len(str(row.get("name") or "")) > 400:
        errors.append(RowError(number, "name", _("longer than 400 characters")))
    for column in ("documents", "legal_basis"):
        value = row.get(column, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.append(RowError(number, column, _("must be a list of texts")))
    for column in ("online_service_url",):
        if row.get(column):
            try:
                URLValidator()(row[column])
            except ValidationError:
                errors.append(RowError(number, column, _("is not a valid link")))
    if row.get("last_reviewed"):
        try:
            date.fromisoformat(str(row["last_reviewed"]))
        except ValueError:
            errors.append(RowError(number, "last_reviewed", _("is not a date (YYYY-MM-DD)")))
    return errors


def desired_values(row: dict) -> dict:
    source = str(row.get("source") or "")
    url = URL_PATTERN.search(source)
    decision = DECISION_PATTERN.search(source)
    level = LEVEL_PATTERN.search(source)
    values = {
        "name": str(row["name"]).strip(),
        "source_url": url.group(0) if url else "",
        "decision": decision.group(1).strip() if decision else "",
        "level": level.group(1).strip() if level else "",
    }
    values["applies_to_communes"] = not values["level"] or "xã" in values["level"].lower()
    for column, attribute in TEXT_COLUMNS.items():
        if column in row:
            values[attribute] = str(row[column] or "").strip()
    if row.get("online_service_url"):
        values["online_service_url"] = row["online_service_url"]
    if row.get("last_reviewed"):
        values["last_reviewed"] = date.fromisoformat(str(row["last_reviewed"]))
    return values


def parse_legal_basis(text: str) -> tuple[str, str]:
    match = LEGAL_BASIS_PATTERN.match(text)
    if not match:
        return text.strip()[:100], ""
    return match.group("number").strip()[:100], (match.group("summary") or "").strip()


def field_for(name: str) -> ProcedureField:
    name = name.strip()
    found = ProcedureField.objects.filter(name=name).first()
    if found:
        return found
    return ProcedureField.objects.create(name=name, slug=slugify(anyascii(name))[:160])


def upsert_procedure(row: dict, report: ImportReport) -> None:
    code = str(row["code"]).strip()
    values = desired_values(row)
    field_name = str(row["field"]).strip()
    documents = [d.strip() for d in row.get("documents", []) if d.strip()]
    legal = [parse_legal_basis(item) for item in row.get("legal_basis", []) if item.strip()]

    procedure = Procedure.objects.district().filter(code=code).select_related("field").first()
    if procedure is None:
        procedure = Procedure(code=code, field=field_for(field_name), **values)
        report.created.append(code)
    else:
        current_documents = [d.name for d in procedure.documents.all()]
        current_legal = [(b.number, b.summary) for b in procedure.legal_bases.all()]
        same = (
            procedure.field.name == field_name
            and all(getattr(procedure, k) == v for k, v in values.items())
            and current_documents == documents
            and current_legal == legal
        )
        if same:
            report.unchanged.append(code)
            return
        procedure.field = field_for(field_name)
        for key, value in values.items():
            setattr(procedure, key, value)
        report.updated.append(code)
    # Rows without a form template or counts are replaced wholesale; templates
    # attached by district admins are kept by matching document names.
    templates = {d.name: d for d in procedure.documents.all()} if procedure.pk else {}
    procedure.documents = [
        RequiredDocument(
            name=name,
            template=templates[name].template if name in templates else None,
            originals=templates[name].originals if name in templates else None,
            copies=templates[name].copies if name in templates else None,
        )
        for name in documents
    ]
    procedure.legal_bases = [
        LegalBasis(number=number, summary=summary) for number, summary in legal
    ]
    procedure.save()


def import_procedures(*, rows: list[tuple[int, object]], dry_run: bool = False) -> ImportReport:
    """Validate every row; if all are good, upsert them by national code."""
    report = ImportReport(dry_run=dry_run)
    seen: set[str] = set()
    for number, row in rows:
        report.errors.extend(validate_row(number, row, seen))
    if report.errors:
        return report
    unknown = sorted({key for _number, row in rows for key in row} - KNOWN_COLUMNS)
    if unknown:
        report.warnings.append(
            _("Ignored unknown fields: %(fields)s") % {"fields": ", ".join(unknown)}
        )
    with transaction.atomic():
        for _number, row in rows:
            upsert_procedure(row, report)
        if dry_run:
            transaction.set_rollback(True)
    return report
