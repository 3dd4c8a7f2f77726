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
        f"{dataset['bodies']} bodies, {dataset['body_roles']:,} body roles) on "
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
    return "\n".join(lines) + "\n"


def write(result: dict, directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / "latest.json"
    md_path = directory / "latest.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(markdown(result))
    return json_path, md_path
