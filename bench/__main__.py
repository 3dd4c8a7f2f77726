"""python -m bench [--size N] [--duration S] [--concurrency C] [--database-url URL]
[--no-extraction] ...

1. prepares a bench data directory (migrate, translations, static files) with the same
   settings as production except SERVER_TIMING=1 and no HTTPS redirect;
2. generates the synthetic data set, or reuses it when size, seed and generator match;
3. serves it with gunicorn (`gunicorn intercambio.wsgi`), drives the floor and every
   scenario with concurrent clients, stops gunicorn whatever happens;
4. measures event registrations through the real endpoints on a gunicorn of its own
   (bench/events.py), unless --no-registration or --only names other pages;
5. measures the library's text extraction in process (bench/extraction.py), the server
   stopped, unless --no-extraction;
6. writes bench/results/latest.json and latest.md and prints the tables.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SERVER_P95_BUDGET_MS = 100.0
# Fixed so every run (and every worker) signs with the same key; the bench serves no one.
SECRET_KEY = "bench-only-key-not-a-secret-0f3c9a7e2d5b8c1a4e6f9d2b7c5a8e1f3d6b9c2a"
# Settings a caller's shell might export that would change what is measured.
UNSET = ("DATABASE_URL", "MEDIA_ROOT", "PROXY_SSL", "CSRF_TRUSTED_ORIGINS", "LOG_LEVEL")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Generate a synthetic data set, serve it with gunicorn, measure the pages.",
    )
    parser.add_argument("--size", type=int, default=100_000, help="organizations (100 000)")
    parser.add_argument("--seed", type=int, default=20240601, help="random seed of the data")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per page, at most")
    parser.add_argument("--requests", type=int, default=500, help="requests per page, at most")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up requests per page")
    parser.add_argument(
        "--database-url",
        default="",
        help="bench on this database (emptied when the data set must be regenerated) instead of a bench SQLite file",
    )
    parser.add_argument("--data-dir", type=Path, default=BENCH_DIR / "var")
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--regenerate", action="store_true", help="generate even if reusable")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a page is over its budget"
    )
    parser.add_argument(
        "--reindex", action="store_true", help="build the search index even if reusable"
    )
    parser.add_argument(
        "--only", default="", metavar="PREFIX",
        help='measure only the pages whose name starts with PREFIX (e.g. "search")',
    )  # fmt: skip
    parser.add_argument(
        "--no-search-quality", dest="quality", action="store_false",
        help="skip MRR / nDCG@10 on the tests' judged query set (a throwaway database)",
    )  # fmt: skip
    parser.add_argument(
        "--no-extraction", dest="extraction", action="store_false",
        help="skip the document extraction throughput (PDF, DOCX, ODT read in process)",
    )  # fmt: skip
    parser.add_argument(
        "--no-registration", dest="registration", action="store_false",
        help="skip the event registration throughput (measured when --only is empty or event…)",
    )  # fmt: skip
    parser.add_argument(
        "--registrations", type=int, default=500,
        help="guests and members registering in the registration throughput (500)",
    )  # fmt: skip
    parser.add_argument(
        "--registration-workers", type=int, default=4,
        help="gunicorn workers of the registration throughput, so that seats contend (4)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    for name in ("size", "requests", "concurrency", "workers", "registrations",
                 "registration_workers"):  # fmt: skip
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.duration <= 0:
        parser.error("--duration must be positive")
    return args


def bench_env(args: argparse.Namespace) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in UNSET}
    env.update(
        DJANGO_SETTINGS_MODULE="intercambio.settings",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        SERVER_TIMING="1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATA_DIR=str(args.data_dir.resolve()),
        SECRET_KEY=SECRET_KEY,
        EMAIL_URL="memory:",
    )
    # One SQLite file per size, so switching sizes does not regenerate the other data set.
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{sqlite_path(args)}"
    return env


def manage(env: dict[str, str], *command: str) -> None:
    script = Path(sys.executable).with_name("intercambio")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "intercambio"]
    subprocess.run([*program, *command], env=env, cwd=ROOT, check=True)


# The code and vocabulary of the generator: a change to one regenerates the data set.
GENERATOR_FILES = (
    "dataset.py", "words.py", "networks.py", "practices.py", "library.py", "eventdata.py",
    "workplans.py",
)  # fmt: skip


def generator_fingerprint() -> str:
    """Changes whenever the generator's code or vocabulary changes."""
    digest = hashlib.sha256()
    for name in GENERATOR_FILES:
        digest.update((BENCH_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def sqlite_path(args: argparse.Namespace) -> Path:
    return args.data_dir / f"bench-{args.size}.sqlite3"


def marker_path(args: argparse.Namespace) -> Path:
    """Records what the database holds (size, seed, generator) once generation committed."""
    if args.database_url:
        key = hashlib.sha256(args.database_url.encode()).hexdigest()[:12]
        return args.data_dir / f"dataset-db-{key}.json"
    return sqlite_path(args).with_suffix(".json")


def read_marker(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def remove_sqlite_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def machine_info() -> dict:
    import django
    import gunicorn
    from django.db import connection

    cpu_model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    if connection.vendor == "sqlite":
        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "database": database,
        # Other processes' load makes every number worse; recorded so readers can judge.
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }


def git_commit() -> str | None:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
            check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return commit + ("+dirty" if dirty else "")


def prepare(args: argparse.Namespace, env: dict[str, str]) -> tuple[dict, dict]:
    """The database ready to serve. Returns (dataset facts, scenario targets)."""
    args.data_dir.mkdir(parents=True, exist_ok=True)
    wanted = {"size": args.size, "seed": args.seed, "generator": generator_fingerprint()}
    marker = marker_path(args)
    previous = read_marker(marker)
    reuse = not args.regenerate and all(previous.get(k) == v for k, v in wanted.items())
    if not reuse:
        marker.unlink(missing_ok=True)
        if not args.database_url:
            remove_sqlite_database(sqlite_path(args))
    print("== preparing", env["DATA_DIR"], flush=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "compiletranslations", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")

    # The settings read the environment once, at setup: this process now is a bench client.
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    from bench import dataset

    if reuse and dataset.counts()["organizations"] != args.size:
        reuse = False
    if reuse:
        print(f"== reusing the data set of {args.size} organizations", flush=True)
        facts = {"reused": True, "generation_s": previous.get("generation_s"), **dataset.counts()}
        # Events are dated from the day of generation: keep the share of upcoming ones.
        from bench import eventdata

        moved = eventdata.align_dates(previous.get("events_anchor"))
        if moved:
            marker.write_text(json.dumps({**previous, "events_anchor": moved["anchor"]}, indent=2))
            print(f"   events moved {moved['shifted_days']} days forward", flush=True)
        facts["events_anchor"] = moved["anchor"] if moved else previous.get("events_anchor")
    else:
        if dataset.counts()["organizations"]:
            connections.close_all()
            manage(env, "flush", "--no-input", "-v0")
        print(f"== generating {args.size} organizations (seed {args.seed})", flush=True)
        started = time.perf_counter()
        counts = dataset.generate(size=args.size, seed=args.seed)
        seconds = round(time.perf_counter() - started, 1)
        marker.write_text(json.dumps({**wanted, "generation_s": seconds, **counts}, indent=2))
        facts = {"reused": False, "generation_s": seconds, **counts}
    targets = dataset.targets()
    facts["targets"] = targets
    # The generator bulk-inserts: the search index is built apart, timed, and kept while
    # the data set and the search code are the same.
    from bench import search

    facts["search_index"] = search.build_index(
        marker.with_name(marker.stem + "-index.json"), wanted, force=args.reindex
    )
    return facts, targets


def measure(args: argparse.Namespace, port: int, targets: dict, log_tail) -> tuple[dict, list]:
    from bench.load import drive, warm_up
    from bench.scenarios import FLOOR, SCENARIOS

    results = []
    chosen = [scenario for scenario in SCENARIOS if scenario.name.startswith(args.only)]
    for scenario in [FLOOR, *chosen]:
        url = scenario.url(targets)
        sample, body = warm_up(port=port, url=url, count=args.warmup)
        if sample.status != 200:
            print(f"!! {scenario.name} {url} answered {sample.status}; not measured", flush=True)
            print(body[:500].decode(errors="replace"), log_tail(), sep="\n", flush=True)
            results.append({"name": scenario.name, "path": url, "skipped": f"HTTP {sample.status}"})
            continue
        run = drive(
            port=port, scenario=scenario, url=url, concurrency=args.concurrency,
            requests=args.requests, duration=args.duration,
        )  # fmt: skip
        summary = run.summary()
        print(
            f"   {scenario.name:<22} {summary['requests']:>4} requests "
            f"p95 {summary['server_ms']['p95']} ms server, {summary['throughput_rps']} req/s",
            flush=True,
        )
        results.append(summary)
    floor, pages = results[0], results[1:]
    budgets = {scenario.name: scenario.budget_ms for scenario in SCENARIOS}
    floor_rps = floor.get("throughput_rps")
    for page in [floor, *pages]:
        if page.get("skipped"):
            continue
        page["ratio_to_floor"] = round(page["throughput_rps"] / floor_rps, 3) if floor_rps else None
        p95 = page["server_ms"]["p95"]
        page["budget_ms"] = budgets.get(page["name"]) or SERVER_P95_BUDGET_MS
        page["over_budget"] = page is not floor and (p95 is None or p95 >= page["budget_ms"])
    return floor, pages


def measure_extraction(args: argparse.Namespace) -> dict:
    """The library's extraction throughput, in this process, once the server is stopped (it
    would compete for the CPUs). A failure is reported, not raised: the pages are kept."""
    from bench import extraction

    print("== extraction (in process)", flush=True)
    try:
        return extraction.run(seed=args.seed)
    except Exception as error:
        traceback.print_exc()
        return {"error": f"{type(error).__name__}: {error}"}


def measure_search(args: argparse.Namespace, env: dict[str, str]) -> dict:
    """In process, the server stopped: our search against the bare engine query (the floor),
    then quality on the judged set in a throwaway database. Failures are reported, not
    raised: the pages are kept."""
    from bench import quality, search

    found: dict = {}
    try:
        found["floor"] = search.floor_ratio()
    except Exception as error:
        traceback.print_exc()
        found["floor"] = {"error": f"{type(error).__name__}: {error}"}
    if args.quality:
        try:
            found["quality"] = quality.run(env, args.database_url)
        except Exception as error:
            traceback.print_exc()
            found["quality"] = {"error": f"{type(error).__name__}: {error}"}
    return found


def measure_registration(args: argparse.Namespace, env: dict[str, str], targets: dict) -> dict:
    """Registrations per second through the real endpoints, on a gunicorn of its own (the
    pages' server stopped), and the seat decisions under contention (bench/events.py). A
    failure is reported, not raised: the pages are kept."""
    from bench import events

    try:
        return events.run(
            env=env, data_dir=args.data_dir, cwd=ROOT, registrations=args.registrations,
            workers=args.registration_workers, clients=args.concurrency,
            network_slug=targets.get("event_network") or "mercociudades",
        )  # fmt: skip
    except Exception as error:
        traceback.print_exc()
        return {"error": f"{type(error).__name__}: {error}"}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.data_dir = args.data_dir.resolve()
    # A `kill` of this script must still stop gunicorn: turn SIGTERM into SystemExit so
    # every `finally` runs.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    env = bench_env(args)
    facts, targets = prepare(args, env)

    from django.db import connections

    from bench.report import markdown, write
    from bench.search import SEARCH_P95_BUDGET_MS
    from bench.server import Gunicorn

    machine = machine_info()
    connections.close_all()  # the server must not share this process's connection
    server = Gunicorn(
        env=env, workers=args.workers, log_path=args.data_dir / "gunicorn.log", cwd=ROOT
    )
    print(
        f"== gunicorn ({args.workers} worker(s)); {args.concurrency} clients, up to "
        f"{args.requests} requests or {args.duration:g} s per page",
        flush=True,
    )
    try:
        server.start()
        floor, pages = measure(args, server.port, targets, server.log_tail)
    finally:
        server.stop()

    registration = None
    if args.registration and (not args.only or args.only.startswith("event")):
        registration = measure_registration(args, env, targets)
    machine["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    search = measure_search(args, env)
    extraction = measure_extraction(args) if args.extraction else None
    result = {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git": git_commit(),
        "machine": machine,
        "config": {
            "size": args.size,
            "seed": args.seed,
            "only": args.only,
            "concurrency": args.concurrency,
            "requests_per_page": args.requests,
            "duration_s": args.duration,
            "warmup": args.warmup,
            "workers": args.workers,
            "worker_class": "sync",
            "database": "postgresql" if args.database_url else "sqlite",
        },
        "dataset": facts,
        "budget": {"server_p95_ms": SERVER_P95_BUDGET_MS, "search_p95_ms": SEARCH_P95_BUDGET_MS},
        "floor": floor,
        "pages": pages,
        "search": search,
        "registration": registration,
        "extraction": extraction,
        "over_budget": [page["name"] for page in pages if page.get("over_budget")],
        "failed": [
            page["name"] for page in [floor, *pages] if page.get("skipped") or page.get("failed")
        ]
        + (["extraction"] if extraction and extraction.get("error") else [])
        + (
            ["registration"]
            if registration and (registration.get("error") or registration.get("problems"))
            else []
        )  # fmt: skip
        + [f"search {part}" for part, value in search.items() if value.get("error")],
    }
    json_path, md_path = write(result, args.results_dir)
    print()
    print(markdown(result))
    print(f"written: {json_path} and {md_path}")
    if result["failed"]:
        print("FAILED pages:", ", ".join(result["failed"]))
        return 1
    if result["over_budget"]:
        print("Over budget (server p95):", ", ".join(result["over_budget"]))
        if args.strict:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
