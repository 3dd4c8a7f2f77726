"""Event pages as visitors, organizers and the secretariat see them: upcoming and past lists
with their filters, the month view, the event page, the programme, the calendars and search."""

import datetime
import json
import re
import zoneinfo

import icalendar
import pytest
from django.test import Client

from intercambio.events.models import Event, EventOrganization, Session
from intercambio.network.models import Person
from intercambio.search import queries as search_queries
from tests import factories
from tests.conftest import count_queries, facet_counts, login
from tests.factories import theme

SAO_PAULO = zoneinfo.ZoneInfo("America/Sao_Paulo")
LIST = "/en/events/"
Status = Event.Status


def at(year, month, day, hour=9, minute=0, zone=SAO_PAULO) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def in_days(days: int) -> datetime.datetime:
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=days)
    return moment.replace(microsecond=0)


def event(days: int = 30, **fields) -> Event:
    start = in_days(days)
    fields.setdefault("starts_at", start)
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=6))
    return factories.EventFactory(**fields)


def titles(response) -> list[str]:
    return [e.title_en for e in response.context["page"]]


# ---- lists -----------------------------------------------------------------------------


def test_upcoming_soonest_first_past_latest_first_drafts_never(db):
    event(10, title_en="Soon")
    event(60, title_en="Later")
    event(-30, title_en="Last month")
    event(-400, title_en="Last year")
    event(5, title_en="Draft meeting", status=Status.DRAFT)
    # Started yesterday, ends tomorrow: still upcoming, it is under way.
    event(-1, title_en="Under way", ends_at=in_days(1))
    assert titles(Client().get(LIST)) == ["Under way", "Soon", "Later"]
    assert titles(Client().get(LIST + "?when=past")) == ["Last month", "Last year"]


def test_cancelled_and_postponed_events_stay_listed_and_say_so(db):
    event(10, title_en="Cancelled forum", status=Status.CANCELLED)
    event(20, title_en="Postponed fair", status=Status.POSTPONED)
    response = Client().get(LIST)
    assert titles(response) == ["Cancelled forum", "Postponed fair"]
    page = response.content.decode()
    assert "Cancelled</span>" in page and "Postponed</span>" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=consultation", ["Consultation in Maceió"]),
        ("country=AR", ["Fair in Santa Fe"]),
        ("country=ar", ["Fair in Santa Fe"]),
        ("network=mercociudades", ["Fair in Santa Fe", "Online meeting"]),
        ("theme=digital-rights", ["Consultation in Maceió"]),
        # Spoken on the floor, or interpreted into: both let a Spanish speaker follow.
        ("language=es", ["Consultation in Maceió", "Fair in Santa Fe"]),
        ("online=1", ["Consultation in Maceió", "Online meeting"]),
        ("network=mercociudades&online=1", ["Online meeting"]),
    ],
)
def test_filters(db, query, expected):
    mercociudades = factories.NetworkFactory(slug="mercociudades", name_en="Mercociudades")
    event(
        10, title_en="Consultation in Maceió", kind=Event.Kind.CONSULTATION,
        format=Event.Format.HYBRID, floor_languages="|pt-br|", interpretation_languages="|es|",
    ).themes.set([theme("digital-rights")])  # fmt: skip
    event(20, title_en="Fair in Santa Fe", kind=Event.Kind.FAIR, country="AR",
          floor_languages="|es|", network=mercociudades)  # fmt: skip
    event(30, title_en="Online meeting", kind=Event.Kind.VIRTUAL_MEETING, country="",
          format=Event.Format.ONLINE, floor_languages="|pt-br|", network=mercociudades)  # fmt: skip
    assert titles(Client().get(f"{LIST}?{query}")) == expected


def test_facet_counts_apply_the_other_filters_not_their_own(db):
    event(10, kind=Event.Kind.SEMINAR, country="BR")
    event(20, kind=Event.Kind.SEMINAR, country="AR")
    event(30, kind=Event.Kind.FAIR, country="AR", format=Event.Format.ONLINE)
    event(-30, kind=Event.Kind.FAIR, country="AR")  # past: not counted among the upcoming
    counts = facet_counts(Client().get(f"{LIST}?kind=seminar"))
    assert counts["kind"] == {"seminar": 2, "fair": 1}
    assert counts["country"] == {"BR": 1, "AR": 1}
    response = Client().get(f"{LIST}?country=AR")
    assert facet_counts(response)["kind"] == {"seminar": 1, "fair": 1}
    assert facet_counts(response)["online"] == {"1": 1}
    assert response.context["page"].paginator.count == 2


@pytest.mark.parametrize(
    "query",
    [
        "kind=%00",
        "country=ZZZ",
        "country=%E2%98%83%E2%98%83",
        "language=klingon",
        "theme=" + "x" * 5000,
        "network=' OR 1=1 --",
        "page=99999999999999999999",
        "page=-1",
        "when=future",
        "view=month&month=2026-13",
        "view=month&month=0-0",
        "view=month&month=99999-01",
        "view=month&month=%F0%9F%98%80",
        "online=yes",
    ],
)
def test_hostile_query_strings_give_a_page(db, query):
    event(10)
    assert Client().get(f"{LIST}?{query}").status_code == 200


def test_list_query_count_does_not_grow_with_the_events(db):
    for days in (10, 20):
        event(days)
    few = count_queries(Client(), LIST)
    for days in range(30, 90, 10):
        organizer = factories.OrganizationFactory()
        extra = event(days, organizer=organizer)
        EventOrganization.objects.create(
            event=extra, organization=factories.OrganizationFactory(),
            role=EventOrganization.Role.SPONSOR,
        )  # fmt: skip
    assert count_queries(Client(), LIST) == few


# ---- month view --------------------------------------------------------------------------


def test_month_view_puts_each_event_on_its_local_days(db):
    # 22:00 on 31 October in São Paulo is already 1 November in UTC: still the 31st here.
    event(title_en="Evening debate", starts_at=at(2026, 10, 31, 22), ends_at=at(2026, 10, 31, 23))
    event(title_en="Two-day seminar", starts_at=at(2026, 10, 1, 9), ends_at=at(2026, 10, 2, 18))
    event(title_en="November fair", starts_at=at(2026, 11, 20), ends_at=at(2026, 11, 20, 18))
    response = Client().get(f"{LIST}?view=month&month=2026-10")
    assert response.status_code == 200
    days = {
        day.date.isoformat(): [e.title_en for e in day.events]
        for week in response.context["weeks"]
        for day in week
    }
    assert days["2026-10-31"] == ["Evening debate"]
    assert days["2026-10-01"] == days["2026-10-02"] == ["Two-day seminar"]
    assert days.get("2026-11-01", []) == []
    assert "November fair" not in response.content.decode()
    page = response.content.decode()
    assert 'href="?view=month&amp;month=2026-09' in page
    assert 'href="?view=month&amp;month=2026-11' in page


def test_month_view_keeps_the_filters(db):
    event(title_en="Fair", kind=Event.Kind.FAIR, starts_at=at(2026, 10, 5),
          ends_at=at(2026, 10, 5, 18))  # fmt: skip
    event(title_en="Seminar", starts_at=at(2026, 10, 6), ends_at=at(2026, 10, 6, 18))
    response = Client().get(f"{LIST}?view=month&month=2026-10&kind=fair")
    shown = [e.title_en for week in response.context["weeks"] for d in week for e in d.events]
    assert shown == ["Fair"]
    assert "kind=fair" in response.content.decode()


# ---- the event page --------------------------------------------------------------------


@pytest.fixture
def seminar(db):
    """The São Paulo seminar of seed 000: several organizers, interpretation, a programme."""
    cnm = factories.OrganizationFactory(slug="cnm", name="CNM")
    flacma = factories.OrganizationFactory(slug="flacma", name="FLACMA")
    item = factories.EventFactory(
        slug="seminar-2015", organizer=cnm, title_en="II Seminar on the Modernization",
        title_es="II Seminario de Modernización", description_en="Topics: **open government**.",
        starts_at=at(2015, 10, 1, 9), ends_at=at(2015, 10, 2, 18),
        time_zone="America/Sao_Paulo", venue="CNM headquarters", city="São Paulo",
        floor_languages="|es|pt-br|", interpretation_languages="|es|pt-br|",
        contact_name="Tatiane de Jesus", contact_email="internacional@cnm.org.br",
        format=Event.Format.HYBRID, online_url="https://meet.example/secret-room",
    )  # fmt: skip
    EventOrganization.objects.create(
        event=item, organization=flacma, role=EventOrganization.Role.CO_ORGANIZER
    )
    speaker = Person.objects.create(name="Ana Souza", position="Mayor", organization=cnm)
    first = factories.SessionFactory(
        event=item, title_en="Open government at local level", kind=Session.Kind.ROUNDTABLE,
        starts_at=at(2015, 10, 1, 9, 30), ends_at=at(2015, 10, 1, 11), room="Room A",
        language="es", interpretation_languages="|pt-br|",
    )  # fmt: skip
    first.speaker_roles.create(person=speaker)
    factories.SessionFactory(
        event=item, title_en="Sustainable urban mobility", starts_at=at(2015, 10, 2, 14),
        ends_at=at(2015, 10, 2, 15),
    )  # fmt: skip
    return item


def test_event_page_shows_when_where_who_and_languages(seminar):
    response = Client().get("/en/events/seminar-2015/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "II Seminar on the Modernization" in page
    assert "America/Sao_Paulo time, UTC-0300" in page
    assert re.search(r"Organizer</dt><dd><a [^>]+>CNM</a>", page)
    assert re.search(r"Co-organizer</dt><dd><a [^>]+>FLACMA</a>", page)
    assert "Interpretation into</dt><dd>Brazilian Portuguese, Spanish" in page
    assert "<strong>open government</strong>" in page
    assert "internacional@cnm.org.br" in page
    # The link to follow online is for confirmed participants only.
    assert "secret-room" not in page
    assert "sent to confirmed participants" in page


def test_event_page_in_spanish_shows_the_spanish_title(seminar):
    page = Client().get("/es/events/seminar-2015/").content.decode()
    assert '<h1 lang="es">II Seminario de Modernización</h1>' in page


def test_programme_by_local_day_with_speakers(seminar):
    for url in ("/en/events/seminar-2015/", "/en/events/seminar-2015/programme/"):
        response = Client().get(url)
        days = response.context["days"]
        assert [day for day, _sessions in days] == [
            datetime.date(2015, 10, 1),
            datetime.date(2015, 10, 2),
        ]
        page = response.content.decode()
        # São Paulo time, whatever the server's or the reader's time zone.
        assert re.search(
            r"9:30 a\.m\.</time>–<time [^>]+>11 a\.m\..*Roundtable · Room A",
            page.replace("\n", " "),
        )
        assert "Ana Souza, Mayor — CNM" in page
        assert "interpretation into Brazilian Portuguese" in page


def test_cancelled_event_says_so(seminar):
    seminar.status = Status.CANCELLED
    seminar.save()
    page = Client().get("/en/events/seminar-2015/").content.decode()
    assert "This event has been cancelled." in page
    assert '"eventStatus": "https://schema.org/EventCancelled"' in page


def test_json_ld_event(seminar):
    page = Client().get("/en/events/seminar-2015/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                                re.S).group(1))  # fmt: skip
    assert data["@type"] == "Event"
    assert data["startDate"] == "2015-10-01T09:00:00-03:00"
    assert data["endDate"] == "2015-10-02T18:00:00-03:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [o["name"] for o in data["organizer"]] == ["CNM", "FLACMA"]
    assert "secret-room" not in json.dumps(data)


def test_draft_is_seen_by_organizers_secretariat_and_staff_only(db):
    organizer = factories.OrganizationFactory()
    editor = factories.UserFactory()
    organizer.editors.add(editor)
    network = factories.NetworkFactory()
    secretary = factories.UserFactory()
    network.secretariat.add(secretary)
    draft = event(status=Status.DRAFT, organizer=organizer, network=network)
    url = f"/en/events/{draft.slug}/"
    assert Client().get(url).status_code == 404
    assert login(factories.UserFactory()).get(url).status_code == 404
    assert Client().get(f"/en/events/{draft.slug}/calendar.ics").status_code == 404
    assert Client().get(f"/en/events/{draft.slug}/programme/").status_code == 404
    for user in (editor, secretary, factories.UserFactory(is_staff=True)):
        response = login(user).get(url)
        assert response.status_code == 200
        assert "Only the organizers and the secretariat see this page." in response.content.decode()
    assert draft.title_en not in Client().get(LIST).content.decode()


def test_unknown_event_is_404(db):
    assert Client().get("/en/events/no-such-event/").status_code == 404


def test_event_page_query_count_does_not_grow_with_the_programme(seminar):
    few = count_queries(Client(), "/en/events/seminar-2015/")
    cnm = seminar.roles.first().organization
    for hour in range(10, 17):
        session = factories.SessionFactory(
            event=seminar, starts_at=at(2015, 10, 2, hour), ends_at=at(2015, 10, 2, hour, 50)
        )
        session.speaker_roles.create(
            person=Person.objects.create(name=f"P{hour}", organization=cnm)
        )
    EventOrganization.objects.create(
        event=seminar, organization=factories.OrganizationFactory(),
        role=EventOrganization.Role.SPONSOR,
    )  # fmt: skip
    assert count_queries(Client(), "/en/events/seminar-2015/") == few
    assert count_queries(Client(), "/en/events/seminar-2015/programme/") <= few


# ---- calendars ---------------------------------------------------------------------------


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_calendar_in_utc(seminar):
    calendar = parse(Client().get("/en/events/seminar-2015/calendar.ics"))
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime.datetime(2015, 10, 1, 12, tzinfo=datetime.UTC)
    assert vevent.decoded("DTEND") == datetime.datetime(2015, 10, 2, 21, tzinfo=datetime.UTC)


def test_calendar_feed_filters_and_keeps_past_events(db):
    network = factories.NetworkFactory(slug="uclg")
    event(-100, title_en="Old UCLG meeting", network=network)
    event(10, title_en="Next UCLG meeting", network=network, kind=Event.Kind.FORUM)
    event(20, title_en="Other network")
    event(30, title_en="Draft", network=network, status=Status.DRAFT)
    every = parse(Client().get("/en/events/calendar.ics"))
    assert len(every.walk("VEVENT")) == 3
    uclg = parse(Client().get("/en/events/calendar.ics?network=uclg"))
    assert [str(v["SUMMARY"]) for v in uclg.walk("VEVENT")] == [
        "Old UCLG meeting",
        "Next UCLG meeting",
    ]
    forums = parse(Client().get("/en/events/calendar.ics?network=uclg&kind=forum"))
    assert [str(v["SUMMARY"]) for v in forums.walk("VEVENT")] == ["Next UCLG meeting"]
    list_page = Client().get(f"{LIST}?network=uclg&kind=forum").content.decode()
    assert "/en/events/calendar.ics?kind=forum&amp;network=uclg" in list_page


def test_sequence_rises_on_every_change(seminar):
    before = int(
        parse(Client().get("/en/events/seminar-2015/calendar.ics")).walk("VEVENT")[0]["SEQUENCE"]
    )
    seminar.venue = "Another hall"
    seminar.save()
    seminar.title_en = "New title"
    seminar.save(update_fields=["title_en"])
    seminar.refresh_from_db()
    assert seminar.sequence == before + 2
    (vevent,) = parse(Client().get("/en/events/seminar-2015/calendar.ics")).walk("VEVENT")
    assert int(vevent["SEQUENCE"]) == before + 2


# ---- search ------------------------------------------------------------------------------


def search(text: str, **filters) -> list[str]:
    found = search_queries.search(text=text, filters=filters, language="en")
    return [(r.kind, r.title) for r in found.results]


def test_public_events_are_found_with_their_programme_and_leave_when_unpublished(seminar):
    assert search("modernization") == [("event", "II Seminar on the Modernization")]
    # A session's title finds its event, and the Spanish version is indexed too.
    assert search("mobility", type="event") == [("event", "II Seminar on the Modernization")]
    assert search("seminario modernizacion") == [("event", "II Seminar on the Modernization")]
    seminar.status = Status.DRAFT
    seminar.save()
    assert search("modernization") == []
    seminar.status = Status.PUBLISHED
    seminar.save()
    assert search("modernization") == [("event", "II Seminar on the Modernization")]
    seminar.delete()
    assert search("modernization") == []


def test_a_new_session_is_searchable_at_once(seminar):
    assert search("cybersecurity") == []
    factories.SessionFactory(event=seminar, title_en="Cybersecurity for city halls")
    assert search("cybersecurity") == [("event", "II Seminar on the Modernization")]
