"""A fingerprint of the whole site: every table's rows and every file of the
media folders, hashed; or, with ``--compare``, the comparison with one taken
earlier. The backup and restore drill (``bench/backup_restore.sh``) takes
one before the backup and compares the restored site with it."""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def table_fingerprints() -> dict[str, dict]:
    """Rows and a digest per model (every concrete model, Django's and
    Wagtail's included), read in primary-key order."""
    tables = {}
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label_lower):
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [field.attname for field in model._meta.concrete_fields]
        digest = hashlib.sha256()
        rows = 0
        for row in model._base_manager.order_by("pk").values_list(*fields).iterator():
            digest.update(json.dumps(row, default=str, ensure_ascii=False).encode())
            rows += 1
        tables[model._meta.label_lower] = {"rows": rows, "digest": digest.hexdigest()}
    return tables


def file_fingerprints(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``root``."""
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fingerprint() -> dict:
    return {
        "tables": table_fingerprints(),
        "media files": file_fingerprints(Path(settings.MEDIA_ROOT)),
        "private media files": file_fingerprints(Path(settings.PRIVATE_MEDIA_ROOT)),
    }


def compare_fingerprints(before: dict, after: dict) -> list[tuple[str, str, str, bool]]:
    """(what, before, after, same) for every table and both file folders."""
    lines = []
    names = sorted(set(before["tables"]) | set(after["tables"]))
    for name in names:
        old, new = before["tables"].get(name), after["tables"].get(name)
        lines.append(
            (
                name,
                str(old["rows"]) if old else "-",
                str(new["rows"]) if new else "-",
                old == new,
            )
        )
    for folder in ("media files", "private media files"):
        old, new = before[folder], after[folder]
        lines.append((folder, str(len(old)), str(len(new)), old == new))
    return lines


class Command(BaseCommand):
    help = (
        "Fingerprint the site (every table's rows, every media file by checksum) into a JSON "
        "file, or compare the site with a fingerprint taken earlier (after a restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Write the fingerprint to this JSON file.")
        parser.add_argument("--compare", help="Compare the site with this fingerprint file.")

    def handle(self, *args, output, compare: str | None = None, **options):
        current = fingerprint()
        if output:
            Path(output).write_text(json.dumps(current, indent=1), encoding="utf-8")
            total = sum(table["rows"] for table in current["tables"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(current['tables'])} tables ({total} rows), "
                    f"{len(current['media files'])} media files, "
                    f"{len(current['private media files'])} private media files"
                )
            )
        if compare:
            before = json.loads(Path(compare).read_text(encoding="utf-8"))
            lines = compare_fingerprints(before, current)
            width = max(len(line[0]) for line in lines)
            self.stdout.write(f"{'what':<{width}}  {'before':>8}  {'after':>8}")
            for name, old, new, same in lines:
                verdict = "same" if same else "DIFFERENT"
                self.stdout.write(f"{name:<{width}}  {old:>8}  {new:>8}  {verdict}")
            different = [line[0] for line in lines if not line[3]]
            if different:
                raise CommandError(f"restored site differs: {', '.join(different)}")
            tables = sum(1 for line in lines if not line[0].endswith("files"))
            self.stdout.write(self.style.SUCCESS(f"identical: {tables} tables and both folders"))
