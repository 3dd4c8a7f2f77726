"""Hostile queries, property-based: whatever text and filters arrive — the engines' own
syntax, SQL fragments, emoji, control characters, 10 000 characters, only stop words — the
page answers 200, the API never 5xx, and `queries.search` never raises."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from intercambio.search import queries

# The shared corpus is built once per module (conftest.py); hypothesis runs many examples in
# one test, all inside its transaction, and none of them writes.
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

SYNTAX = ['"', "*", "^", ":", "(", ")", "NEAR", "NEAR(", "AND", "OR", "NOT", "-", "+", "'",
          "&", "|", "!", "<->", "<2>", "{", "}", "[", "]", "\\", "%", "_", ";", "--", "/*", "*/",
          "title:", "{title body}:", "NEAR(a b, 3)", "^dados", "dad*", "''", '""', "' '"]  # fmt: skip
SQL = ["'; DROP TABLE search_entry; --", "\" OR 1=1 --", "') OR ('1'='1", "1; SELECT pg_sleep(5)",
       "UNION SELECT * FROM auth_user", "search_fts MATCH '*'", "%' --", "\\'; --",
       "'||(SELECT 1)||'", "setweight(to_tsvector('x'),'A')"]  # fmt: skip
WORDS = ["dados", "abertos", "orçamento", "participativo", "presupuesto", "open", "data",
         "catadores", "ODS 11", "SDG 17", "de", "la", "the", "of", "o", "y", "ã", "Ñ"]  # fmt: skip
ODD = ["🎉", "🏙️", "👩🏽‍🌾", "\x00", "\x01", "\x1f", "\x7f", "\u200b", "\u202e", "\ufeff", "\t",
       "\n", "\r\n", "ﬁ", "Ｄ", "ǅ", "ß", "𞤢", "中文", "١٢", "²", "Ⅻ", "e\u0301"]  # fmt: skip

piece = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from(SQL),
    st.sampled_from(WORDS),
    st.sampled_from(ODD),
    st.text(max_size=20),
)
hostile_text = st.one_of(
    st.lists(piece, max_size=20).map(" ".join),
    st.lists(piece, max_size=20).map("".join),
    # 10 000 characters and more, in one word or many.
    st.builds(lambda p, n: (p or "a") * n, piece, st.integers(10_000, 12_000)).map(
        lambda s: s[:12_000]
    ),
    st.lists(st.sampled_from(["de", "la", "the", "of", "o", "y", "e", "a"]), min_size=1).map(
        " ".join
    ),
)
filter_value = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["practice", "resource", "event", "es", "pt-br", "BR", "2019", "11", "0",
                     "-1", "99999999999999999999", "open-data", "governance", "²", "\x00",
                     "' OR 1=1 --"]),
)  # fmt: skip
filters = st.fixed_dictionaries(
    {},
    optional={name: filter_value for name in ("type", "language", "theme", "sdg", "country",
                                              "year", "page")},
)  # fmt: skip


@SETTINGS
@given(text=hostile_text)
@example(text="'; DROP TABLE search_entry; --")
@example(text='"')
@example(text='"dados abertos')
@example(text="NEAR(dados abertos)")
@example(text="dados AND NOT abertos OR")
@example(text="a" * 10_000)
@example(text="de la the of")
@example(text="🎉🏙️")
@example(text="\x00dados\x00")
@example(text="-dados")
@example(text="-" * 10_000)
def test_search_never_raises(corpus, text):
    found = queries.search(text=text, filters={}, language="en")
    assert found.count >= len(found.results)
    assert len(found.results) <= queries.PAGE_SIZE


@SETTINGS
@given(text=hostile_text, filters=filters)
@example(text="'; DROP TABLE search_entry; --", filters={"theme": "\x00"})
@example(text="dados", filters={"theme": "' OR 1=1 --", "sdg": "²", "year": "\x00"})
@example(text="a" * 10_000, filters={"page": "99999999999999999999"})
@example(text="\x00", filters={"type": "\x00", "country": "\x00"})
def test_page_and_api_never_fail(corpus, text, filters):
    params = {"q": text, **filters}
    page = Client().get("/en/search/", params)
    assert page.status_code == 200
    api = Client().get("/api/v1/search", params)
    # A page number that is not a number is refused (422); nothing is a server error.
    assert api.status_code < 500
    if "page" not in filters:
        assert api.status_code == 200
        assert set(api.json()) == {"count", "results", "facets", "suggestion"}


@pytest.mark.parametrize("word", ["catadores", "ciclovias", "licitaciones"])
@SETTINGS
@given(before=st.text(alphabet="*^:()+{}[]!&|'", max_size=4),
       after=st.text(alphabet="*^:()+{}[]!&|'\"", max_size=4))  # fmt: skip
def test_syntax_characters_are_not_operators(corpus, word, before, after):
    # Around a word, the engines' operators are just punctuation: the same results.
    expected = [
        (r.kind, r.record_id) for r in queries.search(text=word, filters={}, language="en").results
    ]
    assert len(expected) == 1
    found = queries.search(text=f"{before}{word}{after}", filters={}, language="en")
    assert [(r.kind, r.record_id) for r in found.results] == expected


def test_index_is_intact_after_hostile_queries(corpus):
    for text in SQL:
        assert Client().get("/en/search/", {"q": text}).status_code == 200
    assert queries.search(text="catadores", filters={}, language="en").count == 1
