from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from intercambio.library.models import Lesson, Resource, ResourceFile, Transition


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    extra = 0
    fields = ["language", "original_name", "content_type", "size", "state", "failure",
              "page_count", "detected_language"]  # fmt: skip
    readonly_fields = fields
    can_delete = True
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # uploads go through the library's form, which checks the content


class LessonInline(TranslationTabularInline):
    model = Lesson
    extra = 0


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Resource)
class ResourceAdmin(TranslationAdmin):
    list_display = ["__str__", "kind", "organization", "status", "year"]
    list_filter = ["status", "kind", "original_language"]
    search_fields = ["slug", "title_pt_br", "title_es", "title_en"]
    autocomplete_fields = ["organization", "co_publishers", "related_practices"]
    filter_horizontal = ["themes", "goals"]
    inlines = [ResourceFileInline, LessonInline, TransitionInline]
