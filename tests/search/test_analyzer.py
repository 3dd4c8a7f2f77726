"""The analyzer, used both when indexing and when searching: normalization, stop words, stems
per language, glossary concepts, SDG references and the parsing of a query."""

import pytest

from intercambio.search.analyzer import (
    MAX_QUERY_TERMS,
    Glossary,
    analyze,
    build_glossary,
    concept_token,
    normalize,
    parse_query,
    sdg_tokens,
    stem,
    words,
)
from intercambio.taxonomy.models import Concept

EMPTY = Glossary()


@pytest.fixture
def glossary(db) -> Glossary:
    # The glossary the data migration loads (intercambio/taxonomy/data/taxonomy.json).
    return build_glossary(Concept.objects.all())


def concepts(text: str, language: str, glossary: Glossary) -> list[str]:
    return [t for t in analyze(text, language=language, glossary=glossary) if t.startswith("zc")]


def term_words(query) -> list[str]:
    return [term.word for term in query.terms]


# --- normalization ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Proteção de Dados", "protecao de dados"),
        ("ÁRVORE Pública", "arvore publica"),
        ("Straße", "strasse"),  # case folding, not just lower()
        ("e\u0301", "e"),  # a combining accent
        ("ﬁnanças", "financas"),  # NFKC: the "fi" ligature
        ("Ｄａｄｏｓ", "dados"),  # NFKC: full-width letters
        ("Ⅻ ①", "xii 1"),
        ("Ñandú niño", "nandu nino"),
    ],
)
def test_normalize_folds_case_accents_and_compatibility_forms(text, expected):
    assert normalize(text) == expected


def test_words_keep_stop_words_and_drop_overlong_runs():
    assert words("A proteção, de dados! " + "x" * 41 + " fim_do_mundo") == [
        "a", "protecao", "de", "dados", "fim", "do", "mundo",
    ]  # fmt: skip


def test_words_ignore_emoji_and_punctuation():
    assert words("🎉 Dados-abertos!!! 🏙️ (2024)") == ["dados", "abertos", "2024"]


# --- stop words and stems --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("As bibliotecas públicas municipais", "pt-br", ["bibliotec", "public", "municip"]),
        ("Las bibliotecas públicas municipales", "es", ["bibliotec", "public", "municipal"]),
        ("The public libraries of the cities", "en", ["public", "librari", "citi"]),
        ("running cities", "en", ["run", "citi"]),
    ],
)
def test_analyze_drops_stop_words_and_stems_in_the_text_language(text, language, expected):
    assert analyze(text, language=language, glossary=EMPTY) == expected


def test_stems_differ_by_language():
    assert [stem("dados", language) for language in ("pt-br", "es", "en")] == ["dad", "dad", "dado"]


@pytest.mark.parametrize("text", ["o a de", "de la y el", "the of and to", "de los para que"])
def test_only_stop_words_give_no_tokens(text, glossary):
    assert analyze(text, language="pt-br", glossary=glossary) == []
    assert parse_query(text, glossary=glossary).is_empty


# --- concepts --------------------------------------------------------------------------------


def test_concept_token_is_the_slug_without_punctuation():
    assert concept_token("open-data") == "zcopendata"
    assert concept_token("5g-networks") == "zc5gnetworks"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Portal de dados abertos da cidade", "pt-br"),
        ("Portal de datos abiertos de la ciudad", "es"),
        ("The city's open data portal", "en"),
        ("A política de DADOS ABERTOS", "pt-br"),  # case
        ("dados governamentais abertos", "pt-br"),  # a synonym of three words
        ("La apertura de datos del municipio", "es"),  # a Spanish synonym
        ("open government data", "en"),  # an English synonym
    ],
)
def test_open_data_phrases_in_every_language_give_one_concept(text, language, glossary):
    assert "zcopendata" in concepts(text, language, glossary)


@pytest.mark.parametrize(
    "text",
    [
        "Orçamento participativo",
        "orcamento participativo",  # accents left out
        "Presupuesto participativo",
        "presupuestos participativos",  # a synonym, plural
        "orçamentos participativos",  # a plural no glossary entry lists
        "Participatory budgeting",
        "digital participatory budgeting",  # several words, longest match
    ],
)
def test_participatory_budgeting_in_any_form_gives_its_concept(text, glossary):
    assert concepts(text, "pt-br", glossary) == ["zcparticipatorybudgeting"]


def test_concept_phrases_match_across_stop_words(glossary):
    # "de" and "dos" are stop words, dropped on both sides.
    assert concepts("proteção dos dados pessoais", "pt-br", glossary) == [
        "zcpersonaldataprotection"
    ]
    assert concepts("Lei Geral de Proteção de Dados", "pt-br", glossary) == [
        "zcpersonaldataprotection"
    ]


def test_two_letter_acronyms_are_not_concepts(glossary):
    # "OP" is listed as a synonym of participatory budgeting but means too many things.
    assert concepts("OP", "pt-br", glossary) == []
    assert concepts("OP digital", "pt-br", glossary) == ["zcparticipatorybudgeting"]


def test_concepts_follow_the_stems_in_the_index_tokens(glossary):
    assert analyze("Coleta seletiva e reciclagem", language="pt-br", glossary=glossary) == [
        "colet", "selet", "reciclag", "zcselectivecollection", "zcrecycling",
    ]  # fmt: skip


# --- SDG references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ODS 11", ["zsdg11"]),
        ("SDG 11", ["zsdg11"]),
        ("objetivo 11", ["zsdg11"]),
        ("Objective 11", ["zsdg11"]),
        ("ods11", ["zsdg11"]),  # no space needed
        ("ODS nº 11", ["zsdg11"]),  # "º" is "o" after NFKC
        ("SDG no. 5", ["zsdg5"]),
        ("goal 5 and SDGs 17", ["zsdg5", "zsdg17"]),
        ("meta 11.2", ["zsdg11"]),
        ("ODS 11 e ODS 11", ["zsdg11"]),  # once
        ("SDG 18", []),  # there are 17
        ("ODS 0", []),
        ("ODS 2030", []),  # a year, not a goal
        ("Agenda 2030", []),
        ("methods 11", []),  # "ods" inside another word
        ("ods-6", []),
        ("Objetivo de Desenvolvimento Sustentável 11", []),  # words in between
    ],
)
def test_sdg_references(text, expected):
    assert sdg_tokens(text) == expected


def test_sdg_reference_adds_its_token_when_indexing(glossary):
    tokens = analyze("A prefeitura contribui para o ODS 11.", language="pt-br", glossary=glossary)
    assert tokens[-1] == "zsdg11"


def test_sdg_reference_in_a_query_is_a_concept_without_words(glossary):
    query = parse_query("ODS 11 mobilidade", glossary=glossary)
    assert query.concepts[0] == ("zsdg11", [])
    assert term_words(query) == ["mobilidade"]


# --- queries ---------------------------------------------------------------------------------


def test_query_words_stand_for_their_stems_in_every_language(glossary):
    query = parse_query("escolas hortaliças", glossary=glossary)
    assert term_words(query) == ["escolas", "hortalicas"]
    assert parse_query("dados", glossary=glossary).terms[0].stems == ("dad", "dado")


def test_query_glossary_phrase_is_its_concept_or_its_words(glossary):
    query = parse_query("orcamento participativo", glossary=glossary)
    assert query.terms == []
    [(token, terms)] = query.concepts
    assert token == "zcparticipatorybudgeting"
    assert [t.word for t in terms] == ["orcamento", "participativo"]


def test_query_is_analyzed_like_the_text(glossary):
    assert parse_query("PROTEÇÃO DE DADOS", glossary=glossary) == parse_query(
        "protecao de dados", glossary=glossary
    )


def test_quoted_phrase_is_kept_apart_from_plain_words(glossary):
    query = parse_query('"barrios de Montevideo" vecinos', glossary=glossary)
    assert [[t.word for t in phrase] for phrase in query.phrases] == [["barrios", "montevideo"]]
    assert term_words(query) == ["vecinos"]


def test_quoted_single_word_is_a_plain_word(glossary):
    query = parse_query('"ciclovias"', glossary=glossary)
    assert query.phrases == []
    assert term_words(query) == ["ciclovias"]


def test_quoted_glossary_phrase_stays_a_phrase_not_a_concept(glossary):
    query = parse_query('"dados abertos"', glossary=glossary)
    assert query.concepts == []
    assert len(query.phrases) == 1


def test_unclosed_quote_keeps_its_words(glossary):
    query = parse_query('hortas "escolas municipais', glossary=glossary)
    assert term_words(query) == ["hortas", "escolas", "municipais"]


def test_minus_excludes_a_word(glossary):
    query = parse_query("transparencia -licitacao -de -", glossary=glossary)
    assert term_words(query) == ["transparencia"]
    assert [t.word for t in query.excluded] == ["licitacao"]  # "de" is a stop word


def test_only_exclusions_is_an_empty_query(glossary):
    assert parse_query("-portal -dados", glossary=glossary).is_empty


def test_ten_thousand_characters_are_cut_to_a_bounded_query(glossary):
    query = parse_query("cisternas escolas " * 600, glossary=glossary)
    assert len("cisternas escolas " * 600) > 10_000
    assert len(query.terms) == MAX_QUERY_TERMS


def test_one_ten_thousand_character_word_is_an_empty_query(glossary):
    assert parse_query("a" * 10_000, glossary=glossary).is_empty


def test_emoji_are_ignored(glossary):
    assert term_words(parse_query("🎉 hortas 🏙️👩🏽‍🌾", glossary=glossary)) == ["hortas"]
    assert parse_query("🎉🏙️👩🏽‍🌾", glossary=glossary).is_empty


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x01\x1f", '""', '" "', "- - -", "*^:()", "NOT", "AND OR NOT", "de la the"],
)
def test_syntax_and_stop_words_alone_are_empty_queries(text, glossary):
    # NOT, AND and OR are English stop words, never operators.
    query = parse_query(text, glossary=glossary)
    assert query.is_empty
