from modeltranslation.translator import TranslationOptions, register

from intercambio.taxonomy.models import Concept, Goal, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("label", "description")


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("short_title", "title")


@register(Concept)
class ConceptTranslation(TranslationOptions):
    fields = ("label", "synonyms")
