"""`intercambio demo`: load the demo networks, organizations, contacts, accounts, practices,
library, events, consultations and work plans."""

from django.core.management.base import BaseCommand

from intercambio.consultations.demo import load_demo_consultations
from intercambio.events.demo import load_demo_events
from intercambio.library.demo import load_demo_library
from intercambio.network.demo import demo_accounts_lines, is_demo_loaded, load_demo
from intercambio.practices.demo import load_demo_practices
from intercambio.search.signals import indexing_deferred
from intercambio.taxonomy.domain import load_taxonomy
from intercambio.workplans.demo import load_demo_workplans


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again changes nothing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Do nothing if the demo data is already loaded."
        )
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Only print the demo accounts (role: e-mail), without loading anything.",
        )

    def handle(self, *args, **options) -> None:
        if options["accounts"]:
            for line in demo_accounts_lines():
                self.stdout.write(line)
            return
        if options["once"] and is_demo_loaded():
            self.stdout.write("Demo data already loaded; skipped.")
            return
        with indexing_deferred():
            self._load()

    def _load(self) -> None:
        load_demo(stdout=self.stdout)
        # Normally loaded by a migration; a test database flushed between tests has lost it.
        load_taxonomy()
        tally = load_demo_practices()
        self.stdout.write(
            f"Demo practices: {tally['practices']} ({tally['created']} created, "
            f"{tally['updated']} updated)."
        )
        tally = load_demo_library()
        self.stdout.write(
            f"Demo library: {tally['resources']} documents ({tally['created']} created), "
            f"{tally['files']} files."
        )
        # After the library: events link its documents.
        tally = load_demo_events()
        self.stdout.write(f"Demo events: {tally['events']} ({tally['created']} created).")
        # After the events: a consultation is attached to its event.
        tally = load_demo_consultations()
        self.stdout.write(
            f"Demo consultations: {tally['consultations']} ({tally['created']} created)."
        )
        # After the events and the library: activities link events, plans their document.
        tally = load_demo_workplans()
        self.stdout.write(
            f"Demo work plans: {tally['plans']} ({tally['created']} created, "
            f"{tally['activities']} activities)."
        )
