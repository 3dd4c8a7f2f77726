"""The server side of tests/events/test_concurrency.py, run in subprocesses against a database
of the test's own (DATABASE_URL in the environment, the schema made by `intercambio migrate`).

    python -m tests.events.race_server --members 50 --taken 10 --free 5 SLUG…
        The events, each with `taken` seats confirmed and `free` seats left; the member
        accounts, each signed in; prints their session cookies as JSON.
    gunicorn "tests.events.race_server:app(lock=True, window=0.3, rush=50)" --preload …
        The real WSGI application, with the race made observable (see `app`) and, with
        lock=False, the seat lock switched off: the negative control.
"""

import argparse
import datetime
import json
import multiprocessing
import os
import time
from contextlib import contextmanager

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercambio.settings")
# Seconds: a click lost before the gate (a failed request) delays the others, never blocks them.
GATE_TIMEOUT = 30


def app(*, lock: bool, window: float, rush: int):
    """gunicorn's application factory. It runs once, in gunicorn's master (--preload), before
    the workers are forked: every worker serves the same patched domain module and shares
    the gate's counter.

    - The gate: a registration waits, before it takes the seat lock, until the `rush` clicks
      of the test are all in the server (at most GATE_TIMEOUT); then all go for the lock at
      once. Otherwise the work of each request before that point (session, event, permissions)
      would spread them over seconds on a busy machine, and whether the negative control
      catches the race would depend on the machine's load.
    - The window: a registration that finds a free seat sleeps `window` seconds between the
      count and taking the seat, so that a race, if the code allows one, happens. Only the
      few that find a seat sleep: the locked run, which takes them one at a time, stays quick.
    - lock=False: the seat lock is switched off (the negative control).
    """
    from django.core.wsgi import get_wsgi_application
    from django.urls import get_resolver

    application = get_wsgi_application()  # django.setup(): the models can be imported now
    get_resolver().url_patterns  # noqa: B018 - import the views (~2 s) once, not in each worker
    from intercambio.events import domain
    from intercambio.events.models import Event

    # In shared memory, inherited by the forked workers.
    arrived = multiprocessing.Value("i", 0)
    all_arrived = multiprocessing.Event()
    seat_lock, count_seats = domain.seat_lock, domain.seats_taken

    if not lock:

        @contextmanager
        def seat_lock(event):
            # The event read plainly, outside any transaction: every statement commits on its
            # own, as if the code had forgotten the lock (and SQLite's IMMEDIATE BEGIN).
            yield Event.objects.get(pk=event.pk)

    @contextmanager
    def gated_seat_lock(event):
        with arrived.get_lock():
            arrived.value += 1
            if arrived.value >= rush:
                all_arrived.set()
        all_arrived.wait(timeout=GATE_TIMEOUT)
        with seat_lock(event) as locked:
            yield locked

    def seats_taken_slowly(event, attendance):
        taken = count_seats(event, attendance)
        limit = domain.capacity(event, attendance)
        if limit is not None and taken < limit:
            time.sleep(window)
        return taken

    domain.seat_lock, domain.seats_taken = gated_seat_lock, seats_taken_slowly
    return application


def prepare(*, slugs: list[str], members: int, taken: int, free: int) -> list[str]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from intercambio.events.models import Registration
    from tests.factories import EventFactory

    now = datetime.datetime.now(datetime.UTC)
    for slug in slugs:
        event = EventFactory(slug=slug, registration_enabled=True, capacity_in_person=taken + free)
        Registration.objects.bulk_create(
            Registration(
                event=event,
                email=f"seated{n}@race.example",
                name=f"Seated {n}",
                language="en",
                status=Registration.Status.CONFIRMED,
                consented_at=now,
                confirmed_at=now,
            )
            for n in range(taken)
        )
    cookies = []
    for n in range(members):
        # No password (hashing 50 would be slow): force_login writes the session directly.
        user = get_user_model().objects.create_user(f"member{n}@race.example", name=f"Member {n}")
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        cookies.append(f"{session.key}={session.value}")
    return cookies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, required=True)
    parser.add_argument("--taken", type=int, required=True)
    parser.add_argument("--free", type=int, required=True)
    parser.add_argument("slugs", nargs="+")
    arguments = parser.parse_args()
    django.setup()
    cookies = prepare(
        slugs=arguments.slugs, members=arguments.members, taken=arguments.taken,
        free=arguments.free,
    )  # fmt: skip
    print(json.dumps(cookies))  # noqa: T201 - the answer to the test, read from stdout


if __name__ == "__main__":
    main()
