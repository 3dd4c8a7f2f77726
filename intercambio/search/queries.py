"""Searching the index: ranked inside the engine, grouped by record, then only the page's
records are read, with their snippets; facet counts and "did you mean" beside."""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.db import connection

from intercambio.common.queries import cached, count_from_facet
from intercambio.search.analyzer import LANGUAGES, Query, normalize, parse_query, stem
from intercambio.search.backends import backend
from intercambio.search.index import glossary, revision
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


def _filters_sql(filters: dict[str, str], skip: tuple[str, ...] = ()) -> tuple[str, list]:
    clauses, params = [], []
    for name, value in filters.items():
        if not value or name in skip:
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
    found.count, found.facets = _summary(engine, query, filters)
    # Counted first so that a page past the end shows the last page, as the page's
    # "Page n of N" says, rather than an empty list under "12 results".
    last = max(1, (found.count + PAGE_SIZE - 1) // PAGE_SIZE)
    page = max(1, min(page, MAX_PAGE, last))
    found.results = _results(_ranked_page(engine, query, filters, page), query, language)
    if not found.count:
        found.suggestion = suggest(query, text)
    return found


def ranked_sql(engine, query: Query, filters: dict[str, str], limit: int) -> tuple[str, list]:
    """(record key, score) of the best `limit` matching entries, best first, ranked and cut
    inside the engine."""
    where, where_params = _filters_sql(filters)
    return engine.ranked_sql(query, where, where_params, limit)


def _ranked_page(engine, query: Query, filters: dict[str, str], page: int) -> list[tuple]:
    """(record key, score) of the page's records, best first: enough of the best entries for
    the page whatever the number of each record's language versions, then one per record."""
    with connection.cursor() as cursor:
        cursor.execute(*ranked_sql(engine, query, filters, page * PAGE_SIZE * len(LANGUAGES)))
        best = dict(reversed(cursor.fetchall()))  # each record's first (best) entry
    ranked = sorted(best.items(), key=lambda item: (item[1], item[0]))
    return ranked[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


def _summary(engine, query: Query, filters: dict[str, str]) -> tuple[int, dict]:
    """The number of matching records and the facet counts, from one pass of the engine,
    kept in the cache until the index changes (a common word matches tens of thousands of
    entries; paging through its results or switching the page's language counts nothing
    again)."""
    return cached(
        namespace="search",
        asked=[connection.vendor, engine.expression(query), sorted(filters.items()), revision()],
        compute=lambda: _count_and_facets(engine, query, filters),
    )


def _count_and_facets(engine, query: Query, filters: dict[str, str]) -> tuple[int, dict]:
    """Records in all, and per value of each facet with the other filters applied: one
    statement, the engine matching once. Language is the only facet whose value differs
    between the versions of a record (themes and SDGs are the record's): every other facet
    counts rows of `records`, one per matching record (in the language filtered by), rather
    than distinct records among the versions, twice as fast for a common word."""
    matches, match_params = engine.matches_sql(query)
    language = filters.get("language")
    parts, params = [], []

    def add(name: str, value: str, source: str, skip: str, tags: bool = False) -> None:
        where, where_params = _filters_sql(filters, skip=(skip, "language"))
        counted = "COUNT(*)"
        if source == "hits":  # the language facet: versions, each record counted once
            where, where_params = _filters_sql(filters, skip=(skip,))
            counted = "COUNT(DISTINCT e.record_key)"
        # CROSS JOIN: SQLite then reads the tags of the matching records, rather than every
        # theme tag of the index looking for matching records (60 ms for a rare word at 20 000).
        join = " CROSS JOIN search_tag t" if tags else ""
        on = " AND t.entry_id = e.id AND t.value LIKE %s" if tags else ""
        parts.append(
            f"SELECT '{name}', CAST({value} AS TEXT), {counted} "  # noqa: S608
            f"FROM {source} e{join} WHERE 1 = 1{on}{where} GROUP BY {value}"
        )
        params.extend([*([f"{name}:%"] if tags else []), *where_params])

    for name, column in _FACET_COLUMNS.items():
        add(name, column, "hits" if name == "language" else "records", skip=name)
    for name in ("theme", "sdg"):
        add(name, "t.value", "records", skip=name, tags=True)
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH hits AS MATERIALIZED (SELECT e.id, e.record_key, e.kind, e.language, "  # noqa: S608
            f"e.country, e.organization_id, e.year {matches}), "
            "records AS MATERIALIZED (SELECT MIN(id) AS id, record_key, kind, country, "
            "organization_id, year FROM hits"
            + (" WHERE language = %s" if language else "")
            + " GROUP BY record_key, kind, country, organization_id, year) "
            + " UNION ALL ".join(parts),
            [*match_params, *([language] if language else []), *params],
        )
        for name, value, n in cursor.fetchall():
            if name in {"theme", "sdg"}:
                facets[name][value.partition(":")[2]] = n
            elif value not in (None, ""):
                facets[name][value] = n
    count = count_from_facet(facets["type"], filters.get("type"))  # one type per record
    busiest = sorted(facets["organization"].items(), key=lambda item: -item[1])
    facets["organization"] = dict(busiest[:ORGANIZATION_OPTIONS])
    return count, facets


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
