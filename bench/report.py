"""The results as JSON (for tools) and as a Markdown table (for people)."""

import json
from pathlib import Path


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _queries(value) -> str:
    if isinstance(value, list):
        return "—" if not value else f"{value[0]}–{value[-1]} ⚠"
    return str(value)


def _verdict(page: dict) -> str:
    problems = []
    if page.get("skipped"):
        return f"FAILED: {page['skipped']}"
    if page["failed"]:
        problems.append(f"{page['failed']} failed")
    if page.get("over_budget"):
        problems.append("p95 over budget")
    if isinstance(page["sql_queries"], list) and len(page["sql_queries"]) > 1:
        problems.append("SQL count varies")
    return ", ".join(problems) or "ok"


def _load_warning(machine: dict) -> list[str]:
    load = max(machine["load_average_before"][0], machine["load_average_after"][0])
    if load <= machine["cpu_count"] * 0.5:
        return []
    return [
        f"**Busy machine**: load average {load:.1f} on {machine['cpu_count']} CPUs during the "
        "run (other processes); every time below is inflated by it.",
        "",
    ]


def markdown(result: dict) -> str:
    config, machine, dataset = result["config"], result["machine"], result["dataset"]
    size = f"{config['size']:,}".replace(",", " ")
    lines = [
        f"# Benchmark {result['timestamp']}",
        "",
        f"{size} organizations ({dataset['memberships']:,} memberships, "
        f"{dataset['bodies']} bodies, {dataset['body_roles']:,} body roles), "
        f"{dataset.get('practices', 0):,} practices, "
        f"{dataset.get('library_published', 0):,} published library documents "
        f"({dataset.get('library_files', 0):,} files), {dataset.get('events', 0):,} events "
        f"({dataset.get('sessions', 0):,} sessions, {dataset.get('registrations', 0):,} "
        f"registrations), {dataset.get('workplans', 0):,} work plan(s) of "
        f"{dataset.get('workplan_activities', 0):,} activities on "
        f"{machine['database']} · gunicorn {config['workers']} sync worker(s) · "
        f"{config['concurrency']} clients, up to {config['requests_per_page']} requests or "
        f"{config['duration_s']:g} s per page · {machine['cpu_count']} CPUs "
        f"({machine['cpu_model']}) · Python {machine['python']}"
        + (f" · commit {result['git']}" if result.get("git") else ""),
        "",
        "Server time is the app's own `Server-Timing: app;dur` (middleware to response); client "
        "time adds the network and the wait for a free worker. × floor is the page's "
        f"throughput over the floor's (`/bench/floor`, one-row read). Budget: server p95 under "
        f"{result['budget']['server_p95_ms']} ms (search pages: "
        f"{result['budget'].get('search_p95_ms', '—')} ms) and a fixed SQL count.",
        "",
        *_load_warning(machine),
        "| page | path | requests | server p50 ms | server p95 ms | client p50 ms | "
        "client p95 ms | req/s | × floor | SQL | HTML KB gz | verdict |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for page in [result["floor"], *result["pages"]]:
        if page.get("skipped"):
            lines.append(
                f"| {page['name']} | `{page['path']}` | | | | | | | | | | {_verdict(page)} |"
            )
            continue
        ratio = page.get("ratio_to_floor")
        lines.append(
            "| {name} | `{path}` | {requests} | {sp50} | {sp95} | {cp50} | {cp95} | {rps:.1f} | "
            "{ratio} | {sql} | {kb:.1f} | {verdict} |".format(
                name=page["name"],
                path=page["path"],
                requests=page["requests"],
                sp50=_ms(page["server_ms"]["p50"]),
                sp95=_ms(page["server_ms"]["p95"]),
                cp50=_ms(page["client_ms"]["p50"]),
                cp95=_ms(page["client_ms"]["p95"]),
                rps=page["throughput_rps"],
                ratio="—" if ratio is None else f"{ratio:.2f}",
                sql=_queries(page["sql_queries"]),
                kb=page["html_gzip_bytes"] / 1024,
                verdict=_verdict(page),
            )
        )
    if dataset.get("reused"):
        lines += ["", "Data set reused from an earlier run (same size, seed and generator)."]
    else:
        lines += ["", f"Data set generated in {dataset['generation_s']:.1f} s."]
    lines += _search(result.get("search"), dataset.get("search_index"))
    lines += _registration(result.get("registration"))
    lines += _extraction(result.get("extraction"))
    return "\n".join(lines) + "\n"


def _search(search: dict | None, built: dict | None) -> list[str]:
    """The search index build, our search against the bare engine query, and quality."""
    lines = ["", "## Search", ""]
    if built:
        lines += [
            "Index build (`intercambio.search.index.rebuild`, what `intercambio reindex` runs) "
            + ("— reused from an earlier run with the same data set and search code:"
               if built.get("reused") else "on this run:"),
            "",
            "| kind | records | entries | seconds | entries/s |",
            "|---|--:|--:|--:|--:|",
        ]  # fmt: skip
        for kind, row in built["by_kind"].items():
            lines.append(
                f"| {kind} | {row['records']:,} | {row['entries']:,} | {row['seconds']:.1f} | "
                f"{_rate(row['entries_per_s'])} |"
            )
        lines += [
            f"| **all** | {built['records']:,} | {built['entries']:,} | {built['seconds']:.1f} | "
            f"{_rate(built['entries_per_s'])} ({_rate(built['records_per_s'])} records/s) |",
            "",
        ]
    if not search:
        return lines + ["Search speed and quality not measured."]
    floor = search.get("floor") or {}
    if floor.get("error"):
        lines += [f"Floor ratio FAILED: {floor['error']}", ""]
    elif floor:
        lines += [
            "In process, the server stopped, each query run "
            f"up to {floor['rounds']} times (at least 3, fewer past 6 s): `queries.search` "
            "(count, ranked page, facets, snippets, suggestion) against the floor, the bare engine query for the same terms "
            "(`backend().floor_sql`: MATCH … ORDER BY rank LIMIT 10), ms. *Cold*: the count and "
            "facets not yet cached (the first search of those words since the index last changed).",
            "",
            "| query | language | filters | results | search p50 | search p95 | cold p50 | "
            "cold p95 | floor p50 | floor p95 | × floor p95 | cold × floor p95 |",
            "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for row in floor["queries"]:
            filters = ", ".join(f"{k}={v}" for k, v in row["filters"].items()) or "—"
            fl = row.get("floor_ms") or {}
            cold = row.get("search_cold_ms") or {}
            suggestion = f" → “{row['suggestion']}”" if row.get("suggestion") else ""
            lines.append(
                f"| {row['name']}: `{row['query']}`{suggestion} | {row['language']} | {filters} | "
                f"{row['count']:,} | {row['search_ms']['p50']:.1f} | {row['search_ms']['p95']:.1f} | "
                f"{_ms(cold.get('p50'))} | {_ms(cold.get('p95'))} | "
                f"{_ms(fl.get('p50'))} | {_ms(fl.get('p95'))} | {row.get('ratio_p95', '—')} | "
                f"{row.get('cold_ratio_p95', '—')} |"
            )
        for name, plan in floor.get("plans", {}).items():
            lines += ["", f"Plan of the {name}:", "", "```", plan, "```"]
        lines.append("")
    quality = search.get("quality")
    if quality is None:
        lines += ["Quality not measured (--no-search-quality)."]
    elif quality.get("error"):
        lines += [f"Quality FAILED: {quality['error']}"]
    else:
        cross = quality["cross_lingual"]
        lines += [
            f"Quality on the tests' judged set ({quality['queries']} queries, "
            f"{quality['cross_lingual_queries']} with cross-lingual answers; binary relevance, "
            f"{quality['database']}, a throwaway database): **MRR {quality['mrr']:.3f}**, "
            f"**nDCG@10 {quality['ndcg10']:.3f}**, recall@10 {quality['recall10']:.3f}; "
            f"cross-lingual queries MRR {cross['mrr']:.3f}, nDCG@10 {cross['ndcg10']:.3f}.",
        ]
        for row in quality.get("worst", []):
            lines.append(
                f"- `{row['query']}` ({row['language']}): nDCG@10 {row['ndcg10']:.2f}, expected "
                f"{', '.join(row['expected'])}; got {', '.join(row['top10'][:5]) or 'nothing'}"
            )
    return lines


def _registration(found: dict | None) -> list[str]:
    """Registrations per second through the real endpoints, and the seats under contention."""
    lines = ["", "## Event registration", ""]
    if found is None:
        return lines + ["Not measured (--no-registration, or --only names other pages)."]
    if found.get("error"):
        return lines + [f"FAILED: {found['error']}"]
    lines += [
        f"{found['registrations']} guests fill the form of an upcoming event with "
        f"{found['capacity']} seats (`POST /en/events/<slug>/register/`, CSRF from one GET of "
        "the form per client), then open the link of their e-mail at once "
        "(`GET /en/events/registrations/<token>/confirm/`, the seat or the waitlist decided "
        f"under the event's lock); then {found['registrations']} signed-in members click "
        f"Register (`one_click=1`) on a second event of {found['capacity']} seats. gunicorn "
        f"{found['workers']} sync workers, {found['clients']} clients; redirects not followed. "
        "Both events, the accounts and the queued e-mail tasks are deleted afterwards.",
        "",
        "| phase | requests | as expected | per s | client p50 ms | client p95 ms | "
        "server p50 ms | server p95 ms | SQL | e-mail tasks | registrations after |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for name, phase in found.get("phases", {}).items():
        if phase.get("error"):
            lines.append(f"| {name} | | | | | | | | | | FAILED: {phase['error']} |")
            continue
        after = ", ".join(f"{status} {n}" for status, n in phase.get("after", {}).items())
        lines.append(
            f"| {name} | {phase['requests']} | {phase['ok']} | {_rate(phase['per_s'])} | "
            f"{_ms(phase['client_ms']['p50'])} | {_ms(phase['client_ms']['p95'])} | "
            f"{_ms(phase['server_ms']['p50'])} | {_ms(phase['server_ms']['p95'])} | "
            f"{_span(phase['sql_queries'])} | {phase.get('tasks_queued', '—')} | {after} |"
        )
    problems = found.get("problems") or []
    lines += ["", "Checks: " + ("; ".join(problems) if problems else
                              "every request answered as expected, no 5xx, seats = capacity, "
                              "the others waitlisted, one e-mail task per request.")]  # fmt: skip
    return lines


def _span(value) -> str:
    """A SQL count or its range: a registration's count depends on its branch (a seat or the
    waitlist, a directory organization or a typed name), which is expected."""
    if isinstance(value, list):
        return "—" if not value else f"{value[0]}–{value[-1]}"
    return str(value)


FORMAT_NAMES = {"pdf": "PDF", "docx": "DOCX", "odt": "ODT"}


def _extraction(extraction: dict | None) -> list[str]:
    """The library's text extraction (bench/extraction.py): throughput and language accuracy."""
    if extraction is None:
        return ["", "## Document extraction", "", "Not measured (--no-extraction)."]
    if extraction.get("error"):
        return ["", "## Document extraction", "", f"FAILED: {extraction['error']}"]
    lines = [
        "",
        "## Document extraction",
        "",
        "`intercambio.library.extract.extract` on generated documents (one process, the server "
        f"stopped), each file read {extraction['rounds']} times; the median round counts. Each "
        "file is written in a known language (pt-br, es, en in turn).",
        "",
        "| format | files | pages/file | KB/file | characters/file | median round s | pages/s | "
        "documents/s | ms/file p50 | ms/file p95 | language detection share | "
        "language accuracy |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for extension, row in extraction["formats"].items():
        confusions = ", ".join(f"{k} ×{v}" for k, v in row["language_confusions"].items())
        lines.append(
            f"| {FORMAT_NAMES.get(extension, extension)} | {row['files']} | "
            f"{row['pages_per_file'] or '—'} | {row['kb_per_file']:.1f} | "
            f"{row['characters_per_file']:,} | {row['seconds']:.2f} | "
            f"{_rate(row['pages_per_s'])} | {_rate(row['files_per_s'])} | "
            f"{row['ms_per_file']['p50']:.1f} | {row['ms_per_file']['p95']:.1f} | "
            f"{_share(row['detection_share'])} | {row['language_accuracy']:.1%}"
            + (f" ({confusions})" if confusions else "")
            + " |"
        )
    first = ", ".join(
        f"{FORMAT_NAMES.get(k, k)} {v:.0f} ms" for k, v in extraction["first_call_ms"].items()
    )
    lingua = extraction["lingua_load"]
    lines += [
        "",
        "Not counted above, paid once per process: loading lingua's models for the first "
        f"document ({_load(lingua['long_text'])}), then, at the first text under ~120 "
        f"characters, the models of the other n-gram lengths ({_load(lingua['short_text'])}); "
        f"the first file of each format (imports): {first}. Overall language accuracy "
        f"{extraction['language_accuracy']:.1%}; corpus written in "
        f"{extraction['corpus_generation_s']:.1f} s. Pages per second for PDF only: an "
        "office file's page count is what its metadata says (python-docx's template: 1).",
    ]
    if extraction.get("errors"):
        lines += ["", "Extraction errors: " + "; ".join(extraction["errors"])]
    return lines


def _load(step: dict) -> str:
    memory = step.get("rss_mb")
    return f"{step['load_s']:.2f} s" + (
        f", +{memory:.0f} MB resident" if memory is not None else ""
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def write(result: dict, directory: Path) -> tuple[Path, Path]:
    """latest.json and latest.md, and the same as latest-<database>.*, so that the last
    SQLite and the last PostgreSQL figures are kept side by side."""
    directory.mkdir(parents=True, exist_ok=True)
    database = result["config"]["database"]
    for name in ("latest", f"latest-{database}"):
        json_path = directory / f"{name}.json"
        md_path = directory / f"{name}.md"
        json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        md_path.write_text(markdown(result))
    return directory / "latest.json", directory / "latest.md"
