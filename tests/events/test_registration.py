"""Registration rules: seats, waitlist first in first out, guests confirming their address,
approval, quotas, closed registration, one registration per address."""

import datetime

import pytest
from django.utils import timezone

from intercambio.events import domain
from intercambio.events.domain import Details, RegistrationError
from intercambio.events.models import Event, Registration
from tests import factories

Status = Registration.Status


@pytest.fixture
def seminar(db) -> Event:
    return factories.EventFactory(registration_enabled=True, capacity_in_person=2)


def details(n: int, **fields) -> Details:
    return Details(name=f"Person {n}", email=f"person{n}@city.example", language="es", **fields)


def member_registers(event: Event, n: int, **fields) -> Registration:
    return domain.register(event=event, details=details(n, **fields), user=factories.UserFactory())


def statuses(event: Event) -> list[tuple[str, str]]:
    return list(event.registrations.order_by("id").values_list("name", "status"))


def test_members_take_the_seats_then_wait(seminar):
    for n in range(1, 5):
        member_registers(seminar, n)
    assert statuses(seminar) == [
        ("Person 1", Status.CONFIRMED), ("Person 2", Status.CONFIRMED),
        ("Person 3", Status.WAITLISTED), ("Person 4", Status.WAITLISTED),
    ]  # fmt: skip


def test_a_freed_seat_goes_to_the_first_of_the_waitlist(seminar):
    first, _second, third, fourth = (member_registers(seminar, n) for n in range(1, 5))
    promoted = domain.cancel(registration=first)
    assert promoted == [third]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == (Status.CONFIRMED, Status.WAITLISTED)
    # Cancelling twice frees nothing more.
    assert domain.cancel(registration=first) == []
    fourth.refresh_from_db()
    assert fourth.status == Status.WAITLISTED


def test_online_and_in_person_seats_are_counted_apart(db):
    event = factories.EventFactory(
        registration_enabled=True, format=Event.Format.HYBRID, capacity_in_person=1,
        capacity_online=1,
    )  # fmt: skip
    member_registers(event, 1)
    member_registers(event, 2, attendance=Registration.Attendance.ONLINE)
    third = member_registers(event, 3, attendance=Registration.Attendance.ONLINE)
    assert third.status == Status.WAITLISTED
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 2


def test_the_format_decides_how_people_take_part(db):
    online = factories.EventFactory(registration_enabled=True, format=Event.Format.ONLINE)
    registration = member_registers(online, 1, attendance=Registration.Attendance.IN_PERSON)
    assert registration.attendance == Registration.Attendance.ONLINE


def test_a_guest_holds_no_seat_until_the_address_is_confirmed(seminar):
    guest = domain.register(event=seminar, details=details(1))
    assert guest.status == Status.AWAITING_EMAIL
    member_registers(seminar, 2)
    member_registers(seminar, 3)
    confirmed = domain.confirm_email(registration=guest)
    assert confirmed.status == Status.WAITLISTED
    # The link opened again changes nothing.
    assert domain.confirm_email(registration=guest).status == Status.WAITLISTED


def test_one_registration_per_address_whatever_its_case(seminar):
    first = member_registers(seminar, 1)
    with pytest.raises(RegistrationError) as refused:
        domain.register(
            event=seminar,
            details=Details(name="Again", email="PERSON1@City.example ", language="en"),
        )
    assert refused.value.registration == first
    assert seminar.registrations.count() == 1


def test_a_cancelled_address_may_register_again(seminar):
    first = member_registers(seminar, 1)
    domain.cancel(registration=first)
    again = member_registers(seminar, 1)
    assert again.pk == first.pk
    assert again.status == Status.CONFIRMED
    assert again.cancelled_at is None


def test_approval_holds_the_seat_while_organizers_decide(db):
    event = factories.EventFactory(
        registration_enabled=True, capacity_in_person=1, requires_approval=True
    )
    assert member_registers(event, 1).status == Status.AWAITING_APPROVAL
    assert member_registers(event, 2).status == Status.WAITLISTED


def test_quota_per_organization(db):
    canoas = factories.OrganizationFactory(name="Canoas")
    event = factories.EventFactory(registration_enabled=True, quota_per_organization=2)
    member_registers(event, 1, organization=canoas)
    member_registers(event, 2, organization=canoas)
    with pytest.raises(RegistrationError, match="Canoas has already registered 2 people"):
        member_registers(event, 3, organization=canoas)
    member_registers(event, 4, organization=factories.OrganizationFactory())
    assert event.registrations.count() == 3


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_enabled": False}, "does not take registrations"),
        ({"status": Event.Status.DRAFT}, "does not take registrations"),
        ({"status": Event.Status.CANCELLED}, "does not take registrations"),
        ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1)}, "not opened"),
        ({"registration_closes_at": timezone.now() - datetime.timedelta(minutes=1)}, "closed"),
        ({"starts_at": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
    ],
)
def test_closed_registration_is_refused(db, fields, message):
    fields = {"registration_enabled": True, **fields}
    event = factories.EventFactory(**fields)
    with pytest.raises(RegistrationError, match=message):
        member_registers(event, 1)
    assert not event.registrations.exists()
