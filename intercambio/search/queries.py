"""Searching the index: ranked inside the engine, grouped by record, then only the page's
records are read, with their snippets; facet counts and "did you mean" beside."""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.db import connection

from intercambio.search.analyzer import Query, normalize, parse_query, stem
from intercambio.search.backends import backend
from intercambio.search.index import glossary
from intercambio.search.models import Entry, Word

PAGE_SIZE = 10
MAX_PAGE = 50  # bounded: 500 results are more than anyone reads
SNIPPET_RADIUS = 110
# A snippet is looked for in the first characters of a text: stemming a whole report for
# each result would cost more than the search.
SNIPPET_SCAN = 5000
FACETS = ("type", "language", "country", "organization", "year", "theme", "sdg")
_FACET_COLUMNS = {"type": "e.kind", "language": "e.language", "country": "e.country",
                  "organization": "e.organization_id", "year": "e.year"}  # fmt: skip
ORGANIZATION_OPTIONS = 30  # the busiest publishers among the results, as in the lists


@dataclass
class Result:
    kind: str
    record_id: int
    title: str
    url: str  # without the language prefix
    language: str
    snippet: str  # HTML: escaped text with <mark> around the words searched for
    score: float

    @property
    def kind_label(self) -> str:
        return Entry.Kind(self.kind).label


@dataclass
class SearchResults:
    query: Query
    count: int = 0
    results: list[Result] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str = ""


def _filters_sql(filters: dict[str, str], skip: str = "") -> tuple[str, list]:
    clauses, params = [], []
    for name, value in filters.items():
        if not value or name == skip:
            continue
        if name in _FACET_COLUMNS:
            clauses.append(f"{_FACET_COLUMNS[name]} = %s")
            params.append(int(value) if name in {"year", "organization"} else value)
        elif name in {"theme", "sdg"}:
            clauses.append(
                "EXISTS (SELECT 1 FROM search_tag t WHERE t.entry_id = e.id AND t.value = %s)"
            )
            params.append(f"{name}:{value}")
    return (" AND " + " AND ".join(clauses)) if clauses else "", params


def search(*, text: str, filters: dict[str, str], language: str, page: int = 1) -> SearchResults:
    """The records matching `text` (and the filters), best first, one per record whatever
    the number of its language versions; `language` picks the version shown."""
    query = parse_query(text, glossary=glossary())
    found = SearchResults(query=query)
    engine = backend()
    if query.is_empty or not engine.expression(query):
        return found
    ranked, ranked_params = engine.ranked_sql(query)
    matching, matching_params = engine.matching_ids_sql(query)
    where, where_params = _filters_sql(filters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(DISTINCT e.record_key) FROM ({matching}) m "  # noqa: S608
            f"JOIN search_entry e ON e.id = m.entry_id WHERE 1 = 1{where}",
            [*matching_params, *where_params],
        )
        found.count = cursor.fetchone()[0]
        # Counted first so that a page past the end shows the last page, as the page's
        # "Page n of N" says, rather than an empty list under "12 results".
        last = max(1, (found.count + PAGE_SIZE - 1) // PAGE_SIZE)
        page = max(1, min(page, MAX_PAGE, last))
        cursor.execute(
            f"SELECT e.record_key, MIN(r.score) AS best FROM ({ranked}) r "  # noqa: S608
            f"JOIN search_entry e ON e.id = r.entry_id WHERE 1 = 1{where} "
            "GROUP BY e.record_key ORDER BY best, e.record_key LIMIT %s OFFSET %s",
            [*ranked_params, *where_params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
        )
        best = cursor.fetchall()
        found.facets = _facet_counts(cursor, matching, matching_params, filters)
    found.results = _results(best, query, language)
    if not found.count:
        found.suggestion = suggest(query, text)
    return found


def _facet_counts(cursor, matching: str, params: list, filters: dict[str, str]) -> dict:
    """Records per value of each facet, each counted with the other filters applied."""
    facets: dict[str, dict[str, int]] = {}
    joined = f"FROM ({matching}) m JOIN search_entry e ON e.id = m.entry_id"
    for name, column in _FACET_COLUMNS.items():
        where, where_params = _filters_sql(filters, skip=name)
        cursor.execute(
            f"SELECT {column}, COUNT(DISTINCT e.record_key) {joined} "  # noqa: S608
            f"WHERE 1 = 1{where} GROUP BY {column}",
            [*params, *where_params],
        )
        facets[name] = {str(value): n for value, n in cursor.fetchall() if value not in (None, "")}
    busiest = sorted(facets["organization"].items(), key=lambda item: -item[1])
    facets["organization"] = dict(busiest[:ORGANIZATION_OPTIONS])
    for name in ("theme", "sdg"):
        where, where_params = _filters_sql(filters, skip=name)
        cursor.execute(
            f"SELECT t.value, COUNT(DISTINCT e.record_key) {joined} "  # noqa: S608
            f"JOIN search_tag t ON t.entry_id = e.id WHERE t.value LIKE %s{where} "
            "GROUP BY t.value",
            [*params, f"{name}:%", *where_params],
        )
        facets[name] = {value.partition(":")[2]: n for value, n in cursor.fetchall()}
    return facets


def _results(best: list[tuple[str, float]], query: Query, language: str) -> list[Result]:
    """The page's records in their best version for the reader: their language, else the
    original. Two queries: the versions without their text, then the shown ones' text."""
    if not best:
        return []
    versions: dict[str, list[Entry]] = {}
    for entry in Entry.objects.filter(record_key__in=[key for key, _score in best]).only(
        "kind", "record_id", "record_key", "language", "is_original", "title", "url"
    ):
        versions.setdefault(entry.record_key, []).append(entry)
    chosen_versions = {key: best_version(entries, language) for key, entries in versions.items()}
    texts = {
        pk: (summary, body[:SNIPPET_SCAN])
        for pk, summary, body in Entry.objects.filter(
            pk__in=[e.pk for e in chosen_versions.values()]
        ).values_list("pk", "summary", "body")
    }
    results = []
    for key, score in best:
        chosen = chosen_versions.get(key)
        if chosen is None:
            continue
        chosen.summary, chosen.body = texts.get(chosen.pk, ("", ""))
        results.append(Result(
            kind=chosen.kind, record_id=chosen.record_id, title=chosen.title, url=chosen.url,
            language=chosen.language, snippet=snippet(chosen, query), score=round(-score, 6),
        ))  # fmt: skip
    return results


def best_version(entries: list[Entry], language: str) -> Entry:
    """The version a reader of `language` sees: theirs, else the original."""
    return next((e for e in entries if e.language == language), None) or next(
        (e for e in entries if e.is_original), entries[0]
    )


def _wanted(query: Query) -> tuple[set[str], set[str]]:
    terms = query.wanted_terms()
    return {t.word for t in terms}, {s for t in terms for s in t.stems}


def snippet(entry: Entry, query: Query) -> str:
    """A window of the entry's text around the first word searched for, HTML-escaped, with
    <mark> around every word that matched (by its stem, in the entry's language)."""
    text = " ".join(filter(None, [entry.summary, entry.body]))
    words_wanted, stems_wanted = _wanted(query)

    def matches(word: str) -> bool:
        plain = normalize(word)
        return plain in words_wanted or stem(plain, entry.language) in stems_wanted

    spans = [m.span() for m in re.finditer(r"[^\W_]+", text) if matches(m.group())]
    start = max(0, spans[0][0] - SNIPPET_RADIUS) if spans else 0
    end = min(len(text), start + 2 * SNIPPET_RADIUS + 60)
    pieces, position = [], start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        pieces += [html.escape(text[position:begin]), "<mark>", html.escape(text[begin:finish]),
                   "</mark>"]  # fmt: skip
        position = finish
    pieces.append(html.escape(text[position:end]))
    return ("…" if start else "") + "".join(pieces).strip() + ("…" if end < len(text) else "")


def suggest(query: Query, text: str) -> str:
    """ "Did you mean": the query with each word the index never saw replaced by the closest
    word it did see (same first letter), or "" when there is nothing better."""
    changed = False
    corrected = normalize(text)
    for word in dict.fromkeys(query.words()):
        if len(word) < 4 or Word.objects.filter(word=word).exists():
            continue
        candidates = list(
            Word.objects.filter(word__startswith=word[0]).values_list("word", flat=True)[:5000]
        )
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        if close:
            corrected = re.sub(rf"\b{re.escape(word)}\b", close[0], corrected)
            changed = True
    return corrected if changed else ""
