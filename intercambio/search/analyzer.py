"""The one analyzer, used when indexing and when searching.

Text → NFKC, case folded, accents removed → words → stop words dropped → Snowball stems of
the text's language. Glossary phrases (any language, synonyms included, several words) add a
language-neutral concept token, and SDG references ("ODS 11", "SDG 11", "objetivo 11") the
SDG's token: so "dados abertos", "datos abiertos" and "open data" meet on one token.

A query's language is not known: each of its words stands for its stems in all three
languages (see Term).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import Stemmer

from intercambio.search.stopwords import STOP_WORDS

STEMMERS = {"pt-br": "portuguese", "es": "spanish", "en": "english"}
LANGUAGES = tuple(STEMMERS)
WORD = re.compile(r"[^\W_]+")
MAX_PHRASE_WORDS = 6
MAX_WORD_LENGTH = 40
# "nº 11" (NFKC: "no 11"), "n. 11", and "no. 11", which `n[o.]?` missed.
SDG_REFERENCE = re.compile(
    r"\b(?:ods|sdg|sdgs|objetivo|objective|goal|meta)\s*(?:no?\.?\s*)?(\d{1,2})\b"
)
CONCEPT_PREFIX = "zc"
SDG_PREFIX = "zsdg"


# Combining marks only follow letters beyond ASCII: the per-character test runs on those runs
# alone (the analyzer's costliest step when indexing, 2.7 times faster than on every character).
_BEYOND_ASCII = re.compile(r"[^\x00-\u02ff]+")


def _without_marks(run: re.Match) -> str:
    return "".join([c for c in run.group() if not unicodedata.combining(c)])


def normalize(text: str) -> str:
    """NFKC, case folded, without accents: "Proteção" → "protecao"."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return text if text.isascii() else _BEYOND_ASCII.sub(_without_marks, text)


def _words(plain: str) -> list[str]:
    return [w for w in WORD.findall(plain) if len(w) <= MAX_WORD_LENGTH]


def words(text: str) -> list[str]:
    """The normalized words of `text`, stop words included (over-long ones dropped)."""
    return _words(normalize(text))


@cache
def _stemmer(language: str):
    return Stemmer.Stemmer(STEMMERS.get(language, "english"))


def stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def _light(words: list[str]) -> list[str]:
    # Glossary phrases are matched on words without a plural "s", in any language: the
    # stemmers of the three languages would not agree on an English phrase in a Portuguese text.
    return [w[:-1] if len(w) > 3 and w[-1] == "s" else w for w in words]


def _content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS]


@dataclass
class Glossary:
    """Glossary phrases (light words, stop words out) → concept token."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    # first word of a phrase → the most words a phrase starting with it has
    longest: dict[str, int] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], token: str) -> None:
        self.phrases.setdefault(key, token)
        self.longest[key[0]] = max(len(key), self.longest.get(key[0], 0))

    def phrase_at(self, light: list[str], position: int) -> tuple[int, str]:
        """(words, concept token) of the longest phrase starting at `position`, or (0, "")."""
        longest = min(self.longest.get(light[position], 0), len(light) - position, MAX_PHRASE_WORDS)
        for size in range(longest, 0, -1):
            token = self.phrases.get(tuple(light[position : position + size]))
            if token:
                return size, token
        return 0, ""

    def concepts_in(self, content_words: list[str]) -> list[str]:
        """The concept tokens of the phrases found in a run of content words (longest
        match first at each position)."""
        light = _light(content_words)
        found, position = [], 0
        while position < len(light):
            size, token = self.phrase_at(light, position)
            if token:
                found.append(token)
            position += size or 1
        return found


def concept_token(slug: str) -> str:
    return CONCEPT_PREFIX + re.sub(r"[^a-z0-9]", "", slug.lower())


def sdg_token(number: int) -> str:
    return f"{SDG_PREFIX}{number}"


def build_glossary(concepts) -> Glossary:
    """From taxonomy Concept rows (labels and synonyms in every language)."""
    glossary = Glossary()
    for concept in concepts:
        token = concept_token(concept.slug)
        for language in LANGUAGES:
            suffix = language.replace("-", "_")
            label = getattr(concept, f"label_{suffix}", "") or ""
            for phrase in [label, *concept.synonym_list(language)]:
                key = tuple(_light(_content_words(phrase)))
                # Two-letter acronyms ("IA", "OP") mean too many things to stand for a concept.
                if key and len("".join(key)) > 2:
                    glossary.add(key, token)
    return glossary


def _sdg_tokens(plain: str) -> list[str]:
    numbers = {int(n) for n in SDG_REFERENCE.findall(plain)}
    return [sdg_token(n) for n in sorted(numbers) if 1 <= n <= 17]


def sdg_tokens(text: str) -> list[str]:
    return _sdg_tokens(normalize(text))


def analyze(text: str, *, language: str, glossary: Glossary) -> list[str]:
    """The index tokens of `text` written in `language`: stems in order, then the concept and
    SDG tokens it mentions."""
    plain = normalize(text)
    content = [w for w in _words(plain) if w not in STOP_WORDS]
    stemmer = _stemmer(language)
    return [*stemmer.stemWords(content), *glossary.concepts_in(content), *_sdg_tokens(plain)]


# ---- queries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One query word: any of its stems (one per language) matches."""

    word: str
    stems: tuple[str, ...]


@dataclass
class Query:
    """A parsed query: words that must all match, "quoted phrases", -excluded words, and the
    concepts and SDGs it names (each an alternative to the words that name it)."""

    terms: list[Term] = field(default_factory=list)
    phrases: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    concepts: list[tuple[str, list[Term]]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.concepts)

    def wanted_terms(self) -> list[Term]:
        """Every term that must match (not the excluded ones), phrases and concepts included."""
        return [*self.terms, *(t for p in self.phrases for t in p),
                *(t for _token, ts in self.concepts for t in ts)]  # fmt: skip

    def words(self) -> list[str]:
        return [term.word for term in self.wanted_terms()]


def _term(word: str) -> Term:
    return Term(word, tuple(dict.fromkeys(stem(word, language) for language in LANGUAGES)))


MAX_QUERY_CHARACTERS = 500
MAX_QUERY_TERMS = 12


def parse_query(text: str, *, glossary: Glossary) -> Query:
    """Free text with "quoted phrases" and -exclusions. Stop words drop out; a glossary phrase
    becomes "its concept, or its words"; an SDG reference its SDG token."""
    text = text[:MAX_QUERY_CHARACTERS]
    query = Query()
    for sdg in sdg_tokens(text):
        query.concepts.append((sdg, []))
    text = SDG_REFERENCE.sub(" ", normalize(text))
    # Quoted phrases first, then the rest word by word.
    for phrase in re.findall(r'"([^"]*)"', text):
        phrase_terms = [_term(w) for w in _content_words(phrase)]
        if len(phrase_terms) == 1:
            query.terms.extend(phrase_terms)
        elif phrase_terms:
            query.phrases.append(phrase_terms[:MAX_PHRASE_WORDS])
    # Only closed quotes: an unclosed one ('"dados abertos') used to swallow the rest of the
    # query, which then searched for nothing; its words are plain words instead.
    text = re.sub(r'"[^"]*"', " ", text)
    plain: list[str] = []
    for piece in text.split():
        if piece.startswith("-") and len(piece) > 1:
            query.excluded.extend(_term(w) for w in _content_words(piece[1:]))
        else:
            plain.extend(_content_words(piece))
    light = _light(plain)
    position = 0
    while position < len(plain):
        size, token = glossary.phrase_at(light, position)
        if token:
            query.concepts.append((token, [_term(w) for w in plain[position : position + size]]))
            position += size
        else:
            query.terms.append(_term(plain[position]))
            position += 1
    query.terms = query.terms[:MAX_QUERY_TERMS]
    query.excluded = query.excluded[:MAX_QUERY_TERMS]
    return query
