from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from intercambio.common.i18n import current_language
from intercambio.network import queries as network_queries
from intercambio.practices import queries as practice_queries

HOME_PRACTICES = 4


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_GET
def bench_floor(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: the cheapest Django view that still reads one row."""
    from intercambio.network.models import Organization

    first = Organization.objects.only("pk").order_by("pk").first()
    return HttpResponse(f"{first.pk if first else 0}\n", content_type="text/plain")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "common/home.html",
        {
            "networks": network_queries.networks_with_bodies(),
            "counts": network_queries.directory_counts(),
            # Featured first, then the newest: the list's own order and index.
            "practices": practice_queries.with_list_data(
                practice_queries.sort_practices(
                    practice_queries.published_practices(), "newest", current_language()
                )
            )[:HOME_PRACTICES],
        },
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "common/privacy.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "common/accessibility.html")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)
