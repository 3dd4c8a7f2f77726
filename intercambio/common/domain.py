"""Writes shared by every app: saving a record together with its audit entry."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from intercambio.common.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def record_audit(*, record: models.Model, by, action: str, changes: dict | None = None) -> None:
    """Append one audit entry for `record`; `by` may be None for system changes."""
    AuditEntry.objects.create(
        actor=by if by is not None and by.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(record, for_concrete_model=True),
        object_id=str(record.pk),
        object_repr=str(record)[:300],
        changes=changes or {},
    )


def save_with_audit(*, record: models.Model, by, changed_fields: list[str] | None = None) -> None:
    """Save `record` and log who created it or which fields changed (old → new values).

    Side effects: one row saved, one AuditEntry created, in one transaction.
    """
    creating = record._state.adding
    changes: dict[str, list] = {}
    # Only columns of the row itself can be compared; many-to-many fields are logged by callers.
    changed_fields = [
        field.attname
        for name in changed_fields or []
        if (field := record._meta.get_field(name)).concrete and not field.many_to_many
    ]
    with transaction.atomic():
        if not creating and changed_fields:
            before = (
                record._meta.model._base_manager.filter(pk=record.pk)
                .values(*changed_fields)
                .first()
            )
            for field in changed_fields:
                old, new = (before or {}).get(field), getattr(record, field)
                if old != new:
                    changes[field] = [_plain(old), _plain(new)]
        record.save()
        if creating or changes:
            record_audit(
                record=record,
                by=by,
                action=AuditEntry.Action.CREATED if creating else AuditEntry.Action.CHANGED,
                changes=changes,
            )


# Details of a record that are not kept in the audit log once the record is deleted.
# (keyed by "app_label.model": common does not import the apps that use it)
_NOT_KEPT = {"network.person": {"email", "phone", "user"}}
# Fields every record has that say nothing about what was deleted.
_BOOKKEEPING_FIELDS = {"id", "created_at", "updated_at"}


def delete_with_audit(*, record: models.Model, by, parent_field: str | None = None) -> None:
    """Delete `record` after logging a "deleted" audit entry with its values (old → None).

    With `parent_field` (e.g. "network" for a membership), the record it belongs to gets a
    "changed" entry too, named after the relation ({"memberships": ["…", None]}): the parent
    page's history lists entries of records that still exist, so it keeps the removal.
    Side effects: one or two AuditEntry rows and the delete (with its cascade), in one
    transaction.
    """
    with transaction.atomic():
        record_audit(
            record=record, by=by, action=AuditEntry.Action.DELETED, changes=_values(record)
        )
        if parent_field:
            relation = record._meta.get_field(parent_field).remote_field.related_name
            record_audit(
                record=getattr(record, parent_field), by=by, action=AuditEntry.Action.CHANGED,
                changes={relation: [str(record), None]},
            )  # fmt: skip
        record.delete()


def _values(record: models.Model) -> dict[str, list]:
    """The record's own values as audit changes (old value → None)."""
    omit = _BOOKKEEPING_FIELDS | _NOT_KEPT.get(record._meta.label_lower, set())
    values = {}
    for field in record._meta.concrete_fields:
        if field.name in omit:
            continue
        value = getattr(record, field.name)
        if value in (None, ""):
            continue
        values[field.name] = [_plain(value), None]
    return values
