"""The index follows every change: a record is written, rewritten or removed in the same
transaction as the change (publishing, unpublishing, editing, deleting, a file read)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from intercambio.events.models import Event, EventOrganization, Session
from intercambio.library.models import Resource, ResourceFile
from intercambio.network.models import Body, Organization
from intercambio.practices.models import Practice
from intercambio.search import index
from intercambio.search.models import Entry
from intercambio.taxonomy.models import Concept

KINDS = {
    Practice: Entry.Kind.PRACTICE,
    Resource: Entry.Kind.RESOURCE,
    Organization: Entry.Kind.ORGANIZATION,
    Body: Entry.Kind.BODY,
    Event: Entry.Kind.EVENT,
}
# Parts of a record that are indexed with it: a change to one rewrites the record.
PARTS = {EventOrganization: Entry.Kind.EVENT, Session: Entry.Kind.EVENT}


# The records changed within indexing_deferred(), or None outside it.
_deferred: ContextVar[set[tuple[str, int]] | None] = ContextVar("deferred", default=None)


@contextmanager
def indexing_deferred() -> Iterator[None]:
    """Within, each changed record is indexed once, at the end, with the others of its kind,
    rather than at each save and link change: loading the demo indexed every record three
    times over and spent two thirds of its time doing so."""
    changed: set[tuple[str, int]] = set()
    token = _deferred.set(changed)
    try:
        yield
    finally:
        _deferred.reset(token)
    for kind in sorted({kind for kind, _pk in changed}):
        index.index_records(kind, {pk for k, pk in changed if k == kind})


def _reindex(kind: str, pk: int) -> None:
    # Inside the change's transaction: a rollback takes the index change back too. Forms save
    # the many-to-many fields after the row; m2m_changed brings those in.
    changed = _deferred.get()
    if changed is not None:
        changed.add((kind, pk))
    else:
        index.index_record(kind, pk)


@receiver(post_save)
def record_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return  # fixtures: `intercambio reindex` afterwards
    if sender in KINDS:
        _reindex(KINDS[sender], instance.pk)
        if sender is Organization:
            # The country facet of its practices and documents is the owner's country, which
            # practices/signals.py copies with update() (no post_save): follow it here, in one
            # query, rather than reindexing every record of the organization.
            Entry.objects.filter(organization_id=instance.pk).exclude(
                country=instance.country
            ).update(country=instance.country)
    elif sender is ResourceFile:
        _reindex(Entry.Kind.RESOURCE, instance.resource_id)
    elif sender in PARTS:
        _reindex(PARTS[sender], instance.event_id)
    elif sender is Concept:
        index.glossary.cache_clear()


@receiver(post_delete)
def record_deleted(sender, instance, **kwargs) -> None:
    if sender in KINDS:
        index.remove({(KINDS[sender], instance.pk)})
    elif sender is ResourceFile:
        _reindex(Entry.Kind.RESOURCE, instance.resource_id)
    elif sender in PARTS:
        _reindex(PARTS[sender], instance.event_id)


@receiver(m2m_changed)
def links_changed(sender, instance, action, **kwargs) -> None:
    # Themes and goals are facets and SDG tokens.
    if action in {"post_add", "post_remove", "post_clear"} and type(instance) in KINDS:
        _reindex(KINDS[type(instance)], instance.pk)
