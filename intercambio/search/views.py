"""The search page and the search API share one reading of the request."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_countries import countries

from intercambio.common.i18n import current_language
from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.queries import FacetOption
from intercambio.network.models import Organization
from intercambio.practices.views import is_number
from intercambio.search import queries
from intercambio.search.models import Entry
from intercambio.taxonomy.models import Goal, Theme

MAX_QUERY_LENGTH = 500
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")  # a SlugField value


def read_search(request: HttpRequest) -> tuple[str, dict[str, str], int]:
    """The query text, the valid filters and the page number of a request."""
    text = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    filters = {}
    for name in queries.FACETS:
        value = request.GET.get(name, "").strip()[:80]
        valid = {
            "type": value in Entry.Kind.values,
            "language": value in dict(LANGUAGE_CHOICES),
            "country": value in dict(countries),
            "year": is_number(value) and len(value) == 4,
            "organization": is_number(value),
            "sdg": is_number(value) and 1 <= int(value) <= 17,
            # A slug: anything else (a NUL byte above all) would reach the database, and
            # PostgreSQL refuses NUL in a parameter with a 500.
            "theme": SLUG.fullmatch(value) is not None,
        }[name]
        filters[name] = value if valid else ""
    page = request.GET.get("page", "1")
    return text, filters, int(page) if is_number(page) and len(page) < 4 else 1


def _options(found: queries.SearchResults, filters: dict[str, str]) -> dict[str, list]:
    """The facet menus, labelled in the reader's language."""
    counts = found.facets

    def option(name: str, value: str, label: str) -> FacetOption:
        return FacetOption(
            value, label, counts.get(name, {}).get(value, 0), filters.get(name) == value
        )

    themes = Theme.objects.filter(slug__in=counts.get("theme", {})).order_by("position")
    shown = {*counts.get("organization", {}), filters.get("organization") or "0"}
    organizations = Organization.objects.filter(pk__in=[int(pk) for pk in shown]).only("name")
    goals = Goal.objects.filter(number__in=[int(n) for n in counts.get("sdg", {})])
    return {
        "type": [option("type", value, label) for value, label in Entry.Kind.choices
                 if value in counts.get("type", {})],
        "language": [option("language", code, name) for code, name in LANGUAGE_CHOICES
                     if code in counts.get("language", {})],
        "theme": [option("theme", t.slug, t.label if t.parent_id is None else f"— {t.label}")
                  for t in themes],
        "sdg": [option("sdg", str(g.number), str(g)) for g in goals],
        "country": sorted((option("country", code, countries.name(code))
                           for code in counts.get("country", {})), key=lambda o: o.label),
        "organization": sorted((option("organization", str(o.pk), o.name) for o in organizations),
                               key=lambda o: o.label),
        "year": sorted((option("year", year, year) for year in counts.get("year", {})),
                       key=lambda o: o.value, reverse=True),
    }  # fmt: skip


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    text, filters, page = read_search(request)
    found = None
    if text:
        found = queries.search(text=text, filters=filters, language=current_language(), page=page)
    pages = 0
    if found:
        pages = min(queries.MAX_PAGE, (found.count + queries.PAGE_SIZE - 1) // queries.PAGE_SIZE)
    context = {
        "text": text,
        "found": found,
        "facets": _options(found, filters) if found else {},
        "filters": filters,
        "active_filters": {name: value for name, value in filters.items() if value},
        # At least 1: "?page=0" is read as 0 and would show "Page 0 of 2".
        "page": max(1, min(page, pages)),
        "pages": pages,
        "language": current_language(),
    }
    return render(request, "search/search.html", context)
