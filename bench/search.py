"""Search: the index build (throughput), the fixed query mix served as pages, and in process
the ratio of `queries.search` to the bare engine query (the floor) for the same terms.

The generator bulk-inserts the records, so the search index is empty after generation: it is
built here as a separate, cached step (`index.rebuild`, what `intercambio reindex` runs), timed,
and rebuilt only when the index is empty, the data set was regenerated or the search code
changed. Quality (MRR, nDCG@10 on the tests' judged set) is in bench/quality.py.

Import only after django.setup().
"""

import hashlib
import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load import Scenario, percentile

ROOT = Path(__file__).resolve().parent.parent
# What the index holds depends on these: a change rebuilds it.
INDEX_CODE = ("analyzer.py", "backends.py", "index.py", "models.py", "stopwords.py")
SEARCH_P95_BUDGET_MS = 50.0  # DESIGN.md: search p95 under 50 ms
FLOOR_ROUNDS = 30
FLOOR_SECONDS = 6.0  # per query and side, at most (after at least 3 rounds)


@dataclass(frozen=True)
class SearchQuery:
    name: str
    language: str
    text: str
    filters: tuple[tuple[str, str], ...] = ()

    def path(self) -> str:
        from urllib.parse import urlencode

        return f"/{self.language}/search/?" + urlencode([("q", self.text), *self.filters])


# The fixed mix: common and rare terms, a cross-lingual concept, a phrase, filters and
# facets, an exclusion, a misspelling (the "did you mean" path: nothing matches).
QUERIES = [
    SearchQuery("common word (pt)", "pt-br", "governo"),
    SearchQuery("common word (es)", "es", "gobierno"),
    SearchQuery("common word (en)", "en", "government"),
    SearchQuery("rare word", "es", "Ushuaia"),
    SearchQuery("cross-lingual concept", "pt-br", "orcamento participativo"),
    SearchQuery("quoted phrase", "en", '"open data"'),
    SearchQuery(
        "type + facet filters", "es", "datos abiertos", (("type", "practice"), ("country", "AR"))
    ),
    SearchQuery("exclusion", "en", "participatory budgeting -youth"),
    SearchQuery("misspelled", "pt-br", "transparencai"),
]

SCENARIOS = [Scenario(f"search: {q.name}", q.path(), SEARCH_P95_BUDGET_MS) for q in QUERIES]


def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INDEX_CODE:
        digest.update((ROOT / "intercambio" / "search" / name).read_bytes())
    return digest.hexdigest()[:16]


def build_index(marker: Path, dataset_fingerprint: dict, *, force: bool = False) -> dict:
    """The index of the bench data set, built (and timed) unless the marker says this very
    index is there already. Returns the throughput figures."""
    from django.db import connection

    from intercambio.search import index
    from intercambio.search.models import Entry

    wanted = {"code": code_fingerprint(), **dataset_fingerprint}
    try:
        previous = json.loads(marker.read_text())
    except (OSError, ValueError):
        previous = {}
    entries_now = Entry.objects.count()
    if (
        not force
        and all(previous.get(k) == v for k, v in wanted.items())
        and entries_now
        and previous.get("entries") == entries_now
    ):
        print(f"== reusing the search index ({entries_now} entries)", flush=True)
        return {**previous["figures"], "reused": True}

    print("== building the search index (intercambio.search.index.rebuild)", flush=True)
    records: dict[str, int] = {}
    seconds_by_kind: dict[str, float] = {}
    clock = {"kind": None, "start": time.perf_counter()}

    def progress(kind: str, done: int, total: int) -> None:
        records[kind] = total
        if done == total:
            now = time.perf_counter()
            seconds_by_kind[kind] = now - clock["start"]
            clock["start"] = now
            print(f"   {kind:<13} {total:>7} records in {seconds_by_kind[kind]:.1f} s", flush=True)

    marker.unlink(missing_ok=True)
    started = time.perf_counter()
    entries = index.rebuild(progress=progress)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # steady state, as after autovacuum
            cursor.execute("ANALYZE search_entry")
            cursor.execute("ANALYZE search_tag")
    per_kind = {}
    for kind, count in _entries_by_kind():
        per_kind[kind] = {
            "records": records.get(kind, 0),
            "entries": count,
            "seconds": round(seconds_by_kind.get(kind, 0.0), 1),
            "entries_per_s": round(count / seconds_by_kind[kind], 1)
            if seconds_by_kind.get(kind)
            else None,
        }
    total_records = sum(records.values())
    figures = {
        "entries": entries,
        "records": total_records,
        "seconds": round(seconds, 1),
        "entries_per_s": round(entries / seconds, 1) if seconds else None,
        "records_per_s": round(total_records / seconds, 1) if seconds else None,
        "by_kind": per_kind,
        "reused": False,
    }
    marker.write_text(json.dumps({**wanted, "entries": entries, "figures": figures}, indent=2))
    print(
        f"   {entries} entries ({total_records} records) in {seconds:.1f} s: "
        f"{figures['entries_per_s']} entries/s, {figures['records_per_s']} records/s",
        flush=True,
    )
    return figures


def _entries_by_kind() -> list[tuple[str, int]]:
    from django.db.models import Count

    from intercambio.search.models import Entry

    rows = Entry.objects.values("kind").order_by("kind").annotate(n=Count("id"))
    return [(row["kind"], row["n"]) for row in rows]


def _stats(values: list[float]) -> dict:
    return {
        "p50": round(percentile(values, 0.5), 2),
        "p95": round(percentile(values, 0.95), 2),
        "mean": round(statistics.fmean(values), 2),
    }


def floor_ratio(rounds: int = FLOOR_ROUNDS) -> dict:
    """For each query of the mix, in process: `queries.search` (count, page, facets,
    snippets, suggestion) against the bare engine query for the same terms,
    `backend().floor_sql(...)` (MATCH … ORDER BY rank LIMIT 10), each run `rounds` times
    (fewer when they take over FLOOR_SECONDS, at least 3) after one warm-up. `search` is
    timed twice: as served again (the count and facets cached until the index changes) and
    cold (the cache emptied before each round)."""
    from django.core.cache import cache
    from django.db import connection

    from intercambio.search import index, queries
    from intercambio.search.analyzer import parse_query
    from intercambio.search.backends import backend

    print(f"== search against the floor (in process, {rounds} rounds)", flush=True)
    rows = []
    for item in QUERIES:
        filters = dict(item.filters)
        query = parse_query(item.text, glossary=index.glossary())
        engine = backend()
        floor_sql = engine.floor_sql(query) if engine.expression(query) else None

        def ours(filters=filters, item=item):
            return queries.search(text=item.text, filters=filters, language=item.language)

        def ours_cold(ours=ours):
            cache.clear()
            return ours()

        def floor(floor_sql=floor_sql):
            with connection.cursor() as cursor:
                cursor.execute(*floor_sql)
                return cursor.fetchall()

        found = ours()
        ours_ms = _timed(ours, rounds)
        cold_ms = _timed(ours_cold, rounds)
        floor_ms = _timed(floor, rounds) if floor_sql else []
        row = {
            "name": item.name,
            "language": item.language,
            "query": item.text,
            "filters": filters,
            "count": found.count,
            "suggestion": found.suggestion,
            "expression": floor_sql[1][-1] if floor_sql else "",
            "rounds": len(ours_ms),
            "search_ms": _stats(ours_ms),
            "search_cold_ms": _stats(cold_ms),
            "floor_ms": _stats(floor_ms) if floor_ms else None,
        }
        if floor_ms:
            row["ratio_p50"] = round(row["search_ms"]["p50"] / max(row["floor_ms"]["p50"], 1e-3), 1)
            row["ratio_p95"] = round(row["search_ms"]["p95"] / max(row["floor_ms"]["p95"], 1e-3), 1)
            row["cold_ratio_p95"] = round(
                row["search_cold_ms"]["p95"] / max(row["floor_ms"]["p95"], 1e-3), 1
            )
        rows.append(row)
        print(
            f"   {item.name:<24} {found.count:>7} results  search p50 {row['search_ms']['p50']} "
            f"p95 {row['search_ms']['p95']} ms, cold p95 {row['search_cold_ms']['p95']} ms, floor p50 "
            f"{row['floor_ms']['p50'] if floor_ms else '—'} ms",
            flush=True,
        )
    return {"rounds": rounds, "queries": rows, "plans": _plans()}


def _timed(function, rounds: int) -> list[float]:
    samples: list[float] = []
    deadline = time.perf_counter() + FLOOR_SECONDS
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
        if len(samples) >= 3 and started > deadline:
            break
    return samples


def _plans() -> dict[str, str]:
    """The engine's plan of the ranked page query for the common word, for the report."""
    from django.db import connection

    from intercambio.search import index, queries
    from intercambio.search.analyzer import parse_query
    from intercambio.search.backends import backend

    query = parse_query(QUERIES[0].text, glossary=index.glossary())
    sql, params = queries.ranked_sql(backend(), query, {}, queries.PAGE_SIZE * 3)
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        plan = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
    return {"ranked page, common word": plan}
