from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from intercambio.taxonomy.models import Concept, Goal, Theme


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["label", "parent", "slug", "position"]
    list_filter = ["parent"]
    search_fields = ["slug", "label_pt_br", "label_es", "label_en"]


@admin.register(Goal)
class GoalAdmin(TranslationAdmin):
    list_display = ["number", "short_title", "colour"]


@admin.register(Concept)
class ConceptAdmin(TranslationAdmin):
    list_display = ["label", "slug"]
    list_filter = ["themes", "goals"]
    search_fields = ["slug", "label_pt_br", "label_es", "label_en", "synonyms_pt_br",
                     "synonyms_es", "synonyms_en"]  # fmt: skip
    filter_horizontal = ["themes", "goals"]
