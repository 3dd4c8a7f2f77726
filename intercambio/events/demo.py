"""Demo events (demo_events.json): the meetings the seed documents announce or programme, plus
a few upcoming ones dated from the day of loading, so that the calendar always has something
open.

Facts (titles, dates, places, organizers, topics, contacts) come from the seeds: the UCLG
digital cities seminar of 2015 (seed 000), the Maceió conference of 2024 (seed 001) and the
UTPEAM work plan 2016 (seed 004). Where a seed is silent (a day within a month, the time of a
session, the languages spoken) a "_comment" in the JSON says what we chose. Speakers are the
fictitious demo people of network/demo.py: no seed names a speaker. The upcoming events are
fictitious.

The JSON holds the series, then groups of events; a group's "common" keys apply to each of its
events. In an event:

- "date" is its first day or, for an upcoming event, "in_days" counts from the day it is first
  loaded (then moved on to a Monday to Thursday, so that a two-day event ends on a working day);
- it lasts "days" (1 unless said), "starts" on its first day and "ends" on its last;
- a session takes place on "day" (1 unless said) of the event, from "starts" to "ends";
- "organizations" are [slug, role]; speakers are [organization slug, name] of demo people.

Times are written in the venue's local time ("time_zone"), as the organizers announce them;
Django stores them in UTC.
"""

import datetime
import json
import zoneinfo
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from intercambio.common.i18n import field_suffix
from intercambio.events.models import (
    EVENT_TEXT_FIELDS,
    SERIES_TEXT_FIELDS,
    SESSION_TEXT_FIELDS,
    Event,
    EventOrganization,
    EventSeries,
    Registration,
    Session,
    SessionSpeaker,
    language_set,
)
from intercambio.library.models import Resource
from intercambio.network.models import Body, Network, Organization, Person
from intercambio.taxonomy.models import Goal, Theme

DATA_FILE = Path(__file__).resolve().parent / "demo_events.json"


def _columns(fields: tuple[str, ...], item: dict) -> dict[str, str]:
    return {
        f"{field}_{field_suffix(code)}": item.get(field, {}).get(code, "")
        for field in fields
        for code in ("pt-br", "es", "en")
    }


def _first_day(item: dict, now: datetime.datetime) -> datetime.date:
    if "date" in item:
        return datetime.date.fromisoformat(item["date"])
    day = (now + datetime.timedelta(days=item["in_days"])).date()
    while day.weekday() > 3:  # Friday to Sunday: on to Monday
        day += datetime.timedelta(days=1)
    return day


def _at(first_day: datetime.date, day: int, clock: str, time_zone: str) -> datetime.datetime:
    """The local time `clock` on the `day`-th day (from 1) of an event, in `time_zone`."""
    return datetime.datetime.combine(
        first_day + datetime.timedelta(days=day - 1),
        datetime.time.fromisoformat(clock),
        tzinfo=zoneinfo.ZoneInfo(time_zone),
    )


def _load_series(items: list[dict], bodies: dict[str, Body], tally: Counter) -> dict:
    series = {}
    for item in items:
        record = EventSeries.objects.filter(slug=item["slug"]).first()
        if record is None:
            record = EventSeries.objects.create(
                slug=item["slug"], body=bodies.get(item["body"]),
                original_language=item["original_language"],
                **_columns(SERIES_TEXT_FIELDS, item),
            )  # fmt: skip
            tally["series created"] += 1
        series[record.slug] = record
    return series


def load_demo_events(*, path: Path = DATA_FILE) -> Counter:
    """Create the demo events that are missing, with their organizations, sessions and
    speakers (existing ones, found by slug, are left as staff edited them). Returns a tally
    ("events" in the demo, "created" now). Needs the network, taxonomy and library demo."""
    data = json.loads(path.read_text(encoding="utf-8"))
    tally: Counter = Counter()
    organizations = {org.slug: org for org in Organization.objects.all()}
    networks = {network.slug: network for network in Network.objects.all()}
    bodies = {f"{b.network.slug}/{b.slug}": b for b in Body.objects.select_related("network")}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    goals = {goal.number: goal for goal in Goal.objects.all()}
    resources = {resource.slug: resource for resource in Resource.objects.all()}
    people = {
        (p.organization.slug, p.name): p for p in Person.objects.select_related("organization")
    }
    series = _load_series(data["series"], bodies, tally)
    now = timezone.now()
    items = [{**group.get("common", {}), **event} for group in data["groups"]
             for event in group["events"]]  # fmt: skip
    for item in items:
        tally["events"] += 1
        if Event.objects.filter(slug=item["slug"]).exists():
            continue
        zone, first_day = item["time_zone"], _first_day(item, now)
        with transaction.atomic():
            event = Event(
                slug=item["slug"], status=Event.Status.PUBLISHED, kind=item["kind"],
                format=item.get("format", Event.Format.IN_PERSON),
                original_language=item["original_language"],
                starts_at=_at(first_day, 1, item["starts"], zone),
                ends_at=_at(first_day, item.get("days", 1), item["ends"], zone),
                time_zone=zone, venue=item.get("venue", ""), city=item.get("city", ""),
                country=item.get("country", ""), online_url=item.get("online_url", ""),
                network=networks.get(item.get("network", "")),
                body=bodies.get(item.get("body", "")),
                series=series.get(item.get("series", "")),
                floor_languages=language_set(item.get("floor", ())),
                interpretation_languages=language_set(item.get("interpretation", ())),
                contact_name=item.get("contact_name", ""),
                contact_email=item.get("contact_email", ""),
                contact_phone=item.get("contact_phone", ""),
                external_url=item.get("external_url", ""),
                **_columns(EVENT_TEXT_FIELDS, item),
                **_registration_settings(item.get("registration")),
            )  # fmt: skip
            event.full_clean()
            event.save()
            EventOrganization.objects.bulk_create(
                EventOrganization(event=event, organization=organizations[slug], role=role,
                                  order=order)
                for order, (slug, role) in enumerate(item["organizations"])
            )  # fmt: skip
            event.themes.set(themes[slug] for slug in item.get("themes", []))
            event.goals.set(goals[number] for number in item.get("goals", []))
            event.resources.set(resources[slug] for slug in item.get("resources", []))
            for part in item.get("sessions", []):
                day = part.get("day", 1)
                session = Session.objects.create(
                    event=event, kind=part["kind"], original_language=item["original_language"],
                    starts_at=_at(first_day, day, part["starts"], zone),
                    ends_at=_at(first_day, day, part["ends"], zone),
                    language=part.get("language", ""),
                    interpretation_languages=language_set(part.get("into", ())),
                    **_columns(SESSION_TEXT_FIELDS, part),
                )  # fmt: skip
                SessionSpeaker.objects.bulk_create(
                    SessionSpeaker(session=session, person=people[tuple(key)], order=order)
                    for order, key in enumerate(part.get("speakers", []))
                )
            _load_registrants(event, item.get("registration"), organizations, now)
        tally["created"] += 1
    return tally


def _registration_settings(registration: dict | None) -> dict:
    """An upcoming demo event takes registrations until it starts."""
    if registration is None:
        return {}
    return {
        "registration_enabled": True,
        "capacity_in_person": registration.get("in_person"),
        "capacity_online": registration.get("online"),
        "requires_approval": registration.get("requires_approval", False),
        "quota_per_organization": registration.get("quota_per_organization"),
    }


def _load_registrants(event: Event, registration: dict | None, organizations: dict, now) -> None:
    """A few confirmed (fictitious) participants, so the organizers' pages show something.
    Written directly: the demo must not e-mail anyone."""
    Registration.objects.bulk_create(
        Registration(
            event=event, name=name, email=email, language=language,
            organization=organizations.get(organization), attendance=attendance,
            needs_interpretation=interpretation, accessibility_needs=accessibility,
            status=Registration.Status.CONFIRMED, consented_at=now, confirmed_at=now,
        )
        for name, email, language, organization, attendance, interpretation, accessibility in (
            (registration or {}).get("registrants", [])
        )
    )  # fmt: skip
