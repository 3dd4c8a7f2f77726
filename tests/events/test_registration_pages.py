"""Registration as people see it: the form, guests confirming by e-mail, members in one click,
the e-mails in the registrant's language with the calendar attached, cancelling, the waitlist,
my registrations, reminders, and bad input."""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from intercambio.events import domain
from intercambio.events.models import Event, Registration
from tests import factories
from tests.conftest import login

Status = Registration.Status


@pytest.fixture
def seminar(db) -> Event:
    return factories.EventFactory(
        slug="seminar", title_en="Open government seminar", title_es="Seminario de gobierno abierto",
        title_pt_br="Seminário de governo aberto", registration_enabled=True, capacity_in_person=2,
        interpretation_languages="|es|pt-br|",
    )  # fmt: skip


def guest_form(**fields) -> dict:
    return {
        "name": "Ana Souza", "email": "ana@canoas.example", "organization": "Canoas",
        "position": "Secretary", "country": "BR", "language": "pt-br", "consent": "on",
        **fields,
    }  # fmt: skip


def link_in(message, name: str) -> str:
    """The path of the platform's link in an e-mail (confirm, registration)."""
    found = re.search(
        r"https?://[^/\s]+(/\S*/registrations/[0-9a-f-]+/" + name + r")", message.body
    )
    assert found, message.body
    return found.group(1)


def test_a_guest_registers_confirms_by_e_mail_and_gets_the_calendar(seminar):
    client = Client()
    response = client.post("/es/events/seminar/register/", guest_form())
    assert response.status_code == 302
    assert response.url == "/es/events/seminar/register/sent/"
    registration = Registration.objects.get()
    assert registration.status == Status.AWAITING_EMAIL
    # The registration holds no seat until the address is confirmed; the e-mail is in
    # Portuguese, the language the person chose, although the page was in Spanish.
    (message,) = mail.outbox
    assert message.to == ["ana@canoas.example"]
    assert message.subject == "Confirme sua inscrição: Seminário de governo aberto"
    confirm = link_in(message, "confirm/")
    page = client.get(confirm, follow=True)
    assert page.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    # The e-mail's link leads to the page in the person's language.
    assert page.redirect_chain[-1][0] == f"/pt-br/events/registrations/{registration.token}/"
    assert "Você está inscrito." in page.content.decode()
    confirmed = mail.outbox[1]
    assert confirmed.subject == "Inscrição confirmada: Seminário de governo aberto"
    ((filename, content, mimetype),) = confirmed.attachments
    assert (filename, mimetype) == ("seminar.ics", "text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["summary"]) == "Seminário de governo aberto"
    assert vevent.decoded("dtstart") == seminar.starts_at
    # Opening the link again changes nothing and sends nothing.
    client.get(confirm)
    assert len(mail.outbox) == 2


def test_a_member_registers_in_one_click(seminar, bob):
    client = login(bob)
    page = client.get("/en/events/seminar/register/")
    assert 'name="one_click"' in page.content.decode()
    response = client.post("/en/events/seminar/register/", {"one_click": "1"}, follow=True)
    registration = Registration.objects.get()
    assert response.redirect_chain == [(f"/en/events/registrations/{registration.token}/", 302)]
    assert (registration.user, registration.email, registration.status) == (
        bob,
        "bob@example.org",
        Status.CONFIRMED,
    )
    assert "You are registered." in response.content.decode()
    assert mail.outbox[0].attachments
    # Back on the register page, the member is sent to their registration.
    again = client.get("/en/events/seminar/register/")
    assert again.url == f"/en/events/registrations/{registration.token}/"


def test_cancelling_gives_the_seat_to_the_first_of_the_waitlist_who_is_told(seminar):
    people = [factories.UserFactory(preferred_language=lang) for lang in ("en", "es", "es", "en")]
    for person in people:
        login(person).post("/en/events/seminar/register/", {"one_click": "1"})
    first, _second, third, fourth = Registration.objects.order_by("pk")
    assert (third.status, fourth.status) == (Status.WAITLISTED, Status.WAITLISTED)
    waiting = Client().get(f"/en/events/registrations/{third.token}/")
    assert "number 1 on the waitlist" in waiting.content.decode()
    mail.outbox.clear()
    response = Client().post(f"/en/events/registrations/{first.token}/cancel/", follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    third.refresh_from_db()
    assert third.status == Status.CONFIRMED
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    # Each in their own language: the seat's e-mail in Spanish, the cancellation in English.
    assert subjects == {
        first.email: "Registration cancelled: Open government seminar",
        third.email: "Hay un lugar para usted: Seminario de gobierno abierto",
    }
    # Cancelling again (a second click) changes nothing.
    Client().post(f"/en/events/registrations/{first.token}/cancel/")
    fourth.refresh_from_db()
    assert fourth.status == Status.WAITLISTED


# --- Bad input: a clear message, a 4xx, never a second registration ----------------------


def test_a_missing_consent_and_an_invalid_address_are_refused_with_a_message(seminar):
    response = Client().post(
        "/en/events/seminar/register/", guest_form(email="not-an-address", consent="")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Registration needs your consent to the processing of your data." in page
    assert "Enter a valid email address." in page
    # What the person typed is kept.
    assert 'value="Ana Souza"' in page
    assert not Registration.objects.exists()


def test_a_closed_or_not_yet_open_registration_refuses(seminar):
    Event.objects.filter(pk=seminar.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = Client().post("/en/events/seminar/register/", guest_form())
    assert response.status_code == 409
    assert "Registration is closed." in response.content.decode()
    assert "Registration is closed." in Client().get("/en/events/seminar/").content.decode()
    Event.objects.filter(pk=seminar.pk).update(
        registration_closes_at=None,
        registration_opens_at=timezone.now() + datetime.timedelta(days=2),
    )
    response = Client().post("/en/events/seminar/register/", guest_form())
    assert response.status_code == 409
    assert "Registration has not opened yet." in response.content.decode()
    assert not Registration.objects.exists()


def test_an_address_registered_twice_keeps_one_registration_and_tells_its_owner(seminar):
    Client().post("/en/events/seminar/register/", guest_form())
    mail.outbox.clear()
    response = Client().post(
        "/en/events/seminar/register/", guest_form(name="Someone Else", email="ANA@canoas.example")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "This e-mail address is already registered for this event." in page
    assert "We have sent the link to this registration to that address." in page
    registration = Registration.objects.get()
    assert registration.name == "Ana Souza"
    # The first registration still waits for its confirmation: the link is sent again, to
    # the address only, never shown to whoever typed it.
    (message,) = mail.outbox
    assert message.to == ["ana@canoas.example"]
    assert str(registration.token) not in page


def test_a_double_click_on_register_gives_one_registration(seminar, bob):
    client = login(bob)
    first = client.post("/en/events/seminar/register/", {"one_click": "1"})
    second = client.post("/en/events/seminar/register/", {"one_click": "1"})
    assert first.status_code == 302
    assert second.status_code == 409
    registration = Registration.objects.get()
    assert f"/en/events/registrations/{registration.token}/" in second.content.decode()
    assert "already registered" in second.content.decode()


def test_a_full_event_puts_the_person_on_the_waitlist_and_says_so(seminar):
    for _n in range(2):
        login(factories.UserFactory()).post("/en/events/seminar/register/", {"one_click": "1"})
    assert (
        "full — you can join the waitlist"
        in Client().get("/en/events/seminar/register/").content.decode()
    )
    response = login(factories.UserFactory()).post(
        "/en/events/seminar/register/", {"one_click": "1"}, follow=True
    )
    assert "The event is full: you are number 1 on the waitlist." in response.content.decode()
    assert Registration.objects.filter(status=Status.WAITLISTED).count() == 1


def test_hostile_text_is_stored_as_typed_and_shown_escaped(seminar):
    hostile = '<script>alert(1)</script> O\'Brien & "Co"'
    response = Client().post(
        "/en/events/seminar/register/",
        guest_form(name=hostile, organization=hostile, accessibility_needs="x" * 1001),
    )
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    Client().post("/en/events/seminar/register/", guest_form(name=hostile, organization=hostile))
    registration = Registration.objects.get()
    assert (registration.name, registration.organization_name) == (hostile, hostile)


def test_unknown_links_answer_404(seminar):
    assert (
        Client().get("/en/events/registrations/5b0e2b9e-0000-4000-8000-000000000000/").status_code
        == 404
    )
    assert Client().get("/en/events/registrations/not-a-token/confirm/").status_code == 404
    assert Client().get("/en/events/seminar/register/?x=1", {"y": "<b>"}).status_code == 200
    no_registration = factories.EventFactory(slug="no-registration")
    assert Client().get(f"/en/events/{no_registration.slug}/register/").status_code == 404


# --- What the form and the pages do ---------------------------------------------------------


def test_the_organization_is_chosen_from_the_directory_or_kept_as_typed(seminar):
    canoas = factories.OrganizationFactory(name="Canoas", country="BR")
    Client().post("/en/events/seminar/register/", guest_form(organization="  Canoas "))
    Client().post(
        "/en/events/seminar/register/",
        guest_form(email="b@x.example", organization="Prefeitura de Nenhures"),
    )
    chosen, typed = Registration.objects.order_by("pk")
    assert (chosen.organization, chosen.organization_name) == (canoas, "")
    assert (typed.organization, typed.organization_name) == (None, "Prefeitura de Nenhures")
    page = Client().get("/en/events/seminar/register/").content.decode()
    assert 'list="organization-suggestions"' in page


def test_the_online_link_is_shown_only_to_confirmed_participants(db):
    event = factories.EventFactory(
        slug="webinar", format=Event.Format.ONLINE, online_url="https://meet.example/secret",
        registration_enabled=True, capacity_online=1,
    )  # fmt: skip
    assert "meet.example/secret" not in Client().get("/en/events/webinar/").content.decode()
    first, second = factories.UserFactory(), factories.UserFactory()
    for person in (first, second):
        login(person).post("/en/events/webinar/register/", {"one_click": "1"})
    confirmed, waitlisted = event.registrations.order_by("pk")
    assert confirmed.attendance == waitlisted.attendance == Registration.Attendance.ONLINE
    seen = Client().get(f"/en/events/registrations/{confirmed.token}/").content.decode()
    assert "https://meet.example/secret" in seen
    waiting = Client().get(f"/en/events/registrations/{waitlisted.token}/").content.decode()
    assert "meet.example/secret" not in waiting
    assert "https://meet.example/secret" in mail.outbox[0].body
    assert "meet.example/secret" not in mail.outbox[1].body


def test_only_confirmed_people_who_agreed_are_listed_publicly(seminar):
    for n, listed in ((1, True), (2, False), (3, True)):
        domain.register(
            event=seminar, user=factories.UserFactory(),
            details=domain.Details(name=f"Person {n}", email=f"p{n}@x.example", language="en",
                                   listed_publicly=listed),
        )  # fmt: skip
    page = Client().get("/en/events/seminar/").content.decode()
    assert "Person 1" in page
    assert "Person 2" not in page
    assert "Person 3" not in page  # waitlisted: the seminar has two seats


def test_my_registrations_lists_the_coming_and_past_ones(seminar, bob):
    past = factories.EventFactory(
        slug="past", registration_enabled=True,
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=29),
    )  # fmt: skip
    Registration.objects.create(
        event=past, user=bob, email=bob.email, name="Bob", language="en",
        status=Status.CONFIRMED, consented_at=timezone.now(),
    )  # fmt: skip
    login(bob).post("/en/events/seminar/register/", {"one_click": "1"})
    page = login(bob).get("/en/events/mine/").content.decode()
    coming, past_section = page.split("<h2", 2)[1:]
    assert "Open government seminar" in coming
    assert past.title_en in past_section
    assert Client().get("/en/events/mine/").status_code == 302


def test_my_registrations_reads_a_fixed_number_of_queries(
    seminar, bob, django_assert_max_num_queries
):
    for _n in range(5):
        event = factories.EventFactory(registration_enabled=True)
        domain.register(event=event, user=bob, details=domain.Details(
            name="Bob", email=bob.email, language="en"))  # fmt: skip
    client = login(bob)
    with django_assert_max_num_queries(8):
        assert client.get("/en/events/mine/").status_code == 200


def test_approval_registrations_wait_then_are_told(db):
    event = factories.EventFactory(slug="approval", registration_enabled=True,
                                   requires_approval=True)  # fmt: skip
    response = login(factories.UserFactory()).post(
        "/en/events/approval/register/", {"one_click": "1"}, follow=True
    )
    assert "The organizers approve each one" in response.content.decode()
    registration = event.registrations.get()
    assert registration.status == Status.AWAITING_APPROVAL
    domain.approve(registration=registration)
    assert mail.outbox[-1].subject.startswith("You are registered:")
    assert mail.outbox[-1].attachments


# --- Reminders ------------------------------------------------------------------------------


def test_reminders_go_once_to_confirmed_people_in_their_language(seminar):
    for n, language in enumerate(("es", "en", "pt-br")):
        domain.register(event=seminar, user=factories.UserFactory(), details=domain.Details(
            name=f"P{n}", email=f"p{n}@x.example", language=language))  # fmt: skip
    waitlisted = seminar.registrations.get(status=Status.WAITLISTED)
    mail.outbox.clear()
    seminar.reminder_days = 3
    seminar.save()
    before = seminar.starts_at - datetime.timedelta(days=4)
    assert domain.send_reminders(now=before) == 0
    due = seminar.starts_at - datetime.timedelta(days=2)
    assert domain.send_reminders(now=due) == 2
    assert domain.send_reminders(now=due) == 0
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Recordatorio: Seminario de gobierno abierto",
                        "Reminder: Open government seminar"]  # fmt: skip
    assert waitlisted.email not in {message.to[0] for message in mail.outbox}
    assert all(message.attachments for message in mail.outbox)
    # After the start nobody is reminded any more.
    late = factories.EventFactory(registration_enabled=True)
    domain.register(event=late, user=factories.UserFactory(), details=domain.Details(
        name="Late", email="late@x.example", language="en"))  # fmt: skip
    assert domain.send_reminders(now=late.starts_at + datetime.timedelta(minutes=1)) == 0


def test_the_reminder_command_runs(seminar, capsys):
    from django.core.management import call_command

    call_command("send_event_reminders")
    assert "Reminders sent to 0 participant(s)." in capsys.readouterr().out


def test_an_attendee_downloads_their_certificate_once_checked_in(seminar):
    registration = domain.register(event=seminar, user=factories.UserFactory(), details=domain.Details(
        name="Ana Souza", email="ana@x.example", language="en"))  # fmt: skip
    url = f"/en/events/registrations/{registration.token}/certificate.pdf"
    assert Client().get(url).status_code == 404
    domain.mark_attended(registration=registration, attended=True)
    response = Client().get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        "certificate.pdf"
        in Client().get(f"/en/events/registrations/{registration.token}/").content.decode()
    )


def test_organizers_see_the_link_to_their_dashboard(seminar, alice, bob, organization):
    seminar.organizations.add(organization, through_defaults={"role": "organizer"})
    assert (
        "/en/events/seminar/registrations/"
        in login(alice).get("/en/events/seminar/").content.decode()
    )
    assert (
        "/en/events/seminar/registrations/"
        not in login(bob).get("/en/events/seminar/").content.decode()
    )


def test_an_event_cannot_take_the_address_of_a_page(db):
    from django.core.exceptions import ValidationError

    event = factories.EventFactory.build(slug="mine")
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "slug" in error.value.message_dict


def test_a_confirmed_guest_finds_the_link_to_answer_the_event_consultation(seminar):
    from intercambio.consultations.models import Consultation

    consultation = Consultation.objects.create(
        slug="guiding-questions", event=seminar, title_en="Guiding questions",
        status=Consultation.Status.OPEN,
    )  # fmt: skip
    registration = domain.register(event=seminar, details=domain.Details(
        name="Ana", email="ana@x.example", language="en"))  # fmt: skip
    page = f"/en/events/registrations/{registration.token}/"
    assert consultation.get_guest_url(registration) not in Client().get(page).content.decode()
    domain.confirm_email(registration=registration)
    shown = Client().get(page).content.decode()
    assert consultation.get_guest_url(registration) in shown
    assert "Guiding questions" in Client().get("/en/events/seminar/").content.decode()
