from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procedures.services import ProcedureFileError, import_procedures, read_procedure_file


class Command(BaseCommand):
    help = (
        "Upsert district procedures by national code from a JSON or CSV file "
        "(lists joined with ' | ' in CSV). Every row is validated first; on any "
        "bad row nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Report without saving.")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            rows = read_procedure_file(path.read_bytes(), path.name)
        except (OSError, ProcedureFileError) as error:
            raise CommandError(str(error)) from error
        report = import_procedures(rows=rows, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(str(error))
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not report.ok:
            raise CommandError(report.summary())
        if options["verbosity"] > 1:
            for label, codes in (("created", report.created), ("updated", report.updated)):
                for code in codes:
                    self.stdout.write(f"  {label}: {code}")
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(report.summary()))
