"""Event pages: list (upcoming, past, month), event, programme, calendars."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from intercambio.common.i18n import current_language, translated
from intercambio.events import queries
from intercambio.events.calendar import calendar_bytes
from intercambio.events.models import Event, EventOrganization
from intercambio.library.models import Resource
from intercambio.practices.views import PAGE_SIZE, is_number, requested_page
from intercambio.search.related import related_items


def read_filters(request: HttpRequest, names=queries.FACETS) -> dict[str, str]:
    """The filter values of the query string, each cut to a sane length; invalid ones
    dropped (an unknown type or language would only ever match nothing)."""
    filters = {}
    for name in names:
        value = request.GET.get(name, "").strip()[:80]
        valid = {
            "kind": value in Event.Kind.values,
            "language": value in queries.LANGUAGE_CODES,
            "online": value == "1",
            "country": len(value) == 2 and value.isascii() and value.isalpha(),
        }.get(name, True)
        filters[name] = (value.upper() if name == "country" else value) if valid else ""
    return filters


def _requested_month(request: HttpRequest, today: datetime.date) -> datetime.date:
    """The ?month=2026-12 shown by the month view; this month when absent or invalid."""
    year, _dash, month = request.GET.get("month", "").partition("-")
    if is_number(year) and is_number(month) and 1900 <= int(year) <= 2100 and 1 <= int(month) <= 12:
        return datetime.date(int(year), int(month), 1)
    return today.replace(day=1)


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    filters = read_filters(request)
    past = request.GET.get("when") == "past"
    by_month = request.GET.get("view") == "month"
    now = timezone.now()
    base = queries.public_events()
    facets, total = queries.facet_options(
        base if by_month else queries.upcoming_or_past(base, past=past, now=now), filters
    )
    matching = queries.filter_events(base, filters)
    context = {
        "facets": facets,
        "filters": filters,
        "active_filters": {name: value for name, value in filters.items() if value},
        "past": past,
        "by_month": by_month,
        "total": total,
        "feed_query": urlencode(
            [(name, filters[name]) for name in queries.FEED_FILTERS if filters.get(name)]
        ),
    }
    if by_month:
        month = _requested_month(request, timezone.localdate())
        events = queries.month_events(matching, year=month.year, month=month.month)
        context |= {
            "month": month,
            "previous_month": (month - datetime.timedelta(days=1)).replace(day=1),
            "next_month": (month + datetime.timedelta(days=31)).replace(day=1),
            "weeks": queries.month_grid(events, year=month.year, month=month.month),
        }
    else:
        ordered = queries.upcoming_or_past(matching, past=past, now=now)
        paginator = Paginator(queries.with_list_data(ordered), PAGE_SIZE)
        paginator.count = total  # known from the facet counts
        context["page"] = paginator.get_page(requested_page(request))
    return render(request, "events/list.html", context)


def _event_or_404(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("network", "body", "series").prefetch_related(
            "themes", "goals"
        ),
        slug=slug,
    )
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def _roles_by_kind(event: Event) -> list[tuple[str, list[EventOrganization]]]:
    """(role label, organizations) in the order of the roles' choices."""
    roles = list(event.roles.select_related("organization"))
    grouped = []
    for value, label in EventOrganization.Role.choices:
        holders = [role for role in roles if role.role == value]
        if holders:
            grouped.append((label, holders))
    return grouped


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    language = current_language()
    text = {name: translated(event, name) for name in ("title", "description")}
    roles = _roles_by_kind(event)
    absolute_url = request.build_absolute_uri(event.get_absolute_url())
    context = {
        "event": event,
        "text": text,
        "roles": roles,
        "local_start": event.starts_at.astimezone(event.zone),
        "local_end": event.ends_at.astimezone(event.zone),
        "days": queries.programme(event),
        "series_events": queries.other_events_of_series(event),
        "resources": list(
            event.resources.filter(status=Resource.Status.PUBLISHED).select_related("organization")
        ),
        "related": related_items(kind="event", record_id=event.pk, language=language)
        if event.is_public
        else [],
        "absolute_url": absolute_url,
    }
    context["json_ld"] = _json_ld(event, text, roles, absolute_url)
    return render(request, "events/detail.html", context)


SCHEMA_STATUS = {
    Event.Status.PUBLISHED: "https://schema.org/EventScheduled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}
SCHEMA_ATTENDANCE = {
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _json_ld(event: Event, text: dict, roles: list, absolute_url: str) -> dict:
    """schema.org Event; times with the venue's UTC offset, as search engines expect."""
    place = {
        "@type": "Place",
        "name": event.venue or event.city,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": event.address,
            "addressLocality": event.city,
            "addressCountry": str(event.country),
        },
    }
    online = {"@type": "VirtualLocation", "url": absolute_url}
    location = {Event.Format.IN_PERSON: place, Event.Format.ONLINE: online}.get(
        event.format, [place, online]
    )
    organizers = [role.organization for label, holders in roles for role in holders
                  if role.role in {EventOrganization.Role.ORGANIZER,
                                   EventOrganization.Role.CO_ORGANIZER}]  # fmt: skip
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": text["title"].text,
        "description": text["description"].text[:500],
        "url": absolute_url,
        "inLanguage": event.floor_language_list or [event.original_language],
        "startDate": event.starts_at.astimezone(event.zone).isoformat(),
        "endDate": event.ends_at.astimezone(event.zone).isoformat(),
        "eventStatus": SCHEMA_STATUS.get(event.status, SCHEMA_STATUS[Event.Status.PUBLISHED]),
        "eventAttendanceMode": SCHEMA_ATTENDANCE[event.format],
        "location": location,
        "organizer": [
            {"@type": "Organization", "name": org.name, "url": org.website or None}
            for org in organizers
        ],  # fmt: skip
        "isAccessibleForFree": True,
    }


@require_GET
def event_programme(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    context = {
        "event": event,
        "text": {"title": translated(event, "title")},
        "days": queries.programme(event),
    }
    return render(request, "events/programme.html", context)


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    title = translated(event, "title").text
    body = calendar_bytes(
        events=[event], language=current_language(), site_url=settings.SITE_URL, name=title
    )
    return _ics(body, f"{event.slug}.ics")


@require_GET
def events_calendar(request: HttpRequest) -> HttpResponse:
    """Every public event (past ones too: a calendar keeps its history), narrowed by the
    feed's filters."""
    filters = read_filters(request, names=queries.FEED_FILTERS)
    events = queries.filter_events(queries.public_events(), filters).order_by("starts_at", "pk")
    body = calendar_bytes(
        events=events, language=current_language(), site_url=settings.SITE_URL,
        name=f"{settings.PLATFORM_NAME} — {_('Events')}",
    )  # fmt: skip
    return _ics(body, "events.ics")
