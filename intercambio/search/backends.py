"""Where the analyzed tokens are kept and matched: SQLite FTS5 or PostgreSQL tsvector + GIN.

Both receive the same pre-analyzed tokens (analyzer.py) and the same parsed query, and rank
inside the engine: FTS5's bm25 with column weights, PostgreSQL's ts_rank with the same
weights by field (title, summary, body) and length normalization. Only the best records
leave the engine.
"""

from django.db import connection

from intercambio.search.analyzer import LANGUAGES, Query, Term, stem

# Title, summary, body.
WEIGHTS = (10.0, 4.0, 1.0)


def _safe(token: str) -> str:
    # Tokens come from \w+ runs; keep letters and digits only, whatever the script.
    return "".join(c for c in token if c.isalnum())


def _phrase_variants(phrase: list[Term]) -> list[list[str]]:
    """A phrase's stems, one variant per language. Built from each word rather than from
    Term.stems: those are de-duplicated, so their positions are not languages, and a Spanish
    phrase ("barrios de Montevideo") paired the stems of two languages and never matched."""
    variants = {tuple(_safe(stem(t.word, language)) for t in phrase) for language in LANGUAGES}
    return [list(v) for v in sorted(variants) if all(v)]


class SQLiteBackend:
    """FTS5 table search_fts(title, summary, body); rowid = search_entry.id."""

    def store(self, cursor, rows: list[tuple[int, str, str, str]]) -> None:
        # New entries only: an entry's FTS5 row is deleted with it (migration 0005's trigger).
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, summary, body) VALUES (%s, %s, %s, %s)", rows
        )

    def clear(self, cursor) -> None:
        # At once, rather than row by row through the trigger as the entries are deleted.
        cursor.execute("DELETE FROM search_fts")

    @staticmethod
    def _term(term: Term) -> str:
        stems = [f'"{_safe(s)}"' for s in term.stems if _safe(s)]
        return f"({' OR '.join(stems)})" if stems else ""

    def expression(self, query: Query) -> str:
        """The FTS5 MATCH expression: every part must match; NOT for the exclusions."""
        parts = [self._term(term) for term in query.terms]
        for phrase in query.phrases:
            # A phrase's words in one language's stems each: one alternative per language.
            variants = [" ".join(v) for v in _phrase_variants(phrase)]
            if variants:
                parts.append("(" + " OR ".join(f'"{v}"' for v in variants) + ")")
        for token, terms in query.concepts:
            words = [self._term(term) for term in terms]
            if words:
                parts.append(f'("{_safe(token)}" OR ({" AND ".join(words)}))')
            else:
                parts.append(f'"{_safe(token)}"')
        expression = " AND ".join(part for part in parts if part)
        for term in query.excluded:
            if self._term(term):
                expression += f" NOT {self._term(term)}"
        return expression

    def matches_sql(self, query: Query) -> tuple[str, list]:
        """FROM … WHERE of the matching entries, search_entry aliased `e`."""
        return (
            "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s",
            [self.expression(query)],
        )

    def ranked_sql(self, query: Query, where: str, params: list, limit: int) -> tuple[str, list]:
        """(record key, score) of the best `limit` matching entries, best (lowest) first;
        `where` filters search_entry `e`."""
        if not where:
            # Ranked and cut by FTS5 alone, and only the best few joined to their records:
            # joining every match first costs half as much again for a common word.
            return (
                "SELECT e.record_key, r.score FROM (SELECT rowid AS id, "
                "bm25(search_fts, %s, %s, %s) AS score FROM search_fts "
                "WHERE search_fts MATCH %s ORDER BY score, rowid LIMIT %s) r "
                "JOIN search_entry e ON e.id = r.id ORDER BY r.score, e.id",
                [*WEIGHTS, self.expression(query), limit],
            )
        matches, match_params = self.matches_sql(query)
        return (
            f"SELECT e.record_key, bm25(search_fts, %s, %s, %s) AS score {matches}{where} "
            "ORDER BY score, e.id LIMIT %s",
            [*WEIGHTS, *match_params, *params, limit],
        )

    def floor_sql(self, query: Query) -> tuple[str, list]:
        """The bare engine query for the same terms, the floor `make bench` compares with."""
        return (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT 10",
            [self.expression(query)],
        )


class PostgresBackend:
    """search_entry.document tsvector ('simple' configuration: the tokens are analyzed
    already), weights A/B/C for title/summary/body, GIN index."""

    def store(self, cursor, rows: list[tuple[int, str, str, str]]) -> None:
        cursor.executemany(
            "UPDATE search_entry SET document = "
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'C') WHERE id = %s",
            [(title, summary, body, pk) for pk, title, summary, body in rows],
        )

    def clear(self, cursor) -> None:
        pass

    @staticmethod
    def _term(term: Term) -> str:
        stems = [f"'{_safe(s)}'" for s in term.stems if _safe(s)]
        return f"({' | '.join(stems)})" if stems else ""

    def expression(self, query: Query) -> str:
        parts = [self._term(term) for term in query.terms]
        for phrase in query.phrases:
            variants = [" <-> ".join(f"'{s}'" for s in v) for v in _phrase_variants(phrase)]
            if variants:
                parts.append("(" + " | ".join(f"({v})" for v in variants) + ")")
        for token, terms in query.concepts:
            words = [self._term(term) for term in terms]
            if words:
                parts.append(f"('{_safe(token)}' | ({' & '.join(words)}))")
            else:
                parts.append(f"'{_safe(token)}'")
        expression = " & ".join(part for part in parts if part)
        for term in query.excluded:
            if self._term(term):
                expression += f" & !{self._term(term)}"
        return expression

    def matches_sql(self, query: Query) -> tuple[str, list]:
        return (
            "FROM search_entry e, to_tsquery('simple', %s) q WHERE e.document @@ q",
            [self.expression(query)],
        )

    def ranked_sql(self, query: Query, where: str, params: list, limit: int) -> tuple[str, list]:
        # ts_rank's weights are listed {D, C, B, A}; normalization 1 divides by 1 + log(length),
        # like bm25 favouring the shorter of two texts with the same matches. Negated, so that
        # lower is better as with bm25.
        title, summary, body = (weight / 10 for weight in WEIGHTS)
        matches, match_params = self.matches_sql(query)
        return (
            "SELECT e.record_key, -ts_rank(%s::float4[], e.document, q, 1) AS score "
            f"{matches}{where} ORDER BY score, e.id LIMIT %s",
            [f"{{0.0, {body}, {summary}, {title}}}", *match_params, *params, limit],
        )

    def floor_sql(self, query: Query) -> tuple[str, list]:
        return (
            "SELECT id FROM search_entry, to_tsquery('simple', %s) q WHERE document @@ q "
            "ORDER BY ts_rank(document, q) DESC LIMIT 10",
            [self.expression(query)],
        )


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
