from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from district.provisioning import provision_communes, rows_of_another_province
from home.official_registry import official_commune_rows
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
            "--province",
            metavar="CODE",
            help="Take the communes of this province (2025 code, e.g. 24 for Bắc Ninh) from "
            "the official registry (vietnam-provinces) instead of the registry file.",
        )
        parser.add_argument(
            "--codes",
            metavar="CODE,CODE",
            help="With --province: only these communes (statistical codes, comma-separated).",
        )
        parser.add_argument(
            "--base-domain",
            default=settings.BASE_DOMAIN,
            help="Communes are served at <slug>.<base-domain> (default: BASE_DOMAIN).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the changes without saving them."
        )

    def handle(self, *args, registry, province, codes, base_domain, dry_run, **options):
        if codes and not province:
            raise CommandError("--codes needs --province")
        try:
            if province:
                wanted = codes.split(",") if codes else None
                rows = official_commune_rows(province, wanted)
            else:
                rows = read_commune_registry(registry)
        except (OSError, RegistryError) as error:
            raise CommandError(str(error)) from error
        for row in rows_of_another_province(rows):
            self.stdout.write(
                self.style.WARNING(
                    f"  skipped {row.full_name} ({row.code}, {row.province}): that code is a "
                    "commune of another province; a registry never moves a commune between "
                    "provinces (apply_reform does)"
                )
            )
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
