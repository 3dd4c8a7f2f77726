"""Registration: who gets a seat, who waits, who is promoted when a seat frees up.

Every decision about seats is taken with the event's row locked (SELECT … FOR UPDATE on
PostgreSQL; an IMMEDIATE transaction on SQLite, which takes the write lock at BEGIN), and the
seats are counted again inside the lock: two people clicking at once for the last seat get
one seat and one waitlist place, never two seats. A unique constraint (event, e-mail) is the
backstop against a second registration of one address.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intercambio.events.models import Event, Registration
from intercambio.network.models import Organization

Status = Registration.Status


class RegistrationError(Exception):
    """A registration that cannot be taken, with the reason to show the person."""

    def __init__(self, message, *, registration: Registration | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.registration = registration


@dataclass
class Details:
    """What the registration form asks."""

    name: str
    email: str
    language: str
    attendance: str = Registration.Attendance.IN_PERSON
    organization: Organization | None = None
    organization_name: str = ""
    position: str = ""
    country: str = ""
    needs_interpretation: bool = False
    accessibility_needs: str = ""
    listed_publicly: bool = False


def registration_window(event: Event) -> tuple[datetime.datetime | None, datetime.datetime]:
    """(opens, closes): closes when the organizers said, else when the event starts."""
    return event.registration_opens_at, event.registration_closes_at or event.starts_at


def may_register(event: Event, *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    opens, closes = registration_window(event)
    return (
        event.registration_enabled
        and event.status == Event.Status.PUBLISHED
        and (opens is None or opens <= now)
        and now < closes
    )


def _refuse_if_closed(event: Event, now: datetime.datetime) -> None:
    if not event.registration_enabled or event.status != Event.Status.PUBLISHED:
        raise RegistrationError(_("This event does not take registrations."))
    opens, closes = registration_window(event)
    if opens is not None and now < opens:
        raise RegistrationError(_("Registration has not opened yet."))
    if now >= closes:
        raise RegistrationError(_("Registration is closed."))


def capacity(event: Event, attendance: str) -> int | None:
    """Seats of that kind; None: no limit."""
    if attendance == Registration.Attendance.ONLINE:
        return event.capacity_online
    return event.capacity_in_person


def seats_taken(event: Event, attendance: str) -> int:
    return event.registrations.filter(
        status__in=Registration.HOLDING_A_SEAT, attendance=attendance
    ).count()


def _seat_or_waitlist(event: Event, registration: Registration, now) -> None:
    """Give the registration a seat if one is free (counted now, under the event's lock),
    else a place at the end of the waitlist."""
    limit = capacity(event, registration.attendance)
    if limit is not None and seats_taken(event, registration.attendance) >= limit:
        registration.status = Status.WAITLISTED
        registration.waitlisted_at = now
    elif event.requires_approval:
        registration.status = Status.AWAITING_APPROVAL
    else:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def register(*, event: Event, details: Details, user=None, now=None) -> Registration:
    """Register a person. A member (signed in, `user`) takes a seat or a waitlist place at
    once; a guest's registration waits for their e-mail address to be confirmed.

    Raises RegistrationError when registration is closed, the organization has reached its
    quota or the address is registered already (its registration is attached)."""
    now = now or timezone.now()
    email = details.email.strip().lower()
    attendance = details.attendance
    if event.format == Event.Format.IN_PERSON:
        attendance = Registration.Attendance.IN_PERSON
    elif event.format == Event.Format.ONLINE:
        attendance = Registration.Attendance.ONLINE
    try:
        with transaction.atomic():
            locked = _locked(event)
            _refuse_if_closed(locked, now)
            existing = locked.registrations.filter(email=email).first()
            if existing is not None and existing.status in Registration.ACTIVE:
                raise RegistrationError(
                    _("This e-mail address is already registered for this event."),
                    registration=existing,
                )
            if details.organization is not None and locked.quota_per_organization:
                taken = locked.registrations.filter(
                    organization=details.organization, status__in=Registration.ACTIVE
                ).count()
                if taken >= locked.quota_per_organization:
                    raise RegistrationError(
                        _("%(organization)s has already registered %(n)s people, the most this "
                          "event takes from one organization.")
                        % {"organization": details.organization.name, "n": taken}
                    )  # fmt: skip
            registration = existing or Registration(event=locked, email=email)
            for name in ("name", "language", "organization", "organization_name", "position",
                         "country", "needs_interpretation", "accessibility_needs",
                         "listed_publicly"):  # fmt: skip
                setattr(registration, name, getattr(details, name))
            registration.attendance = attendance
            registration.user = user
            registration.consented_at = now
            registration.cancelled_at = None
            registration.waitlisted_at = registration.confirmed_at = None
            if user is None:
                registration.status = Status.AWAITING_EMAIL
            else:
                _seat_or_waitlist(locked, registration, now)
            registration.save()
    except IntegrityError as error:
        # Two requests for one address at once: the second finds the first's row here.
        existing = event.registrations.filter(email=email).first()
        raise RegistrationError(
            _("This e-mail address is already registered for this event."), registration=existing
        ) from error
    return registration


def confirm_email(*, registration: Registration, now=None) -> Registration:
    """The guest opened the link of their e-mail: a seat or the waitlist. Opening it again
    changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked_event = _locked(registration.event)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.AWAITING_EMAIL:
            _seat_or_waitlist(locked_event, current, now)
            current.save(update_fields=["status", "waitlisted_at", "confirmed_at", "updated_at"])
    return current


def cancel(*, registration: Registration, now=None) -> list[Registration]:
    """Cancel a registration (the person's link, or the organizers). If it held a seat, the
    first of the waitlist for the same kind of seat takes it. Returns those promoted."""
    now = now or timezone.now()
    with transaction.atomic():
        locked_event = _locked(registration.event)
        current = Registration.objects.get(pk=registration.pk)
        if current.status in (Status.CANCELLED, Status.DECLINED):
            return []
        current.status = Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        return promote_from_waitlist(event=locked_event, attendance=current.attendance, now=now)


def promote_from_waitlist(*, event: Event, attendance: str, now) -> list[Registration]:
    """Fill the free seats of one kind from the waitlist, first in, first out. Call with the
    event locked."""
    limit = capacity(event, attendance)
    free = None if limit is None else limit - seats_taken(event, attendance)
    waiting = event.registrations.filter(status=Status.WAITLISTED, attendance=attendance)
    waiting = waiting.order_by("waitlisted_at", "id")
    promoted = list(waiting if free is None else waiting[: max(free, 0)])
    for registration in promoted:
        if event.requires_approval:
            registration.status = Status.AWAITING_APPROVAL
        else:
            registration.status, registration.confirmed_at = Status.CONFIRMED, now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    return promoted
