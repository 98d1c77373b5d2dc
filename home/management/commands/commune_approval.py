from django.core.management.base import BaseCommand, CommandError

from home.grants import ProvisionReport
from home.models import Commune
from home.moderation import set_commune_approval


class Command(BaseCommand):
    help = (
        "Show, or switch on or off, the approval of a commune's news, announcements, "
        "greetings and published answers by its approvers (on by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("communes", nargs="*", help="Slugs, e.g. voi; none: every commune.")
        switch = parser.add_mutually_exclusive_group()
        switch.add_argument("--on", action="store_true", help="Editors submit, approvers publish.")
        switch.add_argument("--off", action="store_true", help="Editors publish directly.")

    def handle(self, *args, communes, on, off, **options):
        targets = Commune.objects.filter(merged_into__isnull=True, site__isnull=False)
        if communes:
            targets = targets.filter(slug__in=communes)
            missing = set(communes) - set(targets.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No provisioned commune with slug {sorted(missing)}.")
        for commune in targets.select_related("site", "editors_group", "collection"):
            if on or off:
                report = ProvisionReport()
                set_commune_approval(commune, on, report)
                for change in report.changes:
                    self.stdout.write(f"  {change}")
            state = "on" if commune.approval_required else "off"
            self.stdout.write(f"{commune.slug}: approval {state}")
