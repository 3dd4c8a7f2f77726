"""Capacity under concurrency, proven with real parallel HTTP requests to a live server (gunicorn:
several processes, several threads each) on the database of the current run: SQLite in the
first run of `make test`, PostgreSQL in the second (DATABASE_URL).

50 members click "Register" at once for the last 5 seats: exactly 5 get a seat, 45 the
waitlist, and no request fails. The negative control sends the same clicks to a server whose
seat lock is switched off (tests/events/race_server.py): the event is overbooked, so this test
does catch the race.

The server runs in other processes, which cannot see pytest's test database (its data lives in
a transaction that is never committed): it gets a database of its own, a SQLite file or a
PostgreSQL database created and dropped here, migrated with `intercambio migrate`.
"""

import http.client
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 50  # clicking at once
TAKEN = 10  # seats confirmed before the rush
FREE = 5  # the last seats
CAPACITY = TAKEN + FREE
# Seconds between finding a free seat and taking it, in both runs (see race_server.app): the
# race window, wide enough for the negative control to overbook every time.
WINDOW = 0.3
# Several processes and, in each, a thread per member, so that every click is served at once
# whichever process accepts it (on PostgreSQL, 50 connections at most, of the default 100).
WORKERS, THREADS = 4, MEMBERS
TIMEOUT = 120  # seconds, for any one step (`migrate` takes 15 to 25 s)
LOCKED, UNLOCKED = "race-with-lock", "race-without-lock"


def on_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@dataclass
class Race:
    env: dict[str, str]  # of the servers and of race_server.py: DATABASE_URL…
    cookies: list[str]  # a signed-in session per member
    servers: dict[bool, "Server"]  # with the lock (True) and without

    def statuses(self, slug: str) -> dict[str, int]:
        """The event's registrations by status, read straight from the server's database."""
        query = (
            "SELECT registration.status, COUNT(*) FROM events_registration registration "
            "JOIN events_event event ON event.id = registration.event_id "
            f"WHERE event.slug = '{slug}' GROUP BY registration.status"
        )
        url = self.env["DATABASE_URL"]
        if on_postgresql():
            connection = psycopg.connect(url)
        else:
            connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        with closing(connection):
            return dict(connection.execute(query).fetchall())


def python(*arguments: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, f"{' '.join(arguments)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@contextmanager
def own_database(folder: Path) -> Iterator[str]:
    """The DATABASE_URL of a new, empty database of the current kind, removed at the end."""
    if not on_postgresql():
        yield f"sqlite:///{folder / 'race.sqlite3'}"  # removed with pytest's tmp folders
        return
    # On the server of the run's DATABASE_URL, a database of our own.
    url = urlsplit(os.environ["DATABASE_URL"])._replace(scheme="postgresql")
    name = f"race_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield url._replace(path=f"/{name}").geturl()
        finally:
            # FORCE: even if a failure left a process connected.
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """gunicorn serving race_server.app, with the lock or without, its output in a log file."""

    def __init__(self, folder: Path, env: dict[str, str], *, lock: bool) -> None:
        self.log_path = folder / f"gunicorn-lock-{lock}.log"
        # The test binds the socket and hands it over: the port is known and cannot be taken
        # by another process in between.
        with socket.create_server(("127.0.0.1", 0)) as listener, self.log_path.open("w") as log:
            self.port = listener.getsockname()[1]
            application = (
                f"tests.events.race_server:app(lock={lock}, window={WINDOW}, rush={MEMBERS})"
            )
            command = [
                sys.executable, "-m", "gunicorn", application,
                "--bind", f"fd://{listener.fileno()}",
                # The application is made once, in the master, before the workers are forked.
                "--preload", "--workers", str(WORKERS), "--threads", str(THREADS),
                "--error-logfile", "-", "--log-level", "warning", "--no-control-socket",
                # Stopped once every request is answered: no need to wait for the workers to
                # clean up their interpreters (seconds on a busy machine).
                "--graceful-timeout", "0",
            ]  # fmt: skip
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                pass_fds=[listener.fileno()],
            )  # fmt: skip

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            assert self.process.poll() is None, f"gunicorn stopped.\n{self.log()}"
            assert time.monotonic() < deadline, f"gunicorn does not answer.\n{self.log()}"
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)

    def wait_until_stopped(self) -> None:
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)

    def log(self) -> str:
        return "server log:\n" + self.log_path.read_text(errors="replace")[-5000:]


@pytest.fixture(scope="module")
def race(tmp_path_factory) -> Iterator[Race]:
    """The server's database, migrated, with both events and the members' sessions; the two
    servers, with the lock and without."""
    folder = tmp_path_factory.mktemp("race")
    with own_database(folder) as database_url:
        env = {
            **os.environ, "DATABASE_URL": database_url, "DATA_DIR": str(folder),
            "SECRET_KEY": "race", "EMAIL_URL": "memory:", "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "1",  # plain http, static files without `collectstatic`
        }  # fmt: skip
        # The servers start while the database is migrated (their start reads no database),
        # and both stop together: seconds saved.
        servers: dict[bool, Server] = {}
        try:
            for lock in (True, False):
                servers[lock] = Server(folder, env, lock=lock)
            python("-m", "intercambio", "migrate", "--no-input", "-v0", env=env)
            cookies = python(
                "-m", "tests.events.race_server", f"--members={MEMBERS}", f"--taken={TAKEN}",
                f"--free={FREE}", LOCKED, UNLOCKED, env=env,
            )  # fmt: skip
            for server in servers.values():
                server.wait_until_ready()
            yield Race(env=env, cookies=json.loads(cookies), servers=servers)
        finally:
            for server in servers.values():
                server.process.terminate()  # gunicorn stops its workers
            for server in servers.values():
                server.wait_until_stopped()


def request(port: int, method: str, path: str, *, cookie="", body=None):
    """(status, headers, body) of a request, over a connection of its own."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        connection.close()


def csrf(server: Server, path: str) -> tuple[str, str]:
    """(cookie, form token) from the registration page. The CSRF cookie belongs to the browser,
    not to the session (CSRF_USE_SESSIONS is off): one pair serves every member, who need not
    load the page 50 times before the rush."""
    status, headers, page = request(server.port, "GET", path)
    assert status == 200, f"GET {path}: {status}\n{server.log()}"
    cookies = SimpleCookie()
    for set_cookie in headers.get_all("Set-Cookie") or []:
        cookies.load(set_cookie)
    name = settings.CSRF_COOKIE_NAME
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    return f"{name}={cookies[name].value}", token


def rush(server: Server, slug: str, cookies: list[str]) -> list[tuple[int, str]]:
    """Every member clicks "Register" at once, in a thread of their own (the server holds the
    clicks at its gate until all have arrived). The (status, Location) of each click."""
    path = f"/en/events/{slug}/register/"
    csrf_cookie, token = csrf(server, path)
    body = urlencode({"csrfmiddlewaretoken": token, "one_click": "1"})

    def click(session: str) -> tuple[int, str]:
        cookie = f"{session}; {csrf_cookie}"
        try:
            status, headers, _ = request(server.port, "POST", path, cookie=cookie, body=body)
        except OSError as error:  # reported by assert_all_registered
            return 0, repr(error)
        return status, headers.get("Location", "")

    with ThreadPoolExecutor(max_workers=len(cookies)) as pool:
        return list(pool.map(click, cookies))


def assert_all_registered(answers: list[tuple[int, str]], server: Server) -> None:
    """Every click answered with the way to the person's registration: no 5xx, no refusal."""
    wrong = [
        answer for answer in answers
        if answer[0] != 302 or "/events/registrations/" not in answer[1]
    ]  # fmt: skip
    assert not wrong, f"{len(wrong)} of {len(answers)} wrong answers: {wrong[:5]}\n{server.log()}"


def test_the_last_seats_go_to_as_many_people_and_the_others_wait(race):
    server = race.servers[True]
    assert_all_registered(rush(server, LOCKED, race.cookies), server)
    assert race.statuses(LOCKED) == {"confirmed": CAPACITY, "waitlisted": MEMBERS - FREE}


def test_without_the_lock_the_same_rush_overbooks(race):
    """The negative control: the test above would see the race if the lock were missing."""
    server = race.servers[False]
    assert_all_registered(rush(server, UNLOCKED, race.cookies), server)
    counted = race.statuses(UNLOCKED)
    assert counted["confirmed"] > CAPACITY, counted
    assert counted["confirmed"] + counted.get("waitlisted", 0) == TAKEN + MEMBERS, counted
