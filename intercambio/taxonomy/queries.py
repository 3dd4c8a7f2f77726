"""Reads of the vocabulary for forms, facets and labels."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from intercambio.taxonomy.models import Goal, Theme


def theme_tree() -> QuerySet[Theme]:
    """Top-level themes with their children, in the shipped order (two queries)."""
    return Theme.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("children", queryset=Theme.objects.order_by("position"))
    )


def goals() -> QuerySet[Goal]:
    return Goal.objects.all()


# Practices and library resources are filed under themes and goals the same way: these
# filter and count any model with `themes` and `goals` many-to-many fields.


def _owner_column(model) -> str:
    return f"{model._meta.model_name}_id"  # the link tables' column: practice_id, resource_id


def filter_by_theme(queryset: QuerySet, slug: str) -> QuerySet:
    """Rows filed under the theme, or (a broad theme) under one of its narrower themes.
    EXISTS, not IN: a page walks an index and checks only the rows it shows, instead of first
    collecting every row of the theme."""
    model = queryset.model
    themes = Theme.objects.filter(Q(slug=slug) | Q(parent__slug=slug)).values("pk")
    links = model.themes.through.objects.filter(
        theme_id__in=themes, **{_owner_column(model): OuterRef("pk")}
    )
    return queryset.filter(Exists(links))


def filter_by_goal(queryset: QuerySet, number: str) -> QuerySet:
    model = queryset.model
    links = model.goals.through.objects.filter(
        goal_id=number, **{_owner_column(model): OuterRef("pk")}
    )
    return queryset.filter(Exists(links))


def theme_counts(queryset: QuerySet) -> dict[str, int]:
    """Rows per theme slug, counted on the link table. A row filed under two narrow themes of
    one broad theme counts once there."""
    model = queryset.model
    owner = _owner_column(model)
    links = model.themes.through.objects.filter(
        **{f"{owner}__in": queryset.order_by().values("pk")}
    )
    narrow = links.values("theme__slug").annotate(n=Count("pk"))
    counts = {row["theme__slug"]: row["n"] for row in narrow}
    broad = links.values("theme__parent__slug").annotate(n=Count(owner, distinct=True))
    counts |= {row["theme__parent__slug"]: row["n"] for row in broad if row["theme__parent__slug"]}
    return counts


def goal_counts(queryset: QuerySet) -> dict[str, int]:
    model = queryset.model
    links = model.goals.through.objects.filter(
        **{f"{_owner_column(model)}__in": queryset.order_by().values("pk")}
    )
    rows = links.values("goal_id").annotate(n=Count("pk"))
    return {str(row["goal_id"]): row["n"] for row in rows}
