"""E-mails to registrants, sent in the background, each in the registrant's language."""

from django.conf import settings
from django_tasks import task

from intercambio.common.i18n import translated
from intercambio.common.mail import send_message
from intercambio.events.calendar import calendar_bytes
from intercambio.events.models import Registration

# The messages that give a seat carry the event's .ics, so it lands in the person's calendar.
WITH_CALENDAR = {"confirmed", "promoted", "approved", "reminder"}


@task()
def send_registration_email(registration_id: int, kind: str) -> int:
    """`kind`: confirm_address, confirmed, waitlisted, awaiting_approval, promoted, approved,
    declined, cancelled, already_registered, reminder (see events/email/registration.txt)."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:  # deleted meanwhile (an organizer removed a test registration)
        return 0
    event = registration.event
    language = registration.language
    title = translated(event, "title", language).text
    attachments = None
    if kind in WITH_CALENDAR:
        ics = calendar_bytes(
            events=[event], language=language, site_url=settings.SITE_URL, name=title
        )
        attachments = [(f"{event.slug}.ics", ics, "text/calendar")]
    return send_message(
        to=registration.email,
        language=language,
        template="events/email/registration",
        context={"kind": kind, "registration": registration, "event": event, "title": title},
        reply_to=event.contact_email,
        attachments=attachments,
    )
