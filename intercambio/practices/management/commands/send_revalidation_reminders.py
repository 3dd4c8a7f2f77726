from django.core.management.base import BaseCommand

from intercambio.practices.domain import send_revalidation_reminders


class Command(BaseCommand):
    help = (
        "Ask the editors of each published practice due for its yearly check whether it still "
        "runs. Run it once a day (cron or a systemd timer); each practice is asked once."
    )

    def handle(self, *args, **options) -> None:
        count = send_revalidation_reminders()
        self.stdout.write(f"Reminders sent for {count} practice(s).")
