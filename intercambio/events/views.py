"""Event pages: list (upcoming, past, month), event, programme, calendars."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    condition,
    require_GET,
    require_http_methods,
    require_POST,
)

from intercambio.common.i18n import current_language, translated
from intercambio.common.queries import cached
from intercambio.consultations.queries import consultations_of_event
from intercambio.events import domain, exports, queries
from intercambio.events.calendar import calendar_bytes
from intercambio.events.forms import RegistrationForm, organization_suggestions
from intercambio.events.models import Event, EventOrganization, Registration
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
        weeks = queries.month_weeks(year=month.year, month=month.month)
        context |= {
            "month": month,
            "previous_month": (month - datetime.timedelta(days=1)).replace(day=1),
            "next_month": (month + datetime.timedelta(days=31)).replace(day=1),
            "weeks": queries.month_grid(queries.month_events(matching, weeks), weeks, month.month),
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
        "registration": registration_box(event, request.user) if event.registration_enabled
        else None,
        "can_manage": event.registration_enabled
        and request.user.has_perm("events.manage_event", event),
        "participants": list(
            event.registrations.filter(status=Registration.Status.CONFIRMED, listed_publicly=True)
            .select_related("organization").order_by("name")
        ),
    }  # fmt: skip
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


def _events_changed_at(request: HttpRequest) -> datetime.datetime | None:
    """When any event last changed (the end of the updated_at index): calendar apps poll
    the feed, and most polls are then answered 304 Not Modified."""
    return Event.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()


@require_GET
@condition(last_modified_func=_events_changed_at)
def events_calendar(request: HttpRequest) -> HttpResponse:
    """Every public event (past ones too: a calendar keeps its history), narrowed by the
    feed's filters. The file is kept in the cache until an event is created or changed."""
    filters = read_filters(request, names=queries.FEED_FILTERS)
    language = current_language()

    def build() -> bytes:
        events = queries.filter_events(queries.public_events(), filters)
        return calendar_bytes(
            events=events.order_by("starts_at", "pk"), language=language,
            site_url=settings.SITE_URL, name=f"{settings.PLATFORM_NAME} — {_('Events')}",
        )  # fmt: skip

    version = [_events_changed_at(request), Event.objects.order_by("-pk").values("pk").first()]
    body = cached(
        namespace="events:calendar", asked=[sorted(filters.items()), language, version],
        compute=build,
    )  # fmt: skip
    return _ics(body, "events.ics")


# --- Registration ------------------------------------------------------------------------


def registration_box(event: Event, user) -> dict:
    """What the event page says about registering: open or not, seats left, the visitor's
    own registration."""
    now = timezone.now()
    opens, closes = domain.registration_window(event)
    seats_left = {}
    for attendance, label in Registration.Attendance.choices:
        limit = domain.capacity(event, attendance)
        offered = event.format == Event.Format.HYBRID or (
            (event.format == Event.Format.ONLINE) == (attendance == Registration.Attendance.ONLINE)
        )
        if offered and limit is not None:
            seats_left[label] = max(limit - domain.seats_taken(event, attendance), 0)
    return {
        "open": event.status == Event.Status.PUBLISHED
        and (opens is None or opens <= now)
        and now < closes,
        "opens": opens if opens and now < opens else None,
        "closes": closes,
        "seats_left": seats_left,
        "mine": own_registration(event, user),
    }


def own_registration(event: Event, user) -> Registration | None:
    """The signed-in person's active registration for the event (made as a member, or as a
    guest with the same address before they had an account)."""
    if not user.is_authenticated:
        return None
    mine = queries.registrations_of(user).filter(event=event)
    return mine.filter(status__in=Registration.ACTIVE).first()


def _member_details(request: HttpRequest, event: Event) -> domain.Details:
    """One click: the account's name, organization and language, and, at a hybrid event,
    the way of taking part the person chose next to the button."""
    user = request.user
    attendance = request.POST.get("attendance", "")
    if attendance not in Registration.Attendance.values:
        attendance = Registration.Attendance.IN_PERSON
    organization = user.organization
    return domain.Details(
        name=user.name or user.email,
        email=user.email,
        language=user.preferred_language or current_language(),
        attendance=attendance,
        organization=organization,
        position=user.position,
        country=organization.country if organization else "",
    )


def status_message(registration: Registration) -> str:
    """What the person is told right after registering, confirming or being promoted."""
    Status = Registration.Status
    if registration.status == Status.CONFIRMED:
        return _("You are registered. A confirmation with the calendar file is in your inbox.")
    if registration.status == Status.WAITLISTED:
        return _("The event is full: you are number %(n)s on the waitlist. If a seat becomes free "
                 "it is yours, and we will write to you.") % {
            "n": domain.waitlist_position(registration)
        }  # fmt: skip
    if registration.status == Status.AWAITING_APPROVAL:
        return _("Your registration is received. The organizers approve each one; we will write "
                 "to you when they have decided.")  # fmt: skip
    if registration.status == Status.AWAITING_EMAIL:
        return _("Almost done: open the link we have sent to your e-mail address to confirm it.")
    return registration.get_status_display()


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    if not event.registration_enabled:
        raise Http404
    member = request.user if request.user.is_authenticated else None
    mine = own_registration(event, request.user)
    if mine is not None and request.method == "GET":
        return redirect("events:registration", token=mine.token)
    one_click = member is not None and "one_click" in request.POST
    form = None
    if not one_click:
        initial = {"language": current_language()}
        if member is not None:
            initial |= {
                "name": member.name, "email": member.email, "position": member.position,
                "organization": member.organization.name if member.organization else "",
                "country": member.organization.country if member.organization else "",
                "language": member.preferred_language or current_language(),
            }  # fmt: skip
        data = request.POST if request.method == "POST" else None
        form = RegistrationForm(data, event=event, initial=initial)
        if member is not None:
            # A member registers their account's address: the link in it is their proof.
            form.fields["email"].disabled = True
    if request.method == "POST" and (form is None or form.is_valid()):
        details = _member_details(request, event) if one_click else form.details()
        try:
            registration = domain.register(event=event, details=details, user=member)
        except domain.RegistrationError as error:
            context = _form_context(event, form, request.user)
            return _registration_refused(request, context, error, member=member)
        if member is None:
            return redirect("events:register_sent", slug=event.slug)
        messages.success(request, status_message(registration))
        return redirect("events:registration", token=registration.token)
    # The form page (again, with its errors): what it shows is read only now.
    status = 400 if request.method == "POST" else 200
    context = _form_context(event, form, request.user)
    return render(request, "events/register.html", context, status=status)


def _form_context(event: Event, form: RegistrationForm | None, user) -> dict:
    return {
        "event": event,
        "text": {"title": translated(event, "title")},
        "form": form,
        "box": registration_box(event, user),
        "suggestions": organization_suggestions(event) if form else [],
    }


def _registration_refused(request, context, error, *, member) -> HttpResponse:
    """409 with the reason. A second registration of an address (a double click, a second
    try) leaves the first as it was; the address's owner is sent the link to it, as a guest
    may not be shown someone else's registration."""
    existing = error.registration
    if existing is not None and member is not None and existing.email == member.email.lower():
        messages.info(request, error.message)
        context["existing"] = existing
    elif existing is not None:
        domain.notify(existing, "confirm_address" if existing.status ==
                      Registration.Status.AWAITING_EMAIL else "already_registered")  # fmt: skip
        context["refusal_note"] = _("We have sent the link to this registration to that address.")
    context["refusal"] = error.message
    return render(request, "events/register.html", context, status=409)


@require_GET
def register_sent(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    return render(request, "events/register_sent.html",
                  {"event": event, "text": {"title": translated(event, "title")}})  # fmt: skip


def _registration_or_404(token) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event", "organization"), token=token
    )


@require_GET
def confirm_registration(request: HttpRequest, token) -> HttpResponse:
    """The link of the guest's e-mail: the address is theirs; a seat or the waitlist."""
    registration = domain.confirm_email(registration=_registration_or_404(token))
    messages.success(request, status_message(registration))
    return redirect("events:registration", token=registration.token)


@require_GET
def registration_detail(request: HttpRequest, token) -> HttpResponse:
    registration = _registration_or_404(token)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "text": {"title": translated(event, "title")},
        "waitlist_position": domain.waitlist_position(registration),
        "active": registration.status in Registration.ACTIVE,
        "consultations": _consultations_to_answer(registration),
        "online_link": event.online_url
        if registration.status == Registration.Status.CONFIRMED
        and event.format != Event.Format.IN_PERSON else "",
    }  # fmt: skip
    return render(request, "events/registration.html", context)


def _consultations_to_answer(registration: Registration) -> list:
    """The event's open consultations, with the confirmed registrant's own answer link."""
    if registration.status != Registration.Status.CONFIRMED:
        return []
    return [
        (consultation, consultation.get_guest_url(registration))
        for consultation in consultations_of_event(registration.event)
        if consultation.status == consultation.Status.OPEN
    ]


@require_GET
def registration_certificate(request: HttpRequest, token) -> HttpResponse:
    """The attendee's own certificate, in their language, once checked in."""
    registration = _registration_or_404(token)
    if registration.checked_in_at is None:
        raise Http404
    response = HttpResponse(exports.certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{registration.event.slug}.pdf"'
    )
    return response


@require_POST
def cancel_registration(request: HttpRequest, token) -> HttpResponse:
    registration = _registration_or_404(token)
    if registration.status in Registration.ACTIVE:
        domain.cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
    return redirect("events:registration", token=registration.token)


@require_GET
def my_registrations(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registrations = queries.registrations_of(user).select_related("event")
    registrations = registrations.order_by("-event__starts_at", "pk")
    now = timezone.now()
    registrations = list(registrations)
    sections = [
        (_("Upcoming"), [r for r in registrations if r.event.ends_at >= now][::-1]),
        (_("Past"), [r for r in registrations if r.event.ends_at < now]),
    ]
    return render(request, "events/mine.html", {"sections": sections})
