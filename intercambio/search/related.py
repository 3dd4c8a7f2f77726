"""Related items for any detail page, found in the index by what records share: the
glossary concepts their texts name (3 points each), their themes (2) and SDGs (1), whatever
the kind of record or the language it was written in."""

from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from django.utils.translation import gettext as _

from intercambio.network.models import Organization
from intercambio.search.analyzer import concept_token
from intercambio.search.models import Entry, Tag
from intercambio.search.queries import best_version
from intercambio.taxonomy.models import Concept, Theme

CANDIDATES_PER_TAG = 300
SCORE_SQL = (
    "CASE WHEN shared.value LIKE 'concept:%%' THEN 3 WHEN shared.value LIKE 'theme:%%' THEN 2 "
    "ELSE 1 END"
)


@dataclass
class RelatedItem:
    kind: str
    title: str
    url: str  # without the language prefix
    language: str
    organization: str
    shares: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return Entry.Kind(self.kind).label


@cache
def _broad_themes() -> frozenset[str]:
    # A broad theme ("Governance") is shared by too much to say anything.
    return frozenset(
        f"theme:{slug}"
        for slug in Theme.objects.filter(parent__isnull=True).values_list("slug", flat=True)
    )


def related_items(*, kind: str, record_id: int, language: str, limit: int = 5) -> list[RelatedItem]:
    """The public records sharing the most with this one, with what they share. Three to
    five queries whatever the size of the index; empty for a record not in the index."""
    key = f"{kind}:{record_id}"
    # By entry ids: a join on the record key lets SQLite start from the (large) tag index.
    own_entries = list(Entry.objects.filter(record_key=key).values_list("pk", flat=True))
    own = set(Tag.objects.filter(entry_id__in=own_entries).values_list("value", flat=True))
    own -= _broad_themes()
    if not own:
        return []
    values = sorted(own)
    # Candidates: the latest CANDIDATES_PER_TAG entries of each shared tag (read from the
    # end of the tag index), so that a tag shared by tens of thousands of records costs the
    # same as a rare one; then scored over those few rows.
    candidates = " UNION ALL ".join(
        "SELECT * FROM (SELECT entry_id, value FROM search_tag WHERE value = %s "
        "ORDER BY entry_id DESC LIMIT %s) c" for _value in values
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT shared.record_key, SUM({SCORE_SQL}) AS score FROM ("  # noqa: S608
            "SELECT DISTINCT e.record_key, t.value FROM "
            f"({candidates}) t JOIN search_entry e ON e.id = t.entry_id "
            "WHERE e.record_key <> %s) shared "
            "GROUP BY shared.record_key ORDER BY score DESC, shared.record_key LIMIT %s",
            [*(item for value in values for item in (value, CANDIDATES_PER_TAG)), key, limit],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    if not ranked:
        return []
    versions: dict[str, list[Entry]] = {}
    for entry in Entry.objects.filter(record_key__in=ranked).defer("body", "summary"):
        versions.setdefault(entry.record_key, []).append(entry)
    record_of = {entry.pk: k for k, entries in versions.items() for entry in entries}
    shares: dict[str, set[str]] = {}
    tags = Tag.objects.filter(entry_id__in=list(record_of), value__in=values)
    for entry_id, value in tags.values_list("entry_id", "value"):
        shares.setdefault(record_of[entry_id], set()).add(value)
    chosen = {key: best_version(entries, language) for key, entries in versions.items()}
    organizations = dict(
        Organization.objects.filter(
            pk__in=[e.organization_id for e in chosen.values() if e.organization_id]
        ).values_list("pk", "name")
    )
    labels = _labels(set().union(*shares.values()) if shares else set())
    items = []
    for record_key in ranked:
        entry = chosen.get(record_key)
        if entry is None:
            continue
        shared = sorted(shares.get(record_key, ()), key=_label_order)
        items.append(RelatedItem(
            kind=entry.kind, title=entry.title, url=entry.url, language=entry.language,
            organization=organizations.get(entry.organization_id, ""),
            # A theme and a concept may have the same name ("Open data"): said once.
            shares=list(dict.fromkeys(labels[value] for value in shared if value in labels)),
        ))  # fmt: skip
    return items


def _label_order(value: str) -> tuple[int, str]:
    return ({"concept": 0, "theme": 1, "sdg": 2}.get(value.partition(":")[0], 3), value)


def _labels(values: set[str]) -> dict[str, str]:
    """ "concept:zcopendata" → "Open data", "theme:transparency" → its label, "sdg:16" →
    "SDG 16", in the active language (two small queries)."""
    labels = {}
    concepts = {v.partition(":")[2] for v in values if v.startswith("concept:")}
    if concepts:
        for concept in Concept.objects.all():
            token = concept_token(concept.slug)
            if token in concepts:
                labels[f"concept:{token}"] = concept.label
    themes = [v.partition(":")[2] for v in values if v.startswith("theme:")]
    for theme in Theme.objects.filter(slug__in=themes):
        labels[f"theme:{theme.slug}"] = theme.label
    for value in values:
        if value.startswith("sdg:"):
            labels[value] = _("SDG %(number)s") % {"number": value.partition(":")[2]}
    return labels
