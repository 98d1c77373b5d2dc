from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from district.provisioning import provision_communes
from home.registry import RegistryError, read_commune_registry


class Command(BaseCommand):
    help = (
        "Create or update the district portal, its admins' group and, for every commune of the "
        "registry, its site, home page, sections, settings, collection and editors' group; "
        "then load the programme's criteria. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--registry",
            default=str(settings.COMMUNE_REGISTRY_FILE),
            help="Commune registry CSV (default: the file shipped with the project).",
        )
        parser.add_argument(
            "--base-domain",
            default=settings.BASE_DOMAIN,
            help="Communes are served at <slug>.<base-domain> (default: BASE_DOMAIN).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the changes without saving them."
        )

    def handle(self, *args, registry, base_domain, dry_run, **options):
        try:
            rows = read_commune_registry(registry)
        except (OSError, RegistryError) as error:
            raise CommandError(str(error)) from error
        report = provision_communes(rows=rows, base_domain=base_domain, dry_run=dry_run)
        if options["verbosity"] > 1:
            for change in report.changes:
                self.stdout.write(f"  {change}")
        prefix = "[dry run] would make" if dry_run else "made"
        if report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(rows)} communes provisioned; {prefix} {len(report.changes)} changes."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{len(rows)} communes provisioned; nothing to change.")
            )
