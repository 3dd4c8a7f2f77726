"""Concurrent HTTP clients against 127.0.0.1: threads with one keep-alive connection each."""

import gzip
import http.client
import re
import threading
import time
from dataclasses import dataclass, field

SERVER_APP = re.compile(r"\bapp;dur=([0-9.]+)")
SERVER_SQL = re.compile(r'\bsql;desc="(\d+)"')


@dataclass(frozen=True)
class Scenario:
    """A page to measure. `path` may name records of the data set: {network}, {body},
    {organization}, {practice}, {resource}, {module}, {event}… (see dataset.targets)."""

    name: str
    path: str
    budget_ms: float | None = None  # server p95 budget, when not the bench's default

    def url(self, targets: dict[str, str]) -> str:
        return self.path.format(**targets)


@dataclass
class Sample:
    status: int
    client_ms: float
    server_ms: float | None
    queries: int | None
    size: int


@dataclass
class Run:
    scenario: Scenario
    url: str
    elapsed_s: float
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    body: bytes = b""

    @property
    def ok(self) -> list[Sample]:
        return [sample for sample in self.samples if sample.status == 200]

    def summary(self) -> dict:
        ok = self.ok
        server = [s.server_ms for s in ok if s.server_ms is not None]
        client = [s.client_ms for s in ok]
        queries = sorted({s.queries for s in ok if s.queries is not None})
        statuses: dict[str, int] = {}
        for sample in self.samples:
            statuses[str(sample.status)] = statuses.get(str(sample.status), 0) + 1
        return {
            "name": self.scenario.name,
            "path": self.url,
            "requests": len(self.samples),
            "failed": len(self.samples) - len(ok) + len(self.errors),
            "statuses": statuses,
            "errors": self.errors[:5],
            "elapsed_s": round(self.elapsed_s, 3),
            "throughput_rps": round(len(ok) / self.elapsed_s, 2) if self.elapsed_s else 0.0,
            "server_ms": _stats(server),
            "client_ms": _stats(client),
            "sql_queries": queries[0] if len(queries) == 1 else queries,
            "html_bytes": len(self.body),
            "html_gzip_bytes": len(gzip.compress(self.body)) if self.body else 0,
        }


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _stats(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "max": None}
    return {
        "p50": round(percentile(values, 0.50), 2),
        "p95": round(percentile(values, 0.95), 2),
        "max": round(max(values), 2),
    }


def _headers(url: str) -> dict[str, str]:
    language = url.split("/")[1] if url.count("/") > 1 else "en"
    return {
        "User-Agent": "intercambio-bench",
        "Accept": "text/html,application/xhtml+xml",
        "Accept-Language": language if language in {"pt-br", "es", "en"} else "en",
    }


class Client:
    """One connection to the server, reopened when the server closes it (a gunicorn sync
    worker answers `Connection: close`, so each request then opens a new TCP connection)."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self.port = port
        self.timeout = timeout
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def get(self, url: str) -> tuple[Sample, bytes]:
        started = time.perf_counter()
        try:
            self.connection.request("GET", url, headers=_headers(url))
            response = self.connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=self.timeout
            )
            raise
        client_ms = (time.perf_counter() - started) * 1000
        timing = response.getheader("Server-Timing", "")
        app = SERVER_APP.search(timing)
        sql = SERVER_SQL.search(timing)
        sample = Sample(
            status=response.status,
            client_ms=client_ms,
            server_ms=float(app.group(1)) if app else None,
            queries=int(sql.group(1)) if sql else None,
            size=len(body),
        )
        return sample, body

    def close(self) -> None:
        self.connection.close()


def drive(
    *, port: int, scenario: Scenario, url: str, concurrency: int, requests: int, duration: float
) -> Run:
    """`concurrency` clients request `url` until `requests` were sent or `duration` passed."""
    lock = threading.Lock()
    issued = 0
    run = Run(scenario=scenario, url=url, elapsed_s=0.0)
    deadline = time.perf_counter() + duration

    def client_loop() -> None:
        nonlocal issued
        client = Client(port)
        try:
            while True:
                with lock:
                    if issued >= requests or time.perf_counter() >= deadline:
                        return
                    issued += 1
                try:
                    sample, body = client.get(url)
                except (OSError, http.client.HTTPException) as error:
                    run.errors.append(f"{type(error).__name__}: {error}")
                    continue
                run.samples.append(sample)
                if sample.status == 200 and not run.body:
                    run.body = body
        finally:
            client.close()

    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.elapsed_s = time.perf_counter() - started
    return run


def warm_up(*, port: int, url: str, count: int) -> tuple[Sample, bytes]:
    """Sequential requests so templates, caches and the database pages are warm; returns
    the last answer so the caller can refuse a page that does not answer 200."""
    client = Client(port)
    try:
        for _ in range(max(1, count)):
            sample, body = client.get(url)
            if sample.status != 200:
                break
        return sample, body
    finally:
        client.close()
