"""What the commands adding a commune's editor and approver share: they
differ only in the group a user joins."""

import getpass
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from home.models import Commune


class CommuneMemberCommand(BaseCommand):
    """Subclasses name the role (``role``, for messages) and the service
    that adds a user to it (``add_member``, a staticmethod)."""

    role: str
    add_member: Callable[..., tuple[object, bool]]

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--commune", required=True, help="The commune's slug, e.g. voi.")
        parser.add_argument("--password", help="Set this password (prompted for if omitted).")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input", action="store_true", help="Never prompt; a new user gets no password."
        )

    def handle(self, *args, username, commune, password, email, no_input, **options):
        target = Commune.objects.filter(slug=commune).first()
        if target is None:
            raise CommandError(f"No commune with slug {commune!r}; run provision_communes first.")
        if password is None and not no_input:
            password = self._prompt_password()
        try:
            user, created = self.add_member(
                username=username, commune=target, password=password, email=email
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        verb = "created and added" if created else "added"
        self.stdout.write(self.style.SUCCESS(f"{user}: {verb} to the {self.role}s of {target}."))

    def _prompt_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        if not first:
            raise CommandError("An empty password is not allowed.")
        return first
