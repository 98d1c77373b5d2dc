from django.core.management.base import BaseCommand, CommandError

from district.merge import MergeError, merge_communes


class Command(BaseCommand):
    help = (
        "Merge communes into one: their pages, rows (people, feedback, ratings, letters, "
        "dossiers, procedure notes …), images, documents and editors move to the new commune's "
        "site (created if needed), every old URL becomes a permanent redirect, the old sites "
        "are archived. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="OLD_SLUG")
        parser.add_argument("--into", required=True, metavar="NEW_SLUG")
        parser.add_argument("--name", default="", help="Name of the new commune, if created.")
        parser.add_argument("--code", default="", help="Statistical code, if created.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the plan without changing anything."
        )

    def handle(self, *args, sources, into, name, code, dry_run, **options):
        try:
            report = merge_communes(
                sources=sources, target=into, name=name, code=code, dry_run=dry_run
            )
        except MergeError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(f"  {line}")
        verb = "would merge" if dry_run else "merged"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(sources)} commune(s) into {report.target}")
        )
