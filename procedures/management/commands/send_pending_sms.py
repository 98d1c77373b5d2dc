from django.core.management.base import BaseCommand

from procedures.dossiers import send_pending


class Command(BaseCommand):
    help = (
        "Send the text messages that are due: new ones whose first send did not happen, "
        "and failed ones past their back-off (1, 2, 4 … minutes; given up after 6 attempts). "
        "Run it every few minutes from cron; a message is never sent twice, and one cut off "
        "mid-send is taken again after 10 minutes."
    )

    def handle(self, *args, **options):
        outcome = send_pending()
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(outcome.items()))
        self.stdout.write(self.style.SUCCESS(f"text messages {summary or 'none due'}"))
