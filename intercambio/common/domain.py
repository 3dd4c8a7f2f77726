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
