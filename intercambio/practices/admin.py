from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from intercambio.practices.models import Attachment, Partnership, Practice, Transition


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organization"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["file", "original_name", "content_type", "size", "title", "alt_text"]
    readonly_fields = ["original_name", "content_type", "size"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False


@admin.register(Practice)
class PracticeAdmin(TranslationAdmin):
    list_display = [
        "__str__",
        "organization",
        "status",
        "featured",
        "original_language",
        "published_at",
    ]
    list_filter = ["status", "featured", "original_language", "stage", "themes"]
    search_fields = ["slug", "title_pt_br", "title_es", "title_en", "organization__name"]
    autocomplete_fields = ["organization", "funder", "contact", "adapted_from", "body"]
    filter_horizontal = ["themes", "goals", "networks"]
    readonly_fields = ["submitted_at", "published_at", "reminded_at"]
    inlines = [PartnershipInline, AttachmentInline, TransitionInline]
