"""Reads of practices. Every list is built with a fixed number of queries, whatever its size."""

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django_countries import countries

from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.queries import FacetOption, cached_counts, count_from_facet
from intercambio.network.models import Organization
from intercambio.practices.models import Practice, title_sort_expression
from intercambio.taxonomy.models import Goal, Theme
from intercambio.taxonomy.queries import filter_by_goal, filter_by_theme, goal_counts, theme_counts

Status = Practice.Status
ORGANIZATION_OPTIONS = 30
SORTS = ("newest", "title", "start_year")
# Facet name → the lookup it filters on.
FACETS = {
    "theme": "themes__slug",
    "sdg": "goals__number",
    "country": "country",
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


def filter_practices(queryset: QuerySet[Practice], filters: dict[str, str]) -> QuerySet[Practice]:
    for name, value in filters.items():
        if not value:
            continue
        if name == "theme":
            queryset = filter_by_theme(queryset, value)
        elif name == "sdg":
            queryset = filter_by_goal(queryset, value)
        else:
            queryset = queryset.filter(**{FACETS[name]: value})
    return queryset


def sort_practices(queryset: QuerySet[Practice], sort: str, language: str) -> QuerySet[Practice]:
    if sort == "title":
        # The same expression as the index of that language (models.Practice.Meta).
        return queryset.order_by(title_sort_expression(language), "id")
    if sort == "start_year":
        return queryset.order_by(F("start_year").desc(nulls_last=True), "-published_at", "-pk")
    return queryset.order_by("-featured", "-published_at", "-pk")


def facet_options(
    base: QuerySet[Practice], filters: dict[str, str]
) -> tuple[dict[str, list[FacetOption]], int]:
    """Counts for every facet, and the number of practices matching all the filters: each
    counted with the *other* facets applied, so a visitor can switch from one value to
    another. Cached until a practice changes (common.queries.cached_counts)."""
    counts = cached_counts(
        model=Practice, filters=filters, count=lambda: _facet_counts(base, filters)
    )
    return label_options(
        counts, filters, choices={"stage": Practice.Stage.choices}
    ), count_from_facet(counts["stage"], filters.get("stage"))


def _facet_counts(base: QuerySet[Practice], filters: dict[str, str]) -> dict[str, dict]:
    """One GROUP BY per facet (two for themes: narrow ones, then their broad themes)."""
    counts: dict[str, dict] = {}
    for name, lookup in FACETS.items():
        others = {key: value for key, value in filters.items() if key != name}
        queryset = filter_practices(base, others).order_by()
        if name == "theme":
            counts[name] = theme_counts(queryset)
        elif name == "sdg":
            counts[name] = goal_counts(queryset)
        elif name == "organization":
            counts[name] = busiest_organizations(queryset)
        else:
            rows = queryset.values(lookup).annotate(n=Count("pk"))
            counts[name] = {str(row[lookup]): row["n"] for row in rows
                            if row[lookup] not in (None, "")}  # fmt: skip
    return counts


def label_options(
    counts: dict[str, dict], filters: dict[str, str], *, choices: dict[str, list] | None = None
) -> dict[str, list[FacetOption]]:
    """The menu of each facet in `counts` (of practices or library resources): its values with
    their labels and counts. `choices` gives the (value, label) pairs of the model's own
    choice facets (a practice's stage, a resource's kind)."""

    def option(name: str, value, label: str) -> FacetOption:
        value = str(value)
        return FacetOption(value, label, counts[name].get(value, 0), filters.get(name) == value)

    themes = list(Theme.objects.filter(slug__in=counts["theme"]).order_by("position"))
    # Thousands of cities may publish: the menu offers the busiest (and the chosen one).
    shown = {*counts["organization"], filters.get("organization", "")}
    organizations = Organization.objects.filter(slug__in=shown).only("slug", "name")
    languages = dict(LANGUAGE_CHOICES)
    options = {
        "theme": [option("theme", t.slug, t.label if t.parent_id is None else f"— {t.label}")
                  for t in themes],
        "sdg": [option("sdg", g.number, str(g)) for g in Goal.objects.filter(
            number__in=[int(n) for n in counts["sdg"]])],
        "organization": sorted((option("organization", o.slug, o.name) for o in organizations),
                               key=lambda o: o.label),
        "language": [option("language", code, languages[code]) for code, _ in LANGUAGE_CHOICES
                     if counts["language"].get(code)],
        "year": sorted((option("year", year, year) for year in counts["year"]),
                       key=lambda o: o.value, reverse=True),
    }  # fmt: skip
    if "country" in counts:
        options["country"] = sorted(
            (option("country", code, countries.name(code)) for code in counts["country"]),
            key=lambda o: o.label,
        )
    for name, pairs in (choices or {}).items():
        options[name] = [option(name, value, label) for value, label in pairs
                         if value in counts[name]]  # fmt: skip
    return options


def busiest_organizations(queryset: QuerySet) -> dict[str, int]:
    """Slug → rows of the ORGANIZATION_OPTIONS organizations owning the most rows."""
    rows = queryset.order_by().values("organization_id").annotate(n=Count("pk"))
    by_id = {row["organization_id"]: row["n"] for row in rows}
    busiest = sorted(by_id, key=by_id.get, reverse=True)[:ORGANIZATION_OPTIONS]
    slugs = dict(Organization.objects.filter(pk__in=busiest).values_list("pk", "slug"))
    return {slugs[pk]: by_id[pk] for pk in busiest}


def practices_of_editor(*, user) -> QuerySet[Practice]:
    """Every practice of the organizations the user edits, any status, latest change first."""
    return (
        Practice.objects.filter(organization__editors=user)
        .select_related("organization")
        .order_by("organization__name", "-updated_at")
    )


def _reviewable_by(user, queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    """The practices this secretariat member reviews (staff: all): filed under one of their
    networks, or owned by a member of one (rules.reviewing_networks, in SQL)."""
    if user.is_staff:
        return queryset
    reviewed = Practice.objects.filter(
        Q(networks__secretariat=user) | Q(organization__memberships__network__secretariat=user)
    )
    return queryset.filter(pk__in=reviewed.values("pk"))


def review_queue(*, user) -> QuerySet[Practice]:
    """Practices waiting for this secretariat member, oldest first."""
    waiting = _reviewable_by(user, Practice.objects.filter(status=Status.SUBMITTED))
    return waiting.select_related("organization").order_by("submitted_at", "pk")


def queue_counts(*, user) -> dict[str, int]:
    """How many of the practices this member reviews are in each status."""
    rows = (
        _reviewable_by(user, Practice.objects.order_by()).values("status").annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


def age_in_days(moment) -> int | None:
    return None if moment is None else (timezone.now() - moment).days
