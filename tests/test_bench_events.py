"""The bench's synthetic events (bench/eventdata.py): consistent with what the product
enforces, and every event scenario of `make bench` answers on them. One small data set is
generated once (generation is the slow part) and checked from every side."""

import datetime
from types import SimpleNamespace

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from bench import dataset, eventdata
from bench.scenarios import SCENARIOS
from intercambio.events.models import Event, EventOrganization, Registration, Session

pytestmark = pytest.mark.django_db
EVENTS = 60


def test_generated_events(monkeypatch, client):
    # Inside the test's transaction SQLite refuses the generator's closing WAL checkpoint.
    monkeypatch.setattr(dataset, "connection", SimpleNamespace(vendor="other"))
    monkeypatch.setattr(eventdata, "MIN_EVENTS", EVENTS)
    counts = dataset.generate(size=80, seed=7, log=lambda message: None)
    assert counts["events"] == EVENTS == Event.objects.count()
    _check_mix(counts)
    _check_programmes()
    _check_registrations()
    _check_pages(client)
    _check_alignment(counts["events_anchor"])


def _check_mix(counts):
    upcoming = Event.objects.filter(ends_at__gte=timezone.now()).count()
    assert 0.05 * EVENTS < upcoming < 0.6 * EVENTS
    assert Event.objects.values("kind").distinct().count() >= 5
    assert Event.objects.values("format").distinct().count() == 3
    assert Event.objects.filter(network__isnull=False).count() > 0.6 * EVENTS
    for event in Event.objects.annotate(n=Count("roles")):
        assert 1 <= event.n <= 8
    assert EventOrganization.objects.filter(role="organizer").count() == EVENTS
    original = {"pt-br": "title_pt_br", "es": "title_es", "en": "title_en"}
    for event in Event.objects.all():
        assert getattr(event, original[event.original_language])
    assert counts["registrations"] == Registration.objects.count() > 0


def _check_programmes():
    for session in Session.objects.select_related("event"):
        event = session.event
        assert event.starts_at <= session.starts_at <= session.ends_at <= event.ends_at
    per_event = list(Event.objects.annotate(n=Count("sessions")).values_list("n", flat=True))
    assert min(per_event) >= 5 and max(per_event) <= 15


def _check_registrations():
    holding = Q(registrations__status__in=Registration.HOLDING_A_SEAT)
    in_person = Q(registrations__attendance="in_person")
    events = Event.objects.filter(capacity_in_person__isnull=False)
    for event in events.annotate(seats=Count("registrations", filter=holding & in_person)):
        assert event.seats <= event.capacity_in_person
    assert not Registration.objects.exclude(event__registration_enabled=True).exists()
    assert Registration.objects.values("status").distinct().count() >= 4
    waiting = Registration.objects.filter(status=Registration.Status.WAITLISTED)
    assert not waiting.filter(waitlisted_at__isnull=True).exists()


def _check_pages(client):
    targets = dataset.targets()
    event = Event.objects.get(slug=targets["event"])
    assert event.registration_enabled and event.starts_at > timezone.now()
    assert event.sessions.count() >= 5
    for scenario in SCENARIOS:
        if scenario.name.startswith("event"):
            response = client.get(scenario.url(targets))
            assert response.status_code == 200, scenario.name


def _check_alignment(anchor):
    assert eventdata.align_dates(anchor) is None  # generated today: nothing to move
    before = Event.objects.order_by("pk").first()
    session = Session.objects.order_by("pk").first()
    earlier = (datetime.date.fromisoformat(anchor) - datetime.timedelta(days=20)).isoformat()
    moved = eventdata.align_dates(earlier)
    two_weeks = datetime.timedelta(days=14)
    assert moved["shifted_days"] == 14
    assert moved["rows"]["Event"] == EVENTS
    after = Event.objects.get(pk=before.pk)
    assert (after.starts_at, after.ends_at) == (
        before.starts_at + two_weeks,
        before.ends_at + two_weeks,
    )
    assert Session.objects.get(pk=session.pk).starts_at == session.starts_at + two_weeks
