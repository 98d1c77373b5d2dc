from django.core.management.base import BaseCommand

from home.models import Commune


class Command(BaseCommand):
    help = "List every commune with its site address (for a given public port)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=80, help="Port the sites are served on.")
        parser.add_argument("--scheme", default="http", choices=["http", "https"])

    def handle(self, *args, port, scheme, **options):
        default_port = 443 if scheme == "https" else 80
        suffix = "" if port == default_port else f":{port}"
        communes = Commune.objects.filter(site__isnull=False).select_related("site")
        for commune in communes:
            url = f"{scheme}://{commune.site.hostname}{suffix}/"
            self.stdout.write(f"{commune.code}  {url:45}  {commune.full_name}")
        self.stdout.write(f"{communes.count()} communes.")
