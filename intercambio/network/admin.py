from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from modeltranslation.admin import TranslationAdmin

from intercambio.common.domain import delete_with_audit, record_audit, save_with_audit
from intercambio.common.models import AuditEntry
from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person


def _model_fields(model: type[models.Model], names: list[str]) -> list[str]:
    """The names among a form's changed fields that are fields of the model."""
    fields = []
    for name in names:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        fields.append(name)
    return fields


def _labels(record: models.Model, field: models.ManyToManyField) -> list[str]:
    """The related records as the audit log names them: accounts by e-mail, others by name."""
    related = getattr(record, field.name).all()
    if field.related_model is get_user_model():
        return sorted(user.email for user in related)
    return sorted(str(item) for item in related)


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin go to the audit log, as changes made on the pages do: rows
    through save_with_audit, deletions through delete_with_audit, many-to-many fields (editors,
    secretariat, contacts) and inline rows (memberships, roles) included.

    `audit_parent` names the foreign key to the record whose history should keep a deletion
    (e.g. "organization" for a contact)."""

    audit_parent: str | None = None

    def save_model(self, request, obj, form, change) -> None:
        changed = _model_fields(type(obj), form.changed_data)
        save_with_audit(record=obj, by=request.user, changed_fields=changed)

    def save_related(self, request, form, formsets, change) -> None:
        record = form.instance
        fields = [f for f in record._meta.many_to_many if f.name in form.changed_data]
        before = {f.name: _labels(record, f) if change else [] for f in fields}
        super().save_related(request, form, formsets, change)
        changes = {}
        for field in fields:
            after = _labels(record, field)
            if after != before[field.name]:
                changes[field.name] = [before[field.name], after]
        if changes:
            record_audit(
                record=record, by=request.user, action=AuditEntry.Action.CHANGED, changes=changes
            )

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        changed = {id(obj): fields for obj, fields in formset.changed_objects}
        with transaction.atomic():
            for obj in formset.deleted_objects:
                delete_with_audit(record=obj, by=request.user, parent_field=formset.fk.name)
            for obj in instances:
                fields = _model_fields(type(obj), changed.get(id(obj), []))
                save_with_audit(record=obj, by=request.user, changed_fields=fields)
            formset.save_m2m()

    def delete_model(self, request, obj) -> None:
        delete_with_audit(record=obj, by=request.user, parent_field=self.audit_parent)

    def delete_queryset(self, request, queryset) -> None:
        # The changelist's "Delete selected" action.
        with transaction.atomic():
            for obj in queryset:
                delete_with_audit(record=obj, by=request.user, parent_field=self.audit_parent)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


class BodyRoleInline(admin.TabularInline):
    model = BodyRole
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ["name", "kind", "country", "city"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["editors"]


@admin.register(Network)
class NetworkAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ["name", "acronym", "founded"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["secretariat"]
    inlines = [MembershipInline]


@admin.register(Body)
class BodyAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ["name", "acronym", "network", "kind", "active"]
    list_filter = ["network", "kind", "active"]
    search_fields = ["name", "acronym"]
    list_select_related = ["network"]
    filter_horizontal = ["contacts"]
    inlines = [BodyRoleInline]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "position", "organization", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["name", "email", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "user"]
    audit_parent = "organization"
