from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from intercambio.consultations.models import Answer, Consultation, Question


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0
    fields = ["order", "original_language", "text", "help_text"]


@admin.register(Consultation)
class ConsultationAdmin(TranslationAdmin):
    list_display = ["__str__", "event", "network", "status", "outcome_published_at"]
    list_filter = ["status"]
    search_fields = ["slug", "title_pt_br", "title_es", "title_en"]
    autocomplete_fields = ["event", "network", "body"]
    readonly_fields = ["outcome_published_at"]
    inlines = [QuestionInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """Read only: answers are the respondents' words, changed only by them."""

    list_display = ["__str__", "consultation", "question", "updated_at"]
    list_filter = ["consultation"]
    list_select_related = ["consultation", "question", "registration", "user"]
    readonly_fields = ["consultation", "question", "user", "registration", "text"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
