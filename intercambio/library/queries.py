"""Reads of the library. Every list is built with a fixed number of queries, whatever its size."""

from django.db.models import Count, Prefetch, Q, QuerySet

from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.queries import FacetOption, cached_counts, count_from_facet
from intercambio.library.models import Lesson, Resource, ResourceFile
from intercambio.practices.models import Practice
from intercambio.practices.queries import busiest_organizations, label_options
from intercambio.taxonomy.models import Theme
from intercambio.taxonomy.queries import filter_by_goal, filter_by_theme, goal_counts, theme_counts

Status = Resource.Status
FACETS = ("kind", "theme", "sdg", "language", "organization", "year")
LANGUAGE_CODES = [code for code, _name in LANGUAGE_CHOICES]


def published_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(status=Status.PUBLISHED)


def files_without_text() -> QuerySet[ResourceFile]:
    """Files as pages show them: the full text stays in the database (it may be megabytes)."""
    return ResourceFile.objects.defer("text").order_by("language")


def with_list_data(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    """What a list row shows: publisher, themes, files (four queries for any number of rows)."""
    return queryset.select_related("organization").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position")),
        Prefetch("files", queryset=files_without_text().defer("text", "excerpt")),
    )


def filter_resources(queryset: QuerySet[Resource], filters: dict[str, str]) -> QuerySet[Resource]:
    for name, value in filters.items():
        if not value:
            continue
        if name == "theme":
            queryset = filter_by_theme(queryset, value)
        elif name == "sdg":
            queryset = filter_by_goal(queryset, value)
        elif name == "language":
            queryset = queryset.filter(languages__contains=f"|{value}|")
        elif name == "organization":
            queryset = queryset.filter(organization__slug=value)
        else:
            queryset = queryset.filter(**{name: value})
    return queryset


def facet_options(
    base: QuerySet[Resource], filters: dict[str, str]
) -> tuple[dict[str, list[FacetOption]], int]:
    """Counts for every facet, each with the *other* filters applied, and the number of
    resources matching all of them. Cached until a resource changes."""
    counts = cached_counts(
        model=Resource, filters=filters, count=lambda: _facet_counts(base, filters)
    )
    total = count_from_facet(counts["kind"], filters.get("kind"))
    return label_options(counts, filters, choices={"kind": Resource.Kind.choices}), total


def _facet_counts(base: QuerySet[Resource], filters: dict[str, str]) -> dict[str, dict]:
    counts: dict[str, dict] = {}
    for name in FACETS:
        others = {key: value for key, value in filters.items() if key != name}
        queryset = filter_resources(base, others).order_by()
        if name == "theme":
            counts[name] = theme_counts(queryset)
        elif name == "sdg":
            counts[name] = goal_counts(queryset)
        elif name == "organization":
            counts[name] = busiest_organizations(queryset)
        elif name == "language":
            # A resource readable in two languages counts under both: one pass, three sums.
            counts[name] = queryset.aggregate(**{
                code: Count("pk", filter=Q(languages__contains=f"|{code}|"))
                for code in LANGUAGE_CODES
            })  # fmt: skip
        else:
            rows = queryset.values(name).annotate(n=Count("pk"))
            counts[name] = {str(row[name]): row["n"] for row in rows if row[name] is not None}
    return counts


def related_practices(*, resource: Resource, limit: int = 6) -> list:
    """The published practices linked to the resource, newest first. The link ids are read
    first: filtering practices by the link in one query makes SQLite walk every published
    practice by date."""
    ids = list(
        Resource.related_practices.through.objects.filter(resource_id=resource.pk).values_list(
            "practice_id", flat=True
        )
    )
    if not ids:
        return []
    return list(
        Practice.objects.filter(pk__in=ids, status=Practice.Status.PUBLISHED)
        .select_related("organization")
        .order_by("-published_at")[:limit]
    )


def lessons_with_progress(*, resource: Resource, user) -> tuple[list[Lesson], int]:
    """The module's lessons in order, each with `done` for this user, and the percentage done
    (two queries)."""
    lessons = list(resource.lessons.order_by("position", "pk"))
    done = set()
    if user.is_authenticated:
        done = set(
            user.completed_lessons.filter(lesson__resource=resource).values_list(
                "lesson_id", flat=True
            )
        )
    for lesson in lessons:
        lesson.done = lesson.pk in done
    percent = round(100 * len(done) / len(lessons)) if lessons else 0
    return lessons, percent


def resources_of_editor(*, user) -> QuerySet[Resource]:
    """Every resource of the organizations the user edits, any status, latest change first."""
    return (
        Resource.objects.filter(organization__editors=user)
        .select_related("organization")
        .prefetch_related(Prefetch("files", queryset=files_without_text().defer("excerpt")))
        .order_by("organization__name", "-updated_at")
    )


def review_queue(*, user) -> QuerySet[Resource]:
    """Resources waiting for this secretariat member (staff: all), oldest first: filed under
    one of their networks, or published by a member of one."""
    waiting = Resource.objects.filter(status=Status.SUBMITTED)
    if not user.is_staff:
        reviewed = Resource.objects.filter(
            Q(network__secretariat=user) | Q(organization__memberships__network__secretariat=user)
        )
        waiting = waiting.filter(pk__in=reviewed.values("pk"))
    return waiting.select_related("organization").order_by("submitted_at", "pk")
