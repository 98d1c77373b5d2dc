from django.core.management.base import BaseCommand

from contact.notices import send_pending_notices


class Command(BaseCommand):
    help = (
        "Send the mail and text messages about citizens' feedback that are due: new ones "
        "whose first send did not happen (mail server or SMS gateway down), failed ones past "
        "their back-off (1, 2, 4 … minutes; given up after 6 attempts), and sends cut off "
        "mid-way. Run it every few minutes from cron; a notice is never sent twice."
    )

    def handle(self, *args, **options):
        outcome = send_pending_notices()
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(outcome.items()))
        self.stdout.write(self.style.SUCCESS(f"feedback notices {summary or 'none due'}"))
