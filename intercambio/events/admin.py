from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from intercambio.events.models import (
    Event,
    EventOrganization,
    EventSeries,
    Registration,
    Session,
    SessionSpeaker,
)


class EventOrganizationInline(admin.TabularInline):
    model = EventOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class SessionInline(TranslationStackedInline):
    model = Session
    extra = 0
    show_change_link = True


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ["__str__", "kind", "starts_at", "city", "status"]
    list_filter = ["status", "kind", "format"]
    search_fields = ["slug", "title_pt_br", "title_es", "title_en", "city"]
    autocomplete_fields = ["network", "body", "series", "resources"]
    filter_horizontal = ["themes", "goals"]
    inlines = [EventOrganizationInline, SessionInline]


@admin.register(EventSeries)
class EventSeriesAdmin(TranslationAdmin):
    list_display = ["__str__", "body"]
    search_fields = ["slug", "name_pt_br", "name_es", "name_en"]


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ["__str__", "event", "kind", "starts_at", "room"]
    list_filter = ["kind"]
    search_fields = ["title_pt_br", "title_es", "title_en"]
    inlines = [SessionSpeakerInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """For staff; organizers use the event's dashboard. Seats change only through the
    dashboard and the registrants' links, which keep the waitlist and the e-mails right."""

    list_display = ["name", "email", "event", "status", "attendance", "language", "created_at"]
    list_filter = ["status", "attendance", "language"]
    search_fields = ["name", "email", "event__slug"]
    list_select_related = ["event"]
    raw_id_fields = ["event", "user", "organization"]
    readonly_fields = ["status", "token", "waitlisted_at", "confirmed_at", "cancelled_at",
                       "checked_in_at", "reminded_at", "consented_at"]  # fmt: skip
