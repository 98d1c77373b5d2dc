from django.core.management.base import BaseCommand, CommandError

from district.merge import MergeError
from district.reform import ReformError, apply_reform


class Command(BaseCommand):
    help = (
        "Apply the 2025 reform to the communes of the old map: each group of old units "
        "merges into its 2025 commune (official old-to-new mapping, vietnamadminunits), "
        "which takes the new name, code, type, slug and province; every old address answers "
        "301. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the plan without changing anything."
        )

    def handle(self, *args, dry_run, **options):
        try:
            groups = apply_reform(dry_run=dry_run)
        except (MergeError, ReformError) as error:
            raise CommandError(str(error)) from error
        for group in groups:
            for line in group.lines():
                self.stdout.write(line)
        merged = sum(len(group.members) for group in groups)
        verb = "[dry run] would merge" if dry_run else "merged"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {merged} commune(s) into {len(groups)} of the 2025 map")
        )
