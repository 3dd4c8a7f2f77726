"""Reads of practices. Every list is built with a fixed number of queries, whatever its size."""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django_countries import countries

from intercambio.common.i18n import field_suffix
from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.network.models import Organization
from intercambio.practices.models import Practice
from intercambio.taxonomy.models import Goal, Theme

Status = Practice.Status
SORTS = ("newest", "title", "start_year")
# Facet name → the lookup it filters on.
FACETS = {
    "theme": "themes__slug",
    "sdg": "goals__number",
    "country": "organization__country",
    "organization": "organization__slug",
    "stage": "stage",
    "language": "original_language",
    "year": "start_year",
}


def published_practices() -> QuerySet[Practice]:
    return Practice.objects.filter(status=Status.PUBLISHED)


def with_list_data(queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    """What a list row shows: owner, themes, goals (three queries for any number of rows)."""
    return queryset.select_related("organization").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position")), "goals"
    )


def _theme_condition(slug: str) -> Q:
    # A broad theme also finds the practices filed under its narrower themes.
    return Q(themes__slug=slug) | Q(themes__parent__slug=slug)


def filter_practices(queryset: QuerySet[Practice], filters: dict[str, str]) -> QuerySet[Practice]:
    for name, value in filters.items():
        if not value:
            continue
        if name == "theme":
            ids = Practice.objects.filter(_theme_condition(value)).values("pk")
            queryset = queryset.filter(pk__in=ids)
        elif name == "sdg":
            queryset = queryset.filter(pk__in=Practice.goals.through.objects.filter(
                goal_id=value).values("practice_id"))  # fmt: skip
        else:
            queryset = queryset.filter(**{FACETS[name]: value})
    return queryset


def sort_practices(queryset: QuerySet[Practice], sort: str, language: str) -> QuerySet[Practice]:
    if sort == "title":
        # The title a visitor sees: their language first, then any other.
        columns = [f"title_{field_suffix(language)}"] + [
            f"title_{field_suffix(code)}" for code, _ in LANGUAGE_CHOICES if code != language
        ]
        return queryset.order_by(Lower(Coalesce(*[F(c) for c in columns])), "pk")
    if sort == "start_year":
        return queryset.order_by(F("start_year").desc(nulls_last=True), "-published_at", "-pk")
    return queryset.order_by("-featured", "-published_at", "-pk")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def facet_options(
    base: QuerySet[Practice], filters: dict[str, str]
) -> dict[str, list[FacetOption]]:
    """Counts for every facet: each counted with the *other* facets applied, so a visitor can
    switch from one value to another. One query per facet plus one for labels."""
    counts: dict[str, dict] = {}
    for name, lookup in FACETS.items():
        others = {key: value for key, value in filters.items() if key != name}
        queryset = filter_practices(base, others).order_by()
        if name == "theme":
            # Counted on the narrow themes and rolled up to their broad theme below.
            rows = queryset.values("themes__slug", "themes__parent__slug").annotate(
                n=Count("pk", distinct=True)
            )
            per_theme: dict[str, int] = {}
            for row in rows:
                if row["themes__slug"]:
                    per_theme[row["themes__slug"]] = row["n"]
            broad = queryset.values("themes__parent__slug").annotate(n=Count("pk", distinct=True))
            for row in broad:
                if row["themes__parent__slug"]:
                    per_theme[row["themes__parent__slug"]] = row["n"]
            counts[name] = per_theme
        else:
            rows = queryset.values(lookup).annotate(n=Count("pk", distinct=True))
            counts[name] = {
                str(row[lookup]): row["n"] for row in rows if row[lookup] not in (None, "")
            }
    return _label_options(counts, filters)


def _label_options(
    counts: dict[str, dict], filters: dict[str, str]
) -> dict[str, list[FacetOption]]:
    def option(name: str, value, label: str) -> FacetOption:
        value = str(value)
        return FacetOption(value, label, counts[name].get(value, 0), filters.get(name) == value)

    themes = list(Theme.objects.filter(slug__in=counts["theme"]).order_by("position"))
    organizations = Organization.objects.filter(slug__in=counts["organization"]).only(
        "slug", "name"
    )
    languages = dict(LANGUAGE_CHOICES)
    options = {
        "theme": [option("theme", t.slug, t.label if t.parent_id is None else f"— {t.label}")
                  for t in themes],
        "sdg": [option("sdg", g.number, str(g)) for g in Goal.objects.filter(
            number__in=[int(n) for n in counts["sdg"]])],
        "country": sorted((option("country", code, countries.name(code)) for code in counts["country"]),
                          key=lambda o: o.label),
        "organization": sorted((option("organization", o.slug, o.name) for o in organizations),
                               key=lambda o: o.label),
        "stage": [option("stage", value, label) for value, label in Practice.Stage.choices
                  if value in counts["stage"]],
        "language": [option("language", code, languages[code]) for code, _ in LANGUAGE_CHOICES
                     if code in counts["language"]],
        "year": sorted((option("year", year, year) for year in counts["year"]),
                       key=lambda o: o.value, reverse=True),
    }  # fmt: skip
    return options


def related_practices(*, practice: Practice, limit: int = 4) -> list[Practice]:
    """Published practices sharing the most themes and goals with this one (one query + the
    list data), with `shared_themes` / `shared_goals` set for the "why" shown on the page."""
    theme_ids = [theme.pk for theme in practice.themes.all()]
    goal_ids = [goal.pk for goal in practice.goals.all()]
    if not theme_ids and not goal_ids:
        return []
    candidates = (
        published_practices()
        .exclude(pk=practice.pk)
        .annotate(
            theme_score=Count("themes", filter=Q(themes__in=theme_ids), distinct=True),
            goal_score=Count("goals", filter=Q(goals__in=goal_ids), distinct=True),
        )
        .filter(Q(theme_score__gt=0) | Q(goal_score__gt=0))
        .order_by(F("theme_score") * 2 + F("goal_score"), "published_at")
        .reverse()
    )
    related = list(with_list_data(candidates)[:limit])
    for item in related:
        item.shared_themes = [t for t in item.themes.all() if t.pk in theme_ids]
        item.shared_goals = [g for g in item.goals.all() if g.pk in goal_ids]
    return related


def practices_of_editor(*, user) -> QuerySet[Practice]:
    """Every practice of the organizations the user edits, any status, latest change first."""
    return (
        Practice.objects.filter(organization__editors=user)
        .select_related("organization")
        .order_by("organization__name", "-updated_at")
    )


@dataclass
class QueueCounts:
    submitted: int
    changes_requested: int
    oldest_days: int | None


def review_queue(*, user) -> QuerySet[Practice]:
    """Practices waiting for this secretariat member (staff see every network's), oldest first."""
    queryset = Practice.objects.filter(status=Status.SUBMITTED)
    if not user.is_staff:
        queryset = queryset.filter(
            Q(networks__secretariat=user) | Q(organization__memberships__network__secretariat=user)
        ).distinct()
    return queryset.select_related("organization").order_by("submitted_at", "pk")


def queue_counts(*, user) -> dict[str, int]:
    queryset = Practice.objects.all()
    if not user.is_staff:
        queryset = queryset.filter(
            pk__in=Practice.objects.filter(
                Q(networks__secretariat=user)
                | Q(organization__memberships__network__secretariat=user)
            ).values("pk")
        )
    rows = queryset.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def age_in_days(moment) -> int | None:
    return None if moment is None else (timezone.now() - moment).days
