"""Keeping the index: one entry per public record and language version.

Only what everyone may see is indexed (published practices and library documents, public
events, organizations, bodies), so a search never has to check permissions, and a record leaves the
index in the same transaction that unpublishes it (signals.py).
"""

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import translation

from intercambio.common.i18n import field_suffix
from intercambio.events.models import Event, EventOrganization
from intercambio.library.models import Resource, ResourceFile
from intercambio.network.models import Body, Organization
from intercambio.practices.models import Practice
from intercambio.search.analyzer import (
    CONCEPT_PREFIX,
    LANGUAGES,
    Glossary,
    analyze,
    build_glossary,
    sdg_token,
    words,
)
from intercambio.search.backends import backend
from intercambio.search.models import Entry, Revision, Tag, Word
from intercambio.taxonomy.models import Concept

Kind = Entry.Kind
# Library text beyond this is kept for download but not indexed: enough to find a report
# by what it is about, without one 1 000-page document weighing like a thousand practices.
MAX_INDEXED_BODY = 100_000
SNIPPET_SOURCE = 20_000


@cache
def glossary() -> Glossary:
    """The glossary as the analyzer uses it; forgotten when a concept changes (signals.py)."""
    return build_glossary(Concept.objects.all())


@dataclass
class Document:
    """A record's text in one language, and its facet values."""

    kind: str
    record_id: int
    language: str
    is_original: bool
    title: str
    summary: str
    body: str
    path: str  # the page's address without the language prefix
    organization_id: int | None = None
    country: str = ""
    year: int | None = None
    tags: list[str] = field(default_factory=list)


def _path(record) -> str:
    """ "/practices/x/" from "/pt-br/practices/x/": the searcher's language is put back."""
    with translation.override(settings.LANGUAGE_CODE):
        url = record.get_absolute_url()
    return "/" + url.lstrip("/").partition("/")[2]


def _text(record, name: str, language: str) -> str:
    return getattr(record, f"{name}_{field_suffix(language)}", "") or ""


def _themes_and_goals(record) -> list[str]:
    tags = []
    for theme in record.themes.all():
        tags.append(f"theme:{theme.slug}")
        if theme.parent_id:
            tags.append(f"theme:{theme.parent.slug}")
    tags += [f"sdg:{goal.number}" for goal in record.goals.all()]
    return list(dict.fromkeys(tags))


def practice_documents(practices: Iterable[Practice]) -> Iterator[Document]:
    for practice in practices:
        if practice.status != Practice.Status.PUBLISHED:
            continue
        tags = _themes_and_goals(practice)
        path = _path(practice)
        for language in LANGUAGES:
            title = _text(practice, "title", language)
            if not title:
                continue
            body = "\n".join(
                _text(practice, name, language)
                for name in ("context", "actions", "results", "lessons", "beneficiaries")
            )
            yield Document(
                Kind.PRACTICE, practice.pk, language, language == practice.original_language,
                title, _text(practice, "summary", language), f"{body}\n{practice.tags}", path,
                practice.organization_id, practice.country, practice.start_year, tags,
            )  # fmt: skip


def resource_documents(resources: Iterable[Resource]) -> Iterator[Document]:
    for resource in resources:
        if resource.status != Resource.Status.PUBLISHED:
            continue
        tags = _themes_and_goals(resource)
        path = _path(resource)
        files = {f.language: f for f in resource.files.all() if f.state == ResourceFile.State.READY}
        original = resource.original_language
        for language in LANGUAGES:
            title = _text(resource, "title", language)
            if not title and language not in files:
                continue
            summary = "\n".join(
                filter(None, [_text(resource, "description", language) or
                              _text(resource, "description", original),
                              _text(resource, "audience", language), resource.authors])
            )  # fmt: skip
            stored = files.get(language)
            yield Document(
                Kind.RESOURCE, resource.pk, language, language == original,
                title or _text(resource, "title", original), summary,
                stored.text[:MAX_INDEXED_BODY] if stored else "", path,
                resource.organization_id, resource.organization.country, resource.year, tags,
            )  # fmt: skip


def organization_documents(organizations: Iterable[Organization]) -> Iterator[Document]:
    for organization in organizations:
        place = ", ".join(filter(None, [organization.city, organization.region,
                                        str(organization.country.name)]))  # fmt: skip
        for language in LANGUAGES:
            description = _text(organization, "description", language)
            if not description and language != organization.original_language:
                continue
            yield Document(
                Kind.ORGANIZATION, organization.pk, language,
                language == organization.original_language,
                f"{organization.name} {organization.short_name}".strip(), place, description,
                _path(organization), organization.pk, organization.country,
            )  # fmt: skip


def body_documents(bodies: Iterable[Body]) -> Iterator[Document]:
    for body in bodies:
        for language in LANGUAGES:
            name = _text(body, "name", language)
            if not name:
                continue
            yield Document(
                Kind.BODY, body.pk, language, language == body.original_language,
                f"{name} {body.acronym}".strip(), _text(body, "description", language),
                str(body.network), _path(body),
            )  # fmt: skip


def event_documents(events: Iterable[Event]) -> Iterator[Document]:
    for event in events:
        if event.status not in Event.PUBLIC_STATUSES:
            continue
        tags = _themes_and_goals(event)
        path = _path(event)
        roles = list(event.roles.all())
        # The organization facet: the first organizer (else the first organization named).
        lead = next((r for r in roles if r.role == EventOrganization.Role.ORGANIZER), None) or (
            roles[0] if roles else None
        )
        original = event.original_language
        place = ", ".join(filter(None, [event.venue, event.city, str(event.country.name)]))
        organizations = ", ".join(role.organization.name for role in roles)
        for language in LANGUAGES:
            title = _text(event, "title", language)
            if not title:
                continue
            sessions = "\n".join(
                "\n".join(filter(None, [_text(s, "title", language) or _text(s, "title", original),
                                        _text(s, "description", language)]))
                for s in event.sessions.all()
            )  # fmt: skip
            yield Document(
                Kind.EVENT, event.pk, language, language == original, title,
                f"{place}\n{organizations}", f"{_text(event, 'description', language)}\n{sessions}",
                path, lead.organization_id if lead else None, event.country,
                event.starts_at.year, tags,
            )  # fmt: skip


def _with_files():
    return Prefetch("files", queryset=ResourceFile.objects.only("resource_id", "language",
                                                                 "state", "text"))  # fmt: skip


# kind → (queryset of what may be indexed, documents of those records)
SOURCES: dict[str, tuple[Callable, Callable]] = {
    Kind.PRACTICE: (
        lambda: Practice.objects.filter(status=Practice.Status.PUBLISHED).prefetch_related(
            "themes__parent", "goals"),
        practice_documents,
    ),
    Kind.RESOURCE: (
        lambda: Resource.objects.filter(status=Resource.Status.PUBLISHED)
        .select_related("organization").prefetch_related("themes__parent", "goals", _with_files()),
        resource_documents,
    ),
    Kind.EVENT: (
        lambda: Event.objects.filter(status__in=Event.PUBLIC_STATUSES).prefetch_related(
            "themes__parent", "goals", "sessions",
            Prefetch("roles", queryset=EventOrganization.objects.select_related("organization"))),
        event_documents,
    ),
    Kind.ORGANIZATION: (lambda: Organization.objects.all(), organization_documents),
    Kind.BODY: (lambda: Body.objects.select_related("network"), body_documents),
}  # fmt: skip


def _tokens(text: str, language: str) -> list[str]:
    return analyze(text, language=language, glossary=glossary())


def write(documents: list[Document]) -> int:
    """Replace the entries of these documents' records with these documents. Returns how
    many entries were written."""
    records = {(d.kind, d.record_id) for d in documents}
    with transaction.atomic():
        remove(records)
        entries = Entry.objects.bulk_create([
            Entry(kind=d.kind, record_id=d.record_id, record_key=f"{d.kind}:{d.record_id}",
                  language=d.language, is_original=d.is_original, title=d.title[:300],
                  summary=d.summary[:2000], body=d.body[:SNIPPET_SOURCE], url=d.path[:300],
                  organization_id=d.organization_id, country=str(d.country or ""), year=d.year)
            for d in documents
        ])  # fmt: skip
        rows, vocabulary, tags = [], set(), []
        for entry, d in zip(entries, documents, strict=True):
            title, summary, body = (
                _tokens(text, d.language) for text in (d.title, d.summary, d.body)
            )
            goals = [sdg_token(int(t[4:])) for t in d.tags if t.startswith("sdg:")]
            rows.append((entry.pk, " ".join(title), " ".join(summary), " ".join(body + goals)))
            # The concepts a text names are tags too: related items are found by them.
            concepts = {t for t in title + summary + body if t.startswith(CONCEPT_PREFIX)}
            tags += [Tag(entry=entry, value=value)
                     for value in [*d.tags, *(f"concept:{c}" for c in sorted(concepts))]]  # fmt: skip
            vocabulary.update(w for w in words(f"{d.title} {d.summary}") if len(w) > 3)
        Tag.objects.bulk_create(tags)
        with connection.cursor() as cursor:
            backend().store(cursor, rows)
        Word.objects.bulk_create([Word(word=w) for w in vocabulary], ignore_conflicts=True)
        _changed()
    return len(entries)


def remove(records: set[tuple[str, int]]) -> None:
    """Take these records out of the index (kind, id)."""
    if not records:
        return
    ids = []
    for kind in {kind for kind, _pk in records}:
        record_ids = [pk for k, pk in records if k == kind]
        ids += Entry.objects.filter(kind=kind, record_id__in=record_ids).values_list(
            "pk", flat=True
        )
    if not ids:
        return
    # On SQLite their FTS5 rows go with them (a trigger, migration 0005).
    Entry.objects.filter(pk__in=ids).delete()
    _changed()


def revision() -> str:
    """The index's current revision (see Revision)."""
    return Revision.objects.values_list("token", flat=True).first() or ""


def _changed() -> None:
    token = uuid.uuid4().hex
    if not Revision.objects.filter(pk=1).update(token=token):
        # The row is gone (a flushed database): whoever writes it first sets a new token.
        Revision.objects.bulk_create([Revision(pk=1, token=token)], ignore_conflicts=True)


def index_record(kind: str, record_id: int) -> None:
    """Bring one record's entries up to date: written if public, removed otherwise."""
    index_records(kind, {record_id})


def index_records(kind: str, record_ids: set[int]) -> None:
    """Bring these records' entries up to date, in one write: written if public, removed
    otherwise."""
    queryset, documents = SOURCES[kind]
    found = list(documents(queryset().filter(pk__in=record_ids)))
    if found:
        write(found)
    remove({(kind, pk) for pk in record_ids - {d.record_id for d in found}})


def rebuild(
    *, batch_size: int = 500, progress: Callable[[str, int, int], None] | None = None
) -> int:
    """Index everything again from scratch. Returns the number of entries."""
    with connection.cursor() as cursor:
        backend().clear(cursor)
    Entry.objects.all().delete()
    _changed()
    glossary.cache_clear()
    total = 0
    for kind, (queryset, documents) in SOURCES.items():
        records = queryset().order_by("pk")
        count = records.count()
        done, last = 0, 0
        while batch := list(records.filter(pk__gt=last)[:batch_size]):
            # From the last id rather than by OFFSET, which reads every row before the batch
            # again: the last batches of 100 000 practices took longer than the first ones.
            total += write(list(documents(batch)))
            done, last = done + len(batch), batch[-1].pk
            if progress:
                progress(kind, done, count)
    return total
