from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from intercambio.workplans.models import Activity, Axis, Objective, StatusProposal, WorkPlan


class ObjectiveInline(TranslationStackedInline):
    model = Objective
    extra = 0


class AxisInline(TranslationStackedInline):
    model = Axis
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(TranslationAdmin):
    list_display = ["__str__", "body", "starts_on", "ends_on", "status"]
    list_filter = ["status", "body__network"]
    search_fields = ["slug", "title_pt_br", "title_es", "title_en"]
    autocomplete_fields = [
        "body",
        "presented_by_organization",
        "presented_by_person",
        "source_document",
    ]
    inlines = [ObjectiveInline, AxisInline]


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["__str__", "plan", "kind", "planned_month", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title_pt_br", "title_es", "title_en", "city"]
    autocomplete_fields = ["plan", "responsible", "event", "practices", "resources"]
    filter_horizontal = ["axes", "objectives"]


@admin.register(StatusProposal)
class StatusProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["activity", "proposed_by", "decided_by"]
