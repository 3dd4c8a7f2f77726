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
        f"({dataset.get('library_files', 0):,} files) on "
        f"{machine['database']} · gunicorn {config['workers']} sync worker(s) · "
        f"{config['concurrency']} clients, up to {config['requests_per_page']} requests or "
        f"{config['duration_s']:g} s per page · {machine['cpu_count']} CPUs "
        f"({machine['cpu_model']}) · Python {machine['python']}"
        + (f" · commit {result['git']}" if result.get("git") else ""),
        "",
        "Server time is the app's own `Server-Timing: app;dur` (middleware to response); client "
        "time adds the network and the wait for a free worker. × floor is the page's "
        f"throughput over the floor's (`/bench/floor`, one-row read). Budget: server p95 under "
        f"{result['budget']['server_p95_ms']} ms and a fixed SQL count.",
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
    lines += _extraction(result.get("extraction"))
    return "\n".join(lines) + "\n"


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
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / "latest.json"
    md_path = directory / "latest.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(markdown(result))
    return json_path, md_path
