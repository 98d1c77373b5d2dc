from django.core.management.base import BaseCommand

from district.criteria import CRITERIA_FILE, STEPS_FILE, load_criteria, load_steps
from home.services import ProvisionReport


class Command(BaseCommand):
    help = (
        "Load the plan's criteria (district/data/criteria.json) by code and its steps "
        "(district/data/steps.json) by number; idempotent. provision_communes runs it too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(CRITERIA_FILE))
        parser.add_argument("--steps-file", default=str(STEPS_FILE))

    def handle(self, *args, file, steps_file, **options):
        report = load_criteria(file, report=ProvisionReport())
        load_steps(steps_file, report=report)
        for change in report.changes:
            self.stdout.write(f"  {change}")
        summary = f"criteria and steps: {len(report.changes)} change(s)"
        self.stdout.write(self.style.SUCCESS(summary))
