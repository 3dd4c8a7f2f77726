"""Reading translated content: the visitor's language first, else the record's original."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language


def field_suffix(language: str) -> str:
    return language.replace("-", "_")


def language_columns(field: str, texts: dict[str, str]) -> dict[str, str]:
    """The model columns of one translatable field: ("title", {"es": "Título"}) →
    {"title_pt_br": "", "title_es": "Título", "title_en": ""}."""
    return {f"{field}_{field_suffix(code)}": texts.get(code, "") for code, _ in settings.LANGUAGES}


def item_language_columns(fields: tuple[str, ...], item: dict) -> dict[str, str]:
    """The columns of the translatable `fields` of a demo item ({"title": {"es": …}, …})."""
    return {
        column: text
        for field in fields
        for column, text in language_columns(field, item.get(field, {})).items()
    }


def current_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    codes = [code for code, _ in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Text:
    """A piece of content and the language it is actually written in (for `lang=`)."""

    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def translated(record, field: str, language: str | None = None) -> Text:
    """The value of `field` in `language`, falling back to the record's original language,
    then to any language that has text."""
    wanted = language or current_language()
    original = getattr(record, "original_language", settings.LANGUAGE_CODE)
    order = [wanted, original] + [code for code, _ in settings.LANGUAGES]
    for code in dict.fromkeys(order):
        value = getattr(record, f"{field}_{field_suffix(code)}", None)
        if value:
            return Text(text=value, language=code, is_fallback=code != wanted)
    return Text(text="", language=wanted, is_fallback=False)
