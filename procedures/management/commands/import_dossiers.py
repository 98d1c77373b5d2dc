from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.models import Commune
from procedures.dossiers import import_dossiers, read_dossier_csv


class Command(BaseCommand):
    help = (
        "Import a commune's dossiers from the CSV exported by the one-stop software; "
        "updates by receipt code, checks every row first (one bad row: nothing changes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commune", required=True, metavar="SLUG")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, file, commune, dry_run, **options):
        target = Commune.objects.filter(slug=commune, site__isnull=False).first()
        if target is None:
            raise CommandError(f"unknown commune {commune}")
        try:
            rows = read_dossier_csv(Path(file).read_bytes())
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        report = import_dossiers(commune=target, rows=rows, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(f"  {error}")
        if report.errors:
            raise CommandError(report.summary)
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report.summary}"))
