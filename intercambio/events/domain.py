"""Registration: who gets a seat, who waits, who is promoted when a seat frees up.

Every decision about seats is taken with the event's row locked (SELECT … FOR UPDATE on
PostgreSQL; an IMMEDIATE transaction on SQLite, which takes the write lock at BEGIN), and the
seats are counted again inside the lock: two people clicking at once for the last seat get
one seat and one waitlist place, never two seats. A unique constraint (event, e-mail) is the
backstop against a second registration of one address.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intercambio.common.i18n import translated
from intercambio.common.tasks import send_to_address
from intercambio.events.models import Event, Registration
from intercambio.events.tasks import send_registration_email
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


# The e-mail that tells a person where their registration stands.
STATUS_EMAIL = {
    Status.AWAITING_EMAIL: "confirm_address",
    Status.CONFIRMED: "confirmed",
    Status.WAITLISTED: "waitlisted",
    Status.AWAITING_APPROVAL: "awaiting_approval",
}


def notify(registration: Registration, kind: str) -> None:
    """Queue an e-mail to the registrant. Inside a transaction the task row commits with it,
    so the worker never mails about a decision that was rolled back."""
    send_registration_email.enqueue(registration_id=registration.pk, kind=kind)


def registration_window(event: Event) -> tuple[datetime.datetime | None, datetime.datetime]:
    """(opens, closes): closes when the organizers said, else when the event starts."""
    return event.registration_opens_at, event.registration_closes_at or event.starts_at


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


@contextmanager
def seat_lock(event: Event) -> Iterator[Event]:
    """A transaction holding the event's row: every seat decision is taken inside one.
    (The concurrency tests switch it off for their negative control.)"""
    with transaction.atomic():
        yield Event.objects.select_for_update().get(pk=event.pk)


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
        with seat_lock(event) as locked:
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
            notify(registration, STATUS_EMAIL[registration.status])
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
    with seat_lock(registration.event) as locked_event:
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.AWAITING_EMAIL:
            _seat_or_waitlist(locked_event, current, now)
            current.save(update_fields=["status", "waitlisted_at", "confirmed_at", "updated_at"])
            notify(current, STATUS_EMAIL[current.status])
    return current


def cancel(*, registration: Registration, now=None) -> list[Registration]:
    """Cancel a registration (the person's link, or the organizers). If it held a seat, the
    first of the waitlist for the same kind of seat takes it. Returns those promoted."""
    now = now or timezone.now()
    with seat_lock(registration.event) as locked_event:
        current = Registration.objects.get(pk=registration.pk)
        if current.status in (Status.CANCELLED, Status.DECLINED):
            return []
        current.status = Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        notify(current, "cancelled")
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
        notify(registration, "promoted" if registration.status == Status.CONFIRMED
               else "awaiting_approval")  # fmt: skip
    return promoted


def approve(*, registration: Registration, now=None) -> Registration:
    """The organizers accept a registration that waited for their approval."""
    now = now or timezone.now()
    with seat_lock(registration.event):
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.AWAITING_APPROVAL:
            current.status, current.confirmed_at = Status.CONFIRMED, now
            current.save(update_fields=["status", "confirmed_at", "updated_at"])
            notify(current, "approved")
    return current


def decline(*, registration: Registration, now=None) -> list[Registration]:
    """The organizers turn a registration down; its seat goes to the waitlist. Returns those
    promoted."""
    now = now or timezone.now()
    with seat_lock(registration.event) as locked_event:
        current = Registration.objects.get(pk=registration.pk)
        if current.status in (Status.CANCELLED, Status.DECLINED):
            return []
        current.status = Status.DECLINED
        current.save(update_fields=["status", "updated_at"])
        notify(current, "declined")
        return promote_from_waitlist(event=locked_event, attendance=current.attendance, now=now)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first of the waitlist of its kind of seat; None when not waiting."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(
        status=Status.WAITLISTED, attendance=registration.attendance
    ).filter(
        models.Q(waitlisted_at__lt=registration.waitlisted_at)
        | models.Q(waitlisted_at=registration.waitlisted_at, id__lt=registration.id)
    )
    return ahead.count() + 1


def send_reminders(*, now=None) -> int:
    """E-mail each confirmed registrant once, `reminder_days` before their event starts, in
    their language. Run it daily or hourly (`intercambio send_reminders`): a late run still
    reminds, an event already started is not reminded any more."""
    now = now or timezone.now()
    upcoming = Event.objects.filter(
        status=Event.Status.PUBLISHED, registration_enabled=True, reminder_days__isnull=False,
        starts_at__gt=now,
    ).only("pk", "starts_at", "reminder_days")  # fmt: skip
    due_events = [
        event.pk for event in upcoming
        if event.starts_at - datetime.timedelta(days=event.reminder_days) <= now
    ]  # fmt: skip
    due = Registration.objects.filter(
        event__in=due_events, status=Status.CONFIRMED, reminded_at__isnull=True
    )
    sent = 0
    for registration in due.order_by("pk"):
        # Marked first, one row at a time: two overlapping runs never remind one person twice.
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed:
            notify(registration, "reminder")
            sent += 1
    return sent


def mark_attended(*, registration: Registration, attended: bool, now=None) -> None:
    """Check-in. Conditional updates: two desks clicking at once keep the first arrival."""
    now = now or timezone.now()
    rows = Registration.objects.filter(pk=registration.pk)
    if attended:
        rows.filter(checked_in_at__isnull=True).update(checked_in_at=now, updated_at=now)
    else:
        rows.update(checked_in_at=None, updated_at=now)


def message_registrants(*, event: Event, statuses: list[str], subject: str, body: str) -> int:
    """One e-mail per registration with one of `statuses`, each in the person's language,
    answers going to the event's contact address. Returns how many were sent."""
    recipients = event.registrations.filter(status__in=statuses)
    sent = 0
    for registration in recipients.order_by("pk"):
        send_to_address.enqueue(
            address=registration.email,
            language=registration.language,
            template="events/email/message",
            context={
                "name": registration.name,
                "event_title": translated(event, "title", language=registration.language).text,
                "slug": event.slug,
                "subject": subject,
                "body": body,
                "can_reply": bool(event.contact_email),
            },
            reply_to=event.contact_email,
        )
        sent += 1
    return sent
