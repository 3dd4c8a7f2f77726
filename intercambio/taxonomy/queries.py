"""Reads of the vocabulary for forms, facets and labels."""

from django.db.models import Prefetch, QuerySet

from intercambio.taxonomy.models import Goal, Theme


def theme_tree() -> QuerySet[Theme]:
    """Top-level themes with their children, in the shipped order (two queries)."""
    return Theme.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("children", queryset=Theme.objects.order_by("position"))
    )


def goals() -> QuerySet[Goal]:
    return Goal.objects.all()
