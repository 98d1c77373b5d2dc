from django.core.management.base import BaseCommand

from district.reminders import send_step_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders of the plan's steps due today (run daily; "
        "PROGRAMME_STEP_REMINDER_DAYS days before a deadline, and once it has passed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="as if today were this day (YYYY-MM-DD)")

    def handle(self, *args, date=None, **options):
        result = send_step_reminders.enqueue(date)
        self.stdout.write(self.style.SUCCESS(f"step reminders queued ({result.id})"))
