import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
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


FACET_CACHE_SECONDS = 600


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def cached_counts(
    *, model: type[models.Model], filters: dict[str, str], count: Callable[[], dict]
) -> dict:
    """`count()` (facet counts, the expensive part of a list at 100 000 rows), kept in the
    cache under a key that changes whenever any row of `model` is created or saved: a
    repeated view costs two indexed look-ups, and a change shows at once. The model needs an
    index on updated_at."""
    # Each look-up is answered from the end of an index.
    version = [
        model.objects.order_by("-updated_at").values_list("updated_at", flat=True).first(),
        model.objects.order_by("-pk").values_list("pk", flat=True).first(),
    ]
    return cached(
        namespace=f"facets:{model._meta.label_lower}",
        asked=[sorted(filters.items()), version],
        compute=count,
    )


def cached(*, namespace: str, asked: list, compute: Callable):
    """`compute()`, kept in the cache for FACET_CACHE_SECONDS under `namespace` and a hash of
    `asked` (what was asked and the version of the data it was computed from)."""
    key = f"{namespace}:" + hashlib.sha256(json.dumps(asked, default=str).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FACET_CACHE_SECONDS)
    return value


def count_from_facet(counts: dict[str, int], chosen: str | None) -> int:
    """How many rows match every filter, read off a facet that gives each row exactly one
    value and is counted with all the other filters applied: no COUNT of its own."""
    return counts.get(chosen, 0) if chosen else sum(counts.values())


class KeysFirstPaginator(Paginator):
    """Skips to a deep page on the ids alone (read from the ordering index), then reads the
    page's 20 rows with their joins: with the joins in the OFFSET query, SQLite reads and
    joins every skipped row (page 500: 112 ms p95 against 49 ms)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self.object_list.prefetch_related(None).values_list("pk", flat=True)
        ids = list(keys[bottom : bottom + self.per_page])
        found = self.object_list.in_bulk(ids)
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)
