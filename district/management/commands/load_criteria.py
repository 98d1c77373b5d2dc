from django.core.management.base import BaseCommand

from district.criteria import CRITERIA_FILE, load_criteria
from home.services import ProvisionReport


class Command(BaseCommand):
    help = (
        "Load the plan's criteria (district/data/criteria.json) by code; idempotent. "
        "provision_communes runs it too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(CRITERIA_FILE))

    def handle(self, *args, file, **options):
        report = load_criteria(file, report=ProvisionReport())
        for change in report.changes:
            self.stdout.write(f"  {change}")
        self.stdout.write(self.style.SUCCESS(f"criteria: {len(report.changes)} change(s)"))
