"""iCalendar (RFC 5545) files for events: one event's file and the calendar of all."""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.utils import translation

from intercambio.common.i18n import translated
from intercambio.events.models import Event

# A draft is not settled yet, like a postponed event; drafts only reach a calendar in previews.
STATUS = {
    Event.Status.DRAFT: "TENTATIVE",
    Event.Status.PUBLISHED: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}


def calendar_bytes(*, events: Iterable[Event], language: str, site_url: str, name: str) -> bytes:
    """The events as an iCalendar file, their text in `language` (else the original's)."""
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", f"-//Intercambio//Events//{language.upper()}")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # Calendar apps read X-WR-CALNAME as text; icalendar has no type for it, so only an
    # explicit vText escapes its commas, semicolons and newlines.
    calendar.add("x-wr-calname", icalendar.vText(name))
    host = urlsplit(site_url).hostname
    # The page address, country names and kind labels all follow the active language.
    with translation.override(language):
        for event in events:
            calendar.add_component(_vevent(event, language, site_url, host))
    return calendar.to_ical()


def _vevent(event: Event, language: str, site_url: str, host: str) -> icalendar.Event:
    url = site_url + event.get_absolute_url()
    description = translated(event, "description", language).text
    vevent = icalendar.Event()
    # Neither the slug nor the language: a calendar app must recognise the same event after
    # its address changes and whichever language's file it was subscribed from.
    vevent.add("uid", f"event-{event.pk}@{host}")
    # Stored times are UTC, but an instance not reloaded since it was built keeps the zone
    # it was given; UTC (…Z) values need no VTIMEZONE and are never floating.
    vevent.add("dtstamp", _utc(event.updated_at))
    vevent.add("created", _utc(event.created_at))
    vevent.add("last-modified", _utc(event.updated_at))
    vevent.add("dtstart", _utc(event.starts_at))
    vevent.add("dtend", _utc(event.ends_at))
    vevent.add("sequence", event.sequence)
    vevent.add("status", STATUS[event.status])
    vevent.add("summary", translated(event, "title", language).text or event.slug)
    vevent.add("description", f"{description}\n\n{url}" if description else url)
    if location := _location(event, url):
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("categories", [event.get_kind_display()])
    vevent.add("transp", "OPAQUE")
    return vevent


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _location(event: Event, url: str) -> str:
    # The meeting link is for confirmed registrants only: an online event points to its page.
    if event.format == Event.Format.ONLINE:
        return url
    parts = [event.venue, event.address, event.city, event.country.name if event.country else ""]
    return ", ".join(part for part in parts if part)
