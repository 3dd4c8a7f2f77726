from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from intercambio.common.models import AuditEntry

HISTORY_LENGTH = 20


def recent_changes(
    *, record: models.Model, related: tuple[models.QuerySet, ...] = ()
) -> list[AuditEntry]:
    """The latest audit entries of `record` and of the records in `related` querysets
    (e.g. a body's roles), newest first. One query: related ids are a subquery."""
    content_type = ContentType.objects.get_for_model(record)
    condition = Q(content_type=content_type, object_id=str(record.pk))
    for queryset in related:
        # AuditEntry.object_id is text (it serves every model), so compare ids as text.
        keys = queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")
        condition |= Q(
            content_type=ContentType.objects.get_for_model(queryset.model), object_id__in=keys
        )
    return list(
        AuditEntry.objects.filter(condition).select_related("actor", "content_type")[
            :HISTORY_LENGTH
        ]
    )
