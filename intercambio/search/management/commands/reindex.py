"""`intercambio reindex`: rebuild the search index from the records, with a progress bar."""

import sys
import time

from django.core.management.base import BaseCommand

from intercambio.search.index import rebuild
from intercambio.search.models import Entry


class Command(BaseCommand):
    help = "Rebuild the search index from every public record."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Only when the index is empty (e.g. after upgrading to a release with search).",
        )  # fmt: skip

    def handle(self, *args, **options) -> None:
        if options["if_empty"] and Entry.objects.exists():
            self.stdout.write("The search index is not empty; skipped.")
            return
        started = time.monotonic()
        interactive = sys.stderr.isatty()

        def progress(kind: str, done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            line = f"{kind:<13} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            if interactive:
                self.stderr.write("\r" + line, ending="" if done < total else "\n")
            elif done == total:
                self.stderr.write(line)

        entries = rebuild(progress=progress)
        seconds = time.monotonic() - started
        self.stdout.write(f"Indexed {entries} entries in {seconds:.1f} s.")
