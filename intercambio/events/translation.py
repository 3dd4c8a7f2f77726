from modeltranslation.translator import TranslationOptions, register

from intercambio.events.models import (
    EVENT_TEXT_FIELDS,
    SERIES_TEXT_FIELDS,
    SESSION_TEXT_FIELDS,
    Event,
    EventSeries,
    Session,
)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = EVENT_TEXT_FIELDS


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = SERIES_TEXT_FIELDS


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = SESSION_TEXT_FIELDS
