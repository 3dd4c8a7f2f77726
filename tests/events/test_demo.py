import datetime
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from intercambio.events.demo import load_demo_events
from intercambio.events.models import Event, EventOrganization, EventSeries, Session
from intercambio.library.demo import load_demo_library
from intercambio.network.demo import load_demo
from intercambio.taxonomy.domain import load_taxonomy

pytestmark = pytest.mark.django_db
Role = EventOrganization.Role
SAO_PAULO_SEMINAR = "modernization-municipal-management-sao-paulo-2015"


@pytest.fixture
def demo() -> None:
    """The loaders the events depend on, in the command's order (the practices are not
    needed, and skipping them keeps these tests quick)."""
    load_demo()
    load_taxonomy()
    load_demo_library()
    load_demo_events()


def local(event: Event) -> datetime.datetime:
    return event.starts_at.astimezone(event.zone)


def test_demo_sao_paulo_seminar_starts_on_its_local_morning(demo):
    seminar = Event.objects.get(slug=SAO_PAULO_SEMINAR)
    sao_paulo = zoneinfo.ZoneInfo("America/Sao_Paulo")
    assert seminar.time_zone == "America/Sao_Paulo"
    assert local(seminar) == datetime.datetime(2015, 10, 1, 9, 0, tzinfo=sao_paulo)
    # São Paulo was at UTC−3 (summer time began on 18 October 2015).
    assert seminar.starts_at == datetime.datetime(2015, 10, 1, 12, 0, tzinfo=datetime.UTC)
    assert seminar.ends_at.astimezone(sao_paulo).date() == datetime.date(2015, 10, 2)


def test_demo_sao_paulo_seminar_details(demo):
    seminar = Event.objects.get(slug=SAO_PAULO_SEMINAR)
    assert (seminar.status, seminar.kind, seminar.format) == (
        Event.Status.PUBLISHED,
        Event.Kind.SEMINAR,
        Event.Format.IN_PERSON,
    )
    assert (seminar.city, seminar.country.code) == ("São Paulo", "BR")
    assert (seminar.title_en, seminar.title_es, seminar.title_pt_br) == (
        "II Seminar on the Modernization of the Municipal Management",
        "II Seminario de Modernización de la Gestión Municipal",
        "II Seminário de Modernização da Gestão Municipal",
    )
    assert seminar.floor_language_list == ["pt-br", "es"]
    assert seminar.interpretation_language_list == ["pt-br", "es"]
    assert (seminar.contact_name, seminar.contact_email, seminar.contact_phone) == (
        "Tatiane de Jesus",
        "internacional@cnm.org.br",
        "+55 61 2101-6032",
    )
    assert seminar.body.slug == "digital-knowledge-cities"
    assert seminar.themes.filter(slug="open-government").exists()


def test_demo_sao_paulo_seminar_has_its_five_organizations(demo):
    roles = EventOrganization.objects.filter(event__slug=SAO_PAULO_SEMINAR)
    assert [(role.organization.slug, role.role) for role in roles] == [
        ("cnm", Role.ORGANIZER),
        ("oas", Role.CO_ORGANIZER),
        ("caf", Role.CO_ORGANIZER),
        ("bilbao", Role.CO_ORGANIZER),
        ("flacma", Role.CO_ORGANIZER),
    ]


def test_demo_sao_paulo_seminar_has_a_session_per_topic(demo):
    seminar = Event.objects.get(slug=SAO_PAULO_SEMINAR)
    sessions = list(seminar.sessions.all())
    assert [session.title_en for session in sessions] == [
        "Open government at local level",
        "Innovation in local administration",
        "Integrated municipal management systems",
        "Electronic local government",
        "The need to boost public-private partnerships (PPPs)",
        "Sustainable urban mobility",
        "Technologies applied to environmental management",
    ]
    for session in sessions:
        assert seminar.starts_at <= session.starts_at < session.ends_at <= seminar.ends_at
        assert session.title_es and session.title_pt_br
        # Spoken in one of the two languages, interpreted into the other.
        assert {session.language, *session.interpretation_language_list} == {"es", "pt-br"}
    sao_paulo = seminar.zone
    assert sessions[0].starts_at.astimezone(sao_paulo) == local(seminar)
    assert {session.starts_at.astimezone(sao_paulo).date() for session in sessions} == {
        datetime.date(2015, 10, 1),
        datetime.date(2015, 10, 2),
    }


def test_demo_committee_series_holds_the_three_annual_events_in_order(demo):
    series = EventSeries.objects.get(slug="uclg-digital-cities-annual-event")
    assert (
        series.name_en == "Annual event of the UCLG Committee of Digital and Knowledge-based Cities"
    )
    assert series.name_es and series.name_pt_br
    events = series.events.order_by("starts_at")
    assert [(event.city, local(event).year) for event in events] == [
        ("Bordeaux", 2013),
        ("Bilbao", 2014),
        ("São Paulo", 2015),
    ]
    assert [event.title_en for event in events][:2] == [
        "Smart Local Economy",
        "Smart Local Governance: the challenge of good governance in local administrations",
    ]


def test_demo_utpeam_2016_meetings_by_month_and_city(demo):
    meetings = Event.objects.filter(body__slug="utpeam", starts_at__year=2016)
    assert [(local(event).month, event.city, event.kind) for event in meetings] == [
        (4, "", Event.Kind.VIRTUAL_MEETING),
        (6, "Canoas", Event.Kind.ANNUAL_MEETING),
        (7, "Lo Prado", Event.Kind.ANNUAL_MEETING),
        (11, "Santa Fe", Event.Kind.ANNUAL_MEETING),
    ]
    assert meetings[0].format == Event.Format.ONLINE
    hosts = EventOrganization.objects.filter(event__in=meetings, role=Role.HOST_CITY)
    assert sorted(hosts.values_list("organization__slug", flat=True)) == [
        "canoas",
        "lo-prado",
        "santa-fe",
    ]
    assert {event.contact_email for event in meetings} == {"deise.martins@canoas.rs.gov.br"}


def test_demo_maceio_conference_annual_meeting_and_consultation(demo):
    maceio = zoneinfo.ZoneInfo("America/Maceio")
    conference = Event.objects.get(slug="connected-people-integrated-cities-2024")
    assert local(conference).date() == datetime.date(2024, 9, 5)
    assert conference.ends_at.astimezone(maceio).date() == datetime.date(2024, 9, 6)
    assert set(conference.roles.values_list("organization__slug", "role")) == {
        ("maceio", Role.ORGANIZER),
        ("maceio", Role.HOST_CITY),
        ("fnp", Role.CO_ORGANIZER),
    }
    # Roundtables, lectures, a showcase, a working session, breaks, and the opening plenary.
    assert set(conference.sessions.values_list("kind", flat=True)) == set(Session.Kind.values)
    speakers = Session.objects.filter(event=conference).values_list(
        "speakers__organization__slug", flat=True
    )
    assert {"maceio", "fnp", "eurocities"} <= set(speakers)
    assert conference.resources.filter(slug="practical-guides-digital-transformation").exists()

    meeting = Event.objects.get(kind=Event.Kind.ANNUAL_MEETING, network__slug="cc4dr")
    assert meeting.title_en == "Annual Meeting of the Cities Coalition for Digital Rights 2024"
    consultation = Event.objects.get(kind=Event.Kind.CONSULTATION)
    assert consultation.title_en.startswith("UN-Habitat Consultation in Latin America")
    assert local(consultation).date() == datetime.date(2024, 9, 5)
    # The guiding questions are the consultation's records (tests/consultations/test_demo.py).
    assert "?" not in consultation.description_en


def test_demo_has_upcoming_events_in_each_language_and_format(demo):
    upcoming = Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gt=timezone.now())
    assert upcoming.count() >= 3
    assert set(upcoming.values_list("original_language", flat=True)) == {"pt-br", "es", "en"}
    assert set(upcoming.values_list("format", flat=True)) == set(Event.Format.values)
    for event in upcoming:
        assert event.roles.exists() and event.floor_languages


def test_demo_events_are_published_with_texts_in_their_language(demo):
    for event in Event.objects.all():
        assert event.status == Event.Status.PUBLISHED
        assert str(event) != event.slug  # a title in the original language
        assert event.roles.exists()


def test_demo_command_loads_events_once():
    def snapshot():
        return {
            model.__name__: set(model.objects.values_list("pk", "updated_at"))
            for model in (Event, EventSeries, Session, EventOrganization)
        }

    out = StringIO()
    call_command("demo", stdout=out)
    total = Event.objects.count()
    assert f"Demo events: {total} ({total} created)." in out.getvalue()
    before = snapshot()
    out = StringIO()
    call_command("demo", stdout=out)
    assert snapshot() == before
    assert f"Demo events: {total} (0 created)." in out.getvalue()


def test_demo_upcoming_events_take_registrations_without_mailing_anyone(demo, mailoutbox):
    upcoming = Event.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.count() == 4
    assert all(event.registration_enabled for event in upcoming)
    workshop = Event.objects.get(slug="oficina-protecao-dados-municipios")
    assert (workshop.capacity_in_person, workshop.capacity_online) == (40, 150)
    assert workshop.quota_per_organization == 3
    names = sorted(workshop.registrations.values_list("name", flat=True))
    assert names == ["Carla Benítez", "Julián Pereyra", "Marina Alves", "Tomás Ribeiro"]
    assert Event.objects.get(
        slug="mision-tecnica-gobernanza-metropolitana-canelones"
    ).requires_approval
    assert mailoutbox == []
    # The past events of the seeds do not.
    assert not Event.objects.filter(
        starts_at__lt=timezone.now(), registration_enabled=True
    ).exists()
