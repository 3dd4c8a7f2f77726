"""Extraction throughput of the knowledge library, in process (no server): what the worker
does with each upload (intercambio.library.extract.extract: read the text, count the pages,
detect the language, cut the excerpt).

A corpus of real documents is written with intercambio.library.documents — PDFs of about ten
pages, shorter DOCX and ODT files — each in a known language (pt-br, es, en in turn), then
read ROUNDS times; throughput is that of the median round. lingua's model loading (the first
detection in a process) and each format's first call (imports) are measured apart and not
counted. Language accuracy compares the detected language with the one each file was written
in.

Import only after django.setup().
"""

import os
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench import words
from bench.library import LANGUAGES, TITLES, paragraphs, slots

PDFS, PDF_CHARACTERS = 20, 36_000  # ~10 A4 pages each
DOCX, ODT, OFFICE_CHARACTERS = 50, 50, 12_000  # ~3–4 pages each
ROUNDS = 3
FPDF_LANGUAGE = {"pt-br": "pt-BR", "es": "es", "en": "en"}


def _rss_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _corpus(directory: Path, rng: random.Random, counts: dict[str, int]) -> list[dict]:
    """Write the documents; returns one {format, path, name, language} per file."""
    from intercambio.library.documents import docx_bytes, odt_bytes, pdf_bytes

    files = []
    for extension, count in counts.items():
        size = PDF_CHARACTERS if extension == "pdf" else OFFICE_CHARACTERS
        for index in range(count):
            language = LANGUAGES[index % len(LANGUAGES)]
            i = LANGUAGES.index(language)
            country = rng.choice(list(words.COUNTRIES))
            template = rng.choice(TITLES["guide"] + TITLES["report"] + TITLES["survey"])[i]
            title = template.format(**slots(rng, country=country)[i])
            title = title[:1].upper() + title[1:]
            body = paragraphs(rng, language=language, characters=size, country=country)
            if extension == "pdf":
                data = pdf_bytes(title=title, paragraphs=body, language=FPDF_LANGUAGE[language])
            elif extension == "docx":
                data = docx_bytes(title=title, paragraphs=body)
            else:
                data = odt_bytes(title=title, paragraphs=body)
            name = f"{extension}-{index:03}-{language}.{extension}"
            path = directory / name
            path.write_bytes(data)
            files.append(
                {"format": extension, "path": path, "name": name, "language": language,
                 "bytes": len(data)}
            )  # fmt: skip
    return files


def run(
    *, seed: int, pdfs: int = PDFS, docx: int = DOCX, odt: int = ODT, rounds: int = ROUNDS,
    log: Callable[[str], None] = print,
) -> dict:  # fmt: skip
    from intercambio.library import extract as extraction

    rng = random.Random(seed + 3)
    counts = {"pdf": pdfs, "docx": docx, "odt": odt}
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as temporary:
        directory = Path(temporary)
        started = time.perf_counter()
        # One more file of each format for the warm-up, not counted.
        (directory / "warm").mkdir()
        warm = _corpus(directory / "warm", rng, dict.fromkeys(counts, 1))
        files = _corpus(directory, rng, counts)
        generation_s = time.perf_counter() - started
        log(f"  corpus: {pdfs} PDF, {docx} DOCX, {odt} ODT written in {generation_s:.1f} s")

        # lingua builds its detector once per process and loads models on first use: a long
        # text (a document) needs the trigram models only; the first text under ~120
        # characters loads the models of every other n-gram length.
        lingua = {}
        for label, text in (
            ("long_text", paragraphs(rng, language="es", characters=600)[1]),
            ("short_text", "Guía de datos abiertos para municipios"),
        ):
            rss_before, started = _rss_mb(), time.perf_counter()
            extraction.detect_language(text)
            rss_after = _rss_mb()
            lingua[label] = {
                "characters": len(text),
                "load_s": round(time.perf_counter() - started, 2),
                "rss_mb": round(rss_after - rss_before, 1)
                if rss_before is not None and rss_after is not None
                else None,
            }
        first_call = {}
        for item in warm:
            started = time.perf_counter()
            extraction.extract(path=item["path"], name=item["name"])
            first_call[item["format"]] = round((time.perf_counter() - started) * 1000, 1)

        results: dict[str, dict] = {}
        rounds_s: dict[str, list[float]] = {extension: [] for extension in counts}
        per_file_ms: dict[str, list[float]] = {extension: [] for extension in counts}
        found: dict[Path, object] = {}
        errors: list[str] = []
        for _round in range(rounds):
            for extension in counts:
                total = 0.0
                for item in (f for f in files if f["format"] == extension):
                    started = time.perf_counter()
                    try:
                        found[item["path"]] = extraction.extract(
                            path=item["path"], name=item["name"]
                        )
                    except extraction.ExtractionError as error:
                        errors.append(f"{item['name']}: {error.failure}")
                        found[item["path"]] = None
                    elapsed = time.perf_counter() - started
                    total += elapsed
                    per_file_ms[extension].append(elapsed * 1000)
                rounds_s[extension].append(total)

        for extension, count in counts.items():
            items = [f for f in files if f["format"] == extension]
            if not items:
                continue
            read = [found[f["path"]] for f in items]
            pages = sum((r.page_count or 0) for r in read if r)
            characters = sum(len(r.text) for r in read if r)
            seconds = statistics.median(rounds_s[extension])
            confusions = Counter(
                f"{f['language']}→{r.language or '?'}"
                for f, r in zip(items, read, strict=True)
                if r and r.language != f["language"]
            )
            right = sum(
                1 for f, r in zip(items, read, strict=True) if r and r.language == f["language"]
            )
            # How much of the time is the language detection (the same call extract makes).
            started = time.perf_counter()
            for r in read:
                if r:
                    extraction.detect_language(r.text)
            detection_s = time.perf_counter() - started
            ordered = sorted(per_file_ms[extension])
            results[extension] = {
                "files": count,
                "pages": pages,
                "pages_per_file": round(pages / count, 1),
                "characters_per_file": round(characters / count),
                "kb_per_file": round(sum(f["bytes"] for f in items) / count / 1024, 1),
                "seconds": round(seconds, 3),
                "rounds_s": [round(value, 3) for value in rounds_s[extension]],
                # Only a PDF's page count is its own: an office file's is whatever its
                # metadata says (python-docx's template always says 1).
                "pages_per_s": round(pages / seconds, 1)
                if extension == "pdf" and pages and seconds
                else None,
                "files_per_s": round(count / seconds, 1) if seconds else None,
                "ms_per_file": {
                    "p50": round(statistics.median(ordered), 1),
                    "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
                },
                "detection_share": round(detection_s / seconds, 3) if seconds else None,
                "language_accuracy": round(right / count, 3),
                "language_confusions": dict(confusions),
            }
            log(
                f"  {extension:<5} {count:>3} files {pages:>5} pages  "
                f"{results[extension]['pages_per_s'] or '—'} pages/s  "
                f"{results[extension]['files_per_s']} files/s  "
                f"language {right}/{count}"
            )
    correct = sum(r["language_accuracy"] * r["files"] for r in results.values())
    total_files = sum(r["files"] for r in results.values())
    return {
        "rounds": rounds,
        "corpus_generation_s": round(generation_s, 1),
        "lingua_load": lingua,
        "first_call_ms": first_call,
        "formats": results,
        "language_accuracy": round(correct / total_files, 3) if total_files else None,
        "errors": sorted(set(errors)),
    }
