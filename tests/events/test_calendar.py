"""The iCalendar files of events, read back the way a calendar app reads them."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django.utils import translation

from intercambio.events.calendar import calendar_bytes
from intercambio.events.models import Event
from tests.factories import EventFactory

SITE = "https://intercambio.example"
SAO_PAULO = zoneinfo.ZoneInfo("America/Sao_Paulo")
UTC = datetime.UTC
HOSTILE = (
    'Cidades, "justas"; abertas\\n \\ 😀 </script><script>alert(1)</script>\n'
    "END:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected\n" + "ñandú, " * 120 + "\n\ntail"
)


def render(*events: Event, language: str = "en", name: str = "Events") -> bytes:
    return calendar_bytes(events=events, language=language, site_url=SITE, name=name)


def vevents(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def only_vevent(data: bytes) -> icalendar.Event:
    [vevent] = vevents(data)
    return vevent


def calname(calendar: icalendar.Calendar) -> str:
    # icalendar returns an X- property as written; calendar apps read this one as TEXT, whose
    # escapes are \\ \; \, and \n (RFC 5545, 3.3.11).
    unescape = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}
    return re.sub(r"\\([\\;,nN])", lambda m: unescape[m[1]], calendar["x-wr-calname"])


def in_sao_paulo(*fields: int) -> datetime.datetime:
    return datetime.datetime(*fields, tzinfo=SAO_PAULO)


def test_calendar_properties_identify_the_calendar(db):
    calendar = icalendar.Calendar.from_ical(render(language="pt-br", name="Eventos, 2015; CGLU"))

    assert calendar["version"] == "2.0"
    assert calendar["prodid"] == "-//Intercambio//Events//PT-BR"
    assert calendar["calscale"] == "GREGORIAN"
    assert calendar["method"] == "PUBLISH"
    assert calname(calendar) == "Eventos, 2015; CGLU"
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("reload", [False, True], ids=["as built", "as stored"])
def test_times_are_the_utc_instants_of_the_local_times(db, reload):
    event = EventFactory(
        time_zone="America/Sao_Paulo",
        starts_at=in_sao_paulo(2015, 10, 1, 9, 0),
        ends_at=in_sao_paulo(2015, 10, 1, 18, 30),
    )
    if reload:
        event = Event.objects.get(pk=event.pk)

    data = render(event)
    vevent = only_vevent(data)

    assert vevent.decoded("dtstart") == datetime.datetime(2015, 10, 1, 12, 0, tzinfo=UTC)
    assert vevent.decoded("dtend") == datetime.datetime(2015, 10, 1, 21, 30, tzinfo=UTC)
    # UTC values, never floating ones and no zone the file would have to define.
    assert b"DTSTART:20151001T120000Z\r\n" in data
    assert b"DTEND:20151001T213000Z\r\n" in data
    assert b"TZID" not in data


def test_times_follow_daylight_saving_time_of_the_event_zone(db):
    # São Paulo kept summer time (UTC-2) from 2015-10-18 to 2016-02-21.
    event = EventFactory(
        time_zone="America/Sao_Paulo",
        starts_at=in_sao_paulo(2015, 11, 10, 9, 0),
        ends_at=in_sao_paulo(2015, 11, 12, 17, 0),
    )

    vevent = only_vevent(render(Event.objects.get(pk=event.pk)))

    assert vevent.decoded("dtstart") == datetime.datetime(2015, 11, 10, 11, 0, tzinfo=UTC)
    assert vevent.decoded("dtend") == datetime.datetime(2015, 11, 12, 19, 0, tzinfo=UTC)


def test_uid_is_the_same_across_renderings_languages_and_changes(db):
    event = EventFactory()
    uids = {str(only_vevent(render(event, language=code))["uid"]) for code in ("pt-br", "es", "en")}
    uids.add(str(only_vevent(render(event))["uid"]))

    event.title_en = "Renamed seminar"
    event.slug = "renamed-seminar"
    event.sequence += 1
    event.save()
    changed = only_vevent(render(Event.objects.get(pk=event.pk)))
    uids.add(str(changed["uid"]))

    assert uids == {f"event-{event.pk}@intercambio.example"}
    assert changed["summary"] == "Renamed seminar"


def test_sequence_and_stamps_follow_the_event(db):
    event = EventFactory(sequence=7)
    event = Event.objects.get(pk=event.pk)

    vevent = only_vevent(render(event))

    assert vevent.decoded("sequence") == 7
    # iCalendar times have whole seconds.
    updated_at = event.updated_at.replace(microsecond=0)
    assert vevent.decoded("dtstamp") == updated_at
    assert vevent.decoded("last-modified") == updated_at
    assert vevent.decoded("created") == event.created_at.replace(microsecond=0)
    assert vevent["transp"] == "OPAQUE"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Event.Status.PUBLISHED, "CONFIRMED"),
        (Event.Status.POSTPONED, "TENTATIVE"),
        (Event.Status.CANCELLED, "CANCELLED"),
    ],
)
def test_status_says_whether_the_event_takes_place(db, status, expected):
    vevent = only_vevent(render(EventFactory(status=status)))

    assert vevent["status"] == expected


def test_text_is_in_the_page_language_when_translated(db):
    event = EventFactory(
        slug="datos-abiertos",
        title_en="Open data",
        title_es="Datos abiertos",
        description_en="Why open data.",
        description_es="Por qué datos abiertos.",
    )

    vevent = only_vevent(render(event, language="es"))

    assert vevent["summary"] == "Datos abiertos"
    url = f"{SITE}/es/events/datos-abiertos/"
    assert vevent["description"] == f"Por qué datos abiertos.\n\n{url}"
    assert vevent["url"] == url
    with translation.override("es"):
        kind = str(Event.Kind.SEMINAR.label)
    assert [str(category) for category in vevent["categories"].cats] == [kind]


def test_text_falls_back_to_the_original_language(db):
    event = EventFactory(slug="open-data", title_en="Open data", description_en="Why open data.")

    vevent = only_vevent(render(event, language="es"))

    assert vevent["summary"] == "Open data"
    assert vevent["description"] == f"Why open data.\n\n{SITE}/es/events/open-data/"


def test_location_names_the_place_in_the_page_language_skipping_empty_parts(db):
    event = EventFactory(venue="Teatro Solís", address="", city="Montevideo", country="UY")

    vevent = only_vevent(render(event, language="en"))

    assert vevent["location"] == "Teatro Solís, Montevideo, Uruguay"
    assert only_vevent(render(EventFactory(country="BR"), language="es"))["location"] == (
        "Recife, Brasil"
    )


@pytest.mark.parametrize("event_format", [Event.Format.ONLINE, Event.Format.HYBRID])
def test_online_link_never_appears(db, event_format):
    event = EventFactory(
        slug="consulta",
        format=event_format,
        venue="Prefeitura",
        online_url="https://meet.example/secret-room-4321",
    )

    data = render(event)

    assert b"secret-room" not in data
    assert b"meet.example" not in data
    expected = {
        Event.Format.ONLINE: f"{SITE}/en/events/consulta/",
        Event.Format.HYBRID: "Prefeitura, Recife, Brazil",
    }[event_format]
    assert only_vevent(data)["location"] == expected


def test_hostile_text_round_trips_exactly(db):
    title = HOSTILE[:250]  # the title column's length (PostgreSQL refuses more)
    event = EventFactory(slug="hostile", title_en=title, description_en=HOSTILE)

    data = render(event, name=HOSTILE)
    calendar = icalendar.Calendar.from_ical(data)
    [vevent] = calendar.walk("VEVENT")

    assert vevent["summary"] == title
    assert vevent["description"] == f"{HOSTILE}\n\n{SITE}/en/events/hostile/"
    assert calname(calendar) == HOSTILE
    # Folded, as RFC 5545 asks: no line longer than 75 octets.
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_several_events_give_one_vevent_each(db):
    events = EventFactory.create_batch(3)

    parsed = vevents(render(*events))

    assert [str(vevent["uid"]) for vevent in parsed] == [
        f"event-{event.pk}@intercambio.example" for event in events
    ]
    assert [vevent["summary"] for vevent in parsed] == [event.title_en for event in events]


def test_the_feed_answers_not_modified_until_an_event_changes(db):
    from django.test import Client

    event = EventFactory()
    client = Client()
    first = client.get("/en/events/calendar.ics")
    assert first.status_code == 200
    again = client.get("/en/events/calendar.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    event.title_en = "A new title"
    event.save()
    changed = client.get("/en/events/calendar.ics")
    assert changed.status_code == 200
    assert b"A new title" in changed.content
