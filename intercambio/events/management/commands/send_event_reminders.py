from django.core.management.base import BaseCommand

from intercambio.events.domain import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the confirmed participants of each event its chosen number of days before it "
        "starts, each in their language. Run it hourly or daily (cron or a systemd timer); "
        "each person is reminded once."
    )

    def handle(self, *args, **options) -> None:
        count = send_reminders()
        self.stdout.write(f"Reminders sent to {count} participant(s).")
