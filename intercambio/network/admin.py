from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


class BodyRoleInline(admin.TabularInline):
    model = BodyRole
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ["name", "kind", "country", "city"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["editors"]


@admin.register(Network)
class NetworkAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "founded"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["secretariat"]
    inlines = [MembershipInline]


@admin.register(Body)
class BodyAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "network", "kind", "active"]
    list_filter = ["network", "kind", "active"]
    search_fields = ["name", "acronym"]
    list_select_related = ["network"]
    filter_horizontal = ["contacts"]
    inlines = [BodyRoleInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "organization", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["name", "email", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "user"]
