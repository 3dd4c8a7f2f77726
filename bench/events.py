"""Registration throughput through the real endpoints, against gunicorn with several workers
(so that seat decisions really contend for the event's lock), on two events made for the
measurement and deleted afterwards with everything they caused:

1. guests: N people fill the form (`POST /en/events/<slug>/register/`, the CSRF cookie and
   token from GETting the form once per client), each answered 302 with a registration
   awaiting e-mail confirmation and one e-mail task queued (a database row);
2. confirmations: the N links of those e-mails opened at once
   (`GET /en/events/registrations/<token>/confirm/`), each taking the event's lock to decide
   seat or waitlist: exactly `capacity` seats, the others on the waitlist;
3. members: N signed-in members click "Register" (`one_click=1`) on a second event, the seat
   decided within the POST, under the same lock.

Each request is timed (client and the app's Server-Timing); redirects are not followed.
Import only after django.setup().
"""

import datetime
import http.client
import re
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from bench.load import SERVER_APP, SERVER_SQL, percentile

REGISTRATIONS = 500
WORKERS = 4
CAPACITY_SHARE = 0.4
GUEST_SLUG = "bench-registration-guests"
MEMBER_SLUG = "bench-registration-members"
MEMBER_EMAIL = "bench-member-{n}@bench.example.org"
SESSION_PREFIX = "benchmember"  # the members' session keys: found again to delete them
TASK_PATH = "intercambio.events.tasks.send_registration_email"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The cookies a client keeps: the others (messages) a browser would use up on the next page.
KEPT_COOKIES = {"csrftoken"}
LANGUAGES = ("pt-br", "es", "en")
COUNTRIES = ("BR", "AR", "UY", "ES", "MX", "CO", "CL", "PT")


@dataclass
class Answer:
    status: int
    client_ms: float
    server_ms: float | None
    queries: int | None
    location: str
    body: bytes


class Browser:
    """One client: a connection (reopened when gunicorn closes it) and the CSRF cookie."""

    def __init__(self, port: int, timeout: float = 60.0) -> None:
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(
        self, method: str, url: str, form: dict | None = None, cookies: dict | None = None
    ) -> Answer:
        language = url.split("/")[1]
        headers = {
            "User-Agent": "intercambio-bench",
            "Accept": "text/html,application/xhtml+xml",
            "Accept-Language": language if language in LANGUAGES else "en",
        }
        jar = {**self.cookies, **(cookies or {})}
        if jar:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in jar.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, url, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=self.timeout
            )
            raise
        client_ms = (time.perf_counter() - started) * 1000
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            if name.strip() in KEPT_COOKIES:
                self.cookies[name.strip()] = value.strip()
        timing = response.getheader("Server-Timing", "")
        app, sql = SERVER_APP.search(timing), SERVER_SQL.search(timing)
        return Answer(
            status=response.status,
            client_ms=client_ms,
            server_ms=float(app.group(1)) if app else None,
            queries=int(sql.group(1)) if sql else None,
            location=response.getheader("Location", ""),
            body=content,
        )

    def fetch_token(self, url: str) -> None:
        """GET the form: the CSRF cookie and the form's token."""
        answer = self.request("GET", url)
        if answer.status != 200:
            raise RuntimeError(f"GET {url} answered {answer.status}")
        found = CSRF_INPUT.search(answer.body.decode(errors="replace"))
        self.token = found.group(1) if found else self.cookies.get("csrftoken", "")

    def close(self) -> None:
        self.connection.close()


def _stats(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "max": None}
    return {
        "p50": round(percentile(values, 0.5), 2),
        "p95": round(percentile(values, 0.95), 2),
        "max": round(max(values), 2),
    }


def drive(
    *, port: int, clients: int, items: list, work: Callable[[Browser, object], Answer],
    expected: int, setup: Callable[[Browser], None] | None = None,
) -> dict:  # fmt: skip
    """`clients` threads, each with its Browser (prepared by `setup`, untimed), work through
    `items` at once. Returns the phase's figures; `expected` is the status of a success."""
    lock = threading.Lock()
    queue = iter(items)
    answers: list[Answer] = []
    errors: list[str] = []
    browsers = [Browser(port) for _ in range(clients)]
    for browser in browsers:
        if setup:
            setup(browser)
    barrier = threading.Barrier(clients + 1)

    def loop(browser: Browser) -> None:
        barrier.wait()
        while True:
            with lock:
                item = next(queue, None)
            if item is None:
                return
            try:
                answer = work(browser, item)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
                continue
            answer.body = answer.body[:2000] if answer.status >= 400 else b""
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=loop, args=(b,), daemon=True) for b in browsers]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for browser in browsers:
        browser.close()
    ok = [answer for answer in answers if answer.status == expected]
    statuses: dict[str, int] = {}
    for answer in answers:
        statuses[str(answer.status)] = statuses.get(str(answer.status), 0) + 1
    queries = sorted({a.queries for a in ok if a.queries is not None})
    failures = [a for a in answers if a.status != expected]
    return {
        "requests": len(items),
        "ok": len(ok),
        "statuses": statuses,
        "server_errors": sum(1 for a in answers if a.status >= 500),
        "errors": errors[:5],
        "first_failure": failures[0].body.decode(errors="replace")[:500] if failures else "",
        "elapsed_s": round(elapsed, 3),
        "per_s": round(len(ok) / elapsed, 1) if elapsed else None,
        "client_ms": _stats([a.client_ms for a in ok]),
        "server_ms": _stats([a.server_ms for a in ok if a.server_ms is not None]),
        "sql_queries": queries[0] if len(queries) == 1 else queries,
    }


# --- The events, the members and the clean-up, in process ---------------------------------


def _create_event(slug: str, capacity: int, network_slug: str):
    """An upcoming published seminar taking registrations, with a capacity, in a network,
    with three organizations: as the events people register for. bulk_create: no search
    index change (nothing else the bench measures moves)."""
    from django.utils import timezone

    from intercambio.events.models import Event, EventOrganization
    from intercambio.network.models import Network, Organization

    network = Network.objects.filter(slug=network_slug).first()
    starts = (timezone.now() + datetime.timedelta(days=30)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    event = Event(
        slug=slug, status=Event.Status.PUBLISHED, kind=Event.Kind.SEMINAR,
        original_language="en", title_en=f"Registration benchmark ({slug})",
        title_es=f"Prueba de inscripciones ({slug})", description_en="Made by make bench.",
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=8),
        time_zone="America/Sao_Paulo", format=Event.Format.IN_PERSON, city="Montevideo",
        country="UY", venue="Intendencia", network=network, registration_enabled=True,
        capacity_in_person=capacity, floor_languages="|es|", interpretation_languages="",
    )  # fmt: skip
    Event.objects.bulk_create([event])
    members = Organization.objects.filter(memberships__network=network) if network else (
        Organization.objects.all())  # fmt: skip
    organizers = list(members.order_by("pk").values_list("pk", flat=True)[:3])
    roles = ["organizer", "co_organizer", "supporter"]
    EventOrganization.objects.bulk_create(
        EventOrganization(event=event, organization_id=pk, role=role, order=i)
        for i, (pk, role) in enumerate(zip(organizers, roles, strict=False))
    )
    return event


def _create_members(count: int) -> list[str]:
    """`count` accounts, each signed in: their session keys."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from intercambio.accounts.models import User
    from intercambio.network.models import Organization

    organizations = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[:200])
    users = [
        User(
            email=MEMBER_EMAIL.format(n=n),
            name=f"Bench Member {n}",
            password=make_password(None),
            organization_id=organizations[n % len(organizations)] if organizations else None,
            preferred_language=LANGUAGES[n % 3],
            position="Technical officer",
        )  # fmt: skip
        for n in range(count)
    ]
    User.objects.bulk_create(users)
    users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))
    store = SessionStore()
    expires = timezone.now() + datetime.timedelta(days=1)
    sessions = [
        Session(
            session_key=SESSION_PREFIX
            + get_random_string(24, "abcdefghijklmnopqrstuvwxyz0123456789"),
            session_data=store.encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
            expire_date=expires,
        )  # fmt: skip
        for user in users
    ]
    Session.objects.bulk_create(sessions)
    return [session.session_key for session in sessions]


def clean_up(since: datetime.datetime | None = None) -> None:
    """Remove the measurement's events (their registrations go with them), members, their
    sessions and the e-mail tasks queued since `since`."""
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    from intercambio.accounts.models import User
    from intercambio.events.models import Event

    Event.objects.filter(slug__in=[GUEST_SLUG, MEMBER_SLUG]).delete()
    Session.objects.filter(session_key__startswith=SESSION_PREFIX).delete()
    User.objects.filter(
        email__startswith="bench-member-", email__endswith="@bench.example.org"
    ).delete()
    if since is not None:
        DBTaskResult.objects.filter(task_path=TASK_PATH, enqueued_at__gte=since).delete()


def _counts(slug: str) -> dict[str, int]:
    from django.db.models import Count

    from intercambio.events.models import Registration

    rows = Registration.objects.filter(event__slug=slug).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows.order_by("status")}


def _tasks_since(since: datetime.datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=TASK_PATH, enqueued_at__gte=since).count()


# --- The measurement ----------------------------------------------------------------------


def run(
    *, env: dict[str, str], data_dir, cwd, registrations: int = REGISTRATIONS,
    workers: int = WORKERS, clients: int = 4, network_slug: str = "mercociudades",
) -> dict:  # fmt: skip
    """The three phases against a gunicorn of `workers` workers started here. A phase that
    fails is reported in its entry; the events and accounts made are always removed."""
    from django.db import connections
    from django.utils import timezone

    from bench.server import Gunicorn
    from intercambio.network.models import Organization

    capacity = max(1, int(registrations * CAPACITY_SHARE))
    found: dict = {
        "registrations": registrations, "capacity": capacity, "workers": workers,
        "clients": clients, "phases": {}, "problems": [],
    }  # fmt: skip
    print(
        f"== registration: {registrations} guests, then their confirmations, then "
        f"{registrations} members; {capacity} seats; gunicorn {workers} workers, "
        f"{clients} clients",
        flush=True,
    )
    clean_up()
    started = timezone.now()
    guests = _create_event(GUEST_SLUG, capacity, network_slug)
    members_event = _create_event(MEMBER_SLUG, capacity, network_slug)
    session_keys = _create_members(registrations)
    # Names as people type them: a third exactly a directory organization's.
    directory = list(
        Organization.objects.filter(memberships__network__slug=network_slug)
        .order_by("pk").values_list("name", flat=True)[:100]
    ) or ["Intendencia de Montevideo"]  # fmt: skip
    connections.close_all()
    server = Gunicorn(
        env=env, workers=workers, log_path=data_dir / "gunicorn-registration.log", cwd=cwd
    )
    try:
        server.start()
        found["phases"]["guest registration"] = _guard(
            lambda: _guests(server.port, guests.slug, registrations, clients, directory),
            found, server.log_tail,
        )  # fmt: skip
        found["phases"]["e-mail confirmation"] = _guard(
            lambda: _confirmations(server.port, guests.slug, clients), found, server.log_tail
        )
        found["phases"]["member one click"] = _guard(
            lambda: _members(server.port, members_event.slug, clients, session_keys),
            found,
            server.log_tail,
        )
    finally:
        server.stop()
        found["tasks_queued"] = _tasks_since(started)
        found["final"] = {"guests": _counts(guests.slug), "members": _counts(members_event.slug)}
        clean_up(since=started)
        connections.close_all()
    _check(found, registrations, capacity)
    for name, phase in found["phases"].items():
        if phase.get("error"):
            print(f"   {name:<22} FAILED: {phase['error']}", flush=True)
            continue
        print(
            f"   {name:<22} {phase['ok']:>4}/{phase['requests']} in {phase['elapsed_s']} s: "
            f"{phase['per_s']}/s, client p50 {phase['client_ms']['p50']} p95 "
            f"{phase['client_ms']['p95']} ms, server p95 {phase['server_ms']['p95']} ms "
            f"{phase['statuses']}",
            flush=True,
        )
    for problem in found["problems"]:
        print(f"   !! {problem}", flush=True)
    return found


def _guard(measure: Callable[[], dict], found: dict, log_tail) -> dict:
    try:
        return measure()
    except Exception as error:
        traceback.print_exc()
        print(log_tail(), flush=True)
        return {"error": f"{type(error).__name__}: {error}"}


def _guests(port: int, slug: str, count: int, clients: int, directory: list[str]) -> dict:
    from django.utils import timezone

    url = f"/en/events/{slug}/register/"
    since = timezone.now()

    def work(browser: Browser, n: int) -> Answer:
        form = {
            "name": f"Guest Number {n}",
            "email": f"guest-{n}@bench{n % 7}.example.org",
            "organization": directory[n % len(directory)] if n % 3 == 0 else f"Instituto {n % 50}",
            "position": "Coordinator" if n % 2 else "",
            "country": COUNTRIES[n % len(COUNTRIES)],
            "language": LANGUAGES[n % 3],
            "consent": "on",
            "csrfmiddlewaretoken": browser.token,
        }
        return browser.request("POST", url, form)

    phase = drive(
        port=port, clients=clients, items=list(range(count)), work=work, expected=302,
        setup=lambda browser: browser.fetch_token(url),
    )  # fmt: skip
    phase["after"] = _counts(slug)
    phase["tasks_queued"] = _tasks_since(since)
    return phase


def _confirmations(port: int, slug: str, clients: int) -> dict:
    from django.utils import timezone

    from intercambio.events.models import Registration

    tokens = list(
        Registration.objects.filter(event__slug=slug, status=Registration.Status.AWAITING_EMAIL)
        .order_by("pk").values_list("token", flat=True)
    )  # fmt: skip
    since = timezone.now()
    phase = drive(
        port=port, clients=clients, items=tokens, expected=302,
        work=lambda browser, token: browser.request(
            "GET", f"/en/events/registrations/{token}/confirm/"),
    )  # fmt: skip
    phase["after"] = _counts(slug)
    phase["tasks_queued"] = _tasks_since(since)
    return phase


def _members(port: int, slug: str, clients: int, session_keys: list[str]) -> dict:
    from django.utils import timezone

    url = f"/en/events/{slug}/register/"
    since = timezone.now()

    def work(browser: Browser, session_key: str) -> Answer:
        form = {"one_click": "1", "csrfmiddlewaretoken": browser.token}
        return browser.request("POST", url, form, cookies={"sessionid": session_key})

    phase = drive(
        port=port, clients=clients, items=session_keys, work=work, expected=302,
        setup=lambda browser: browser.fetch_token(url),
    )  # fmt: skip
    phase["after"] = _counts(slug)
    phase["tasks_queued"] = _tasks_since(since)
    return phase


def _check(found: dict, count: int, capacity: int) -> None:
    """What must hold: every request answered as expected, nothing lost or oversold."""
    problems = found["problems"]
    phases = found["phases"]
    expected = {
        "guest registration": {"awaiting_email": count},
        "e-mail confirmation": {"confirmed": capacity, "waitlisted": count - capacity},
        "member one click": {"confirmed": capacity, "waitlisted": count - capacity},
    }
    for name, want in expected.items():
        phase = phases.get(name) or {}
        if phase.get("error"):
            problems.append(f"{name}: {phase['error']}")
            continue
        if phase.get("ok") != phase.get("requests"):
            problems.append(
                f"{name}: {phase.get('ok')} of {phase.get('requests')} answered as expected "
                f"{phase.get('statuses')} {phase.get('errors')}"
            )
        if phase.get("server_errors"):
            problems.append(f"{name}: {phase['server_errors']} server errors (5xx)")
        after = phase.get("after", {})
        if after != want:
            problems.append(f"{name}: registrations {after}, expected {want}")
        if phase.get("tasks_queued") != count:
            problems.append(f"{name}: {phase.get('tasks_queued')} e-mail tasks, expected {count}")
