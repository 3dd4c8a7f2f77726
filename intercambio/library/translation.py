from modeltranslation.translator import TranslationOptions, register

from intercambio.library.models import TEXT_FIELDS, Lesson, Resource


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = TEXT_FIELDS


@register(Lesson)
class LessonTranslation(TranslationOptions):
    fields = ("title", "body")
