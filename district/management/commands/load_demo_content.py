from django.core.management.base import BaseCommand
from django.db import transaction

from district.demo import load_demo_content


class Command(BaseCommand):
    help = (
        "Fill every provisioned commune with Vietnamese demo content marked as examples. "
        "Only empty fields are filled, so it is safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            report = load_demo_content()
        if options["verbosity"] > 1:
            for change in report.changes:
                self.stdout.write(f"  {change}")
        summary = f"{len(report.changes)} changes" if report.changed else "nothing to change"
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded; {summary}."))
