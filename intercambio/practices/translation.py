from modeltranslation.translator import TranslationOptions, register

from intercambio.practices.models import TEXT_FIELDS, Practice


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = TEXT_FIELDS
