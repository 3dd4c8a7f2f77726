"""Search quality on the tests' judged query set (tests/search/test_search.py JUDGED over the
corpus of tests/search/corpus.py): MRR and nDCG@10 with binary relevance.

Runs in a child process on a throwaway database (a temporary DATA_DIR with SQLite, or a
temporary PostgreSQL database beside the bench's), so the bench data set is not touched:
migrate, build the corpus as the tests do, run every judged query through `queries.search`.

    python -m bench.quality            # prints the figures as JSON (env: DATABASE_URL, DATA_DIR)
"""

import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
TOP = 10


def reciprocal_rank(ranked: list[str], relevant: frozenset[str]) -> float:
    return next((1 / rank for rank, key in enumerate(ranked, 1) if key in relevant), 0.0)


def ndcg(ranked: list[str], relevant: frozenset[str], top: int = TOP) -> float:
    gain = sum(
        1 / math.log2(rank + 1) for rank, key in enumerate(ranked[:top], 1) if key in relevant
    )
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), top) + 1))
    return gain / ideal if ideal else 0.0


def measure() -> dict:
    """In this process, on the database of the environment: migrate, build, judge."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    sys.path.insert(0, str(ROOT))
    from intercambio.search import index, queries
    from tests.search import corpus as corpus_module
    from tests.search.test_search import JUDGED, cross_lingual

    call_command("migrate", "--no-input", verbosity=0)
    index.glossary.cache_clear()
    corpus = corpus_module.build()
    rows = []
    for item in JUDGED:
        found = queries.search(text=item.query, filters={}, language=item.language)
        ranked = [corpus.key(r.kind, r.record_id) for r in found.results]
        rows.append({
            "query": item.query, "language": item.language, "cross_lingual": bool(cross_lingual(item)),
            "expected": sorted(item.expected), "top10": ranked,
            "rr": round(reciprocal_rank(ranked, item.expected), 4),
            "ndcg10": round(ndcg(ranked, item.expected), 4),
            "recall10": round(len(item.expected & set(ranked)) / len(item.expected), 4),
        })  # fmt: skip

    def mean(key: str, subset: list[dict]) -> float | None:
        return round(sum(r[key] for r in subset) / len(subset), 4) if subset else None

    crossing = [r for r in rows if r["cross_lingual"]]
    return {
        "database": connection.vendor,
        "queries": len(rows),
        "cross_lingual_queries": len(crossing),
        "mrr": mean("rr", rows),
        "ndcg10": mean("ndcg10", rows),
        "recall10": mean("recall10", rows),
        "cross_lingual": {"mrr": mean("rr", crossing), "ndcg10": mean("ndcg10", crossing)},
        "worst": sorted(
            (
                {k: r[k] for k in ("query", "language", "rr", "ndcg10", "expected", "top10")}
                for r in rows
                if r["ndcg10"] < 1
            ),
            key=lambda r: r["ndcg10"],
        )[:8],  # fmt: skip
    }


def _postgres_database(url: str, name: str, *, drop_only: bool = False) -> str:
    """A fresh database `name` on the server of `url` (created after any leftover is
    dropped); its URL."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(env: dict[str, str], database_url: str = "") -> dict:
    """Quality on a throwaway database: SQLite in a temporary folder, or, given the bench's
    PostgreSQL URL, a temporary database named after the bench's with `_quality` appended."""
    label = "postgresql" if database_url else "sqlite"
    print(f"== search quality on the judged set ({label}, throwaway database)", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as temporary:
        child = {**env, "DATA_DIR": temporary, "MEDIA_ROOT": str(Path(temporary) / "media")}
        name = ""
        if database_url:
            name = urlsplit(database_url).path.strip("/") + "_quality"
            if name.startswith("test"):
                raise ValueError(f"refusing to use a database named {name}")
            child["DATABASE_URL"] = _postgres_database(database_url, name)
        else:
            child["DATABASE_URL"] = f"sqlite:///{temporary}/quality.sqlite3"
        try:
            done = subprocess.run(
                [sys.executable, "-m", "bench.quality"], env=child, cwd=ROOT, check=True,
                capture_output=True, text=True,
            )  # fmt: skip
        except subprocess.CalledProcessError as error:
            print(error.stderr[-3000:], flush=True)
            raise
        finally:
            if name:
                _postgres_database(database_url, name, drop_only=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"   {result['queries']} queries: MRR {result['mrr']}, nDCG@10 {result['ndcg10']}, "
        f"recall@10 {result['recall10']}",
        flush=True,
    )
    return result


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercambio.settings")
    print(json.dumps(measure(), ensure_ascii=False))
