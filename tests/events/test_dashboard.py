"""The organizers' dashboard of an event: counts by status, the list, approve and decline,
CSV and XLSX exports, the summary of language and accessibility needs, check-in,
certificates of attendance and the message to the registrants; who may open each page."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.test import Client
from django.utils import formats, translation
from pypdf import PdfReader

from intercambio.events import domain, exports
from intercambio.events.domain import Details
from intercambio.events.models import Event, Registration
from tests import factories
from tests.conftest import count_queries, login

Status = Registration.Status
IN_PERSON, ONLINE = Registration.Attendance.IN_PERSON, Registration.Attendance.ONLINE


@pytest.fixture
def seminar(organization, network) -> Event:
    """Organized by Canoas (alice edits it), in the secretariat's network, hybrid."""
    return factories.EventFactory(
        slug="seminar", organizer=organization, network=network, registration_enabled=True,
        format=Event.Format.HYBRID, capacity_in_person=10, capacity_online=5,
        title_es="Seminario de ciudades", title_pt_br="Seminário de cidades",
        title_en="Cities seminar", contact_email="eventos@canoas.example",
        floor_languages="|es|", interpretation_languages="|pt-br|en|",
    )  # fmt: skip


_counter = iter(range(10_000))


def register(event: Event, name: str = "", *, guest: bool = False, **fields) -> Registration:
    """A member's registration (a seat at once), or a guest's (awaiting the e-mail)."""
    n = next(_counter)
    fields.setdefault("language", "es")
    details = Details(name=name or f"Person {n}", email=f"p{n}@city.example", **fields)
    return domain.register(
        event=event, details=details, user=None if guest else factories.UserFactory()
    )


def url(event: Event, tail: str = "/", language: str = "en") -> str:
    return f"/{language}/events/{event.slug}/registrations{tail}"


# ---- who may open the pages ----------------------------------------------------------------

PAGES = ["/", ".csv", ".xlsx", "/check-in/", "/message/"]


@pytest.mark.parametrize("persona", ["alice", "secretariat", "staff"])
@pytest.mark.parametrize("tail", PAGES)
def test_organizers_secretariat_and_staff_open_every_page(seminar, persona, tail, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(url(seminar, tail)).status_code == 200


@pytest.mark.parametrize("persona", ["bob", "charlie"])
@pytest.mark.parametrize("tail", PAGES)
def test_members_and_outsiders_are_forbidden(seminar, persona, tail, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(url(seminar, tail)).status_code == 403


@pytest.mark.parametrize("tail", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(seminar, tail):
    response = Client().get(url(seminar, tail))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_draft_is_not_found_for_those_who_cannot_see_it(organization, network, bob, alice):
    draft = factories.EventFactory(
        slug="draft", status=Event.Status.DRAFT, organizer=organization, network=network
    )
    assert login(bob).get(url(draft, "/")).status_code == 404
    assert Client().get(url(draft, "/")).status_code == 404
    assert login(alice).get(url(draft, "/")).status_code == 200


def test_editor_of_another_organization_cannot_act(seminar, charlie):
    waiting = register(seminar, guest=True)
    mail.outbox.clear()  # the registration's own e-mail
    client = login(charlie)
    for tail in (f"/{waiting.pk}/approve/", f"/{waiting.pk}/decline/", f"/{waiting.pk}/attended/"):
        assert client.post(url(seminar, tail)).status_code == 403
    assert client.get(url(seminar, f"/{waiting.pk}/certificate.pdf")).status_code == 403
    assert client.post(url(seminar, "/message/"), {"subject": "x", "body": "y"}).status_code == 403
    assert len(mail.outbox) == 0


def test_actions_answer_only_post(seminar, alice):
    person = register(seminar)
    client = login(alice)
    for tail in (f"/{person.pk}/approve/", f"/{person.pk}/decline/", f"/{person.pk}/attended/"):
        assert client.get(url(seminar, tail)).status_code == 405


def test_a_registration_of_another_event_is_not_found(seminar, alice):
    other = factories.EventFactory(registration_enabled=True)
    stranger = register(other)
    response = login(alice).post(url(seminar, f"/{stranger.pk}/attended/"))
    assert response.status_code == 404


# ---- the dashboard ---------------------------------------------------------------------------


def test_counts_by_status_and_kind_and_seats_left(seminar, alice):
    register(seminar, attendance=IN_PERSON)
    register(seminar, attendance=IN_PERSON)
    register(seminar, attendance=ONLINE)
    register(seminar, guest=True)
    cancelled = register(seminar, attendance=ONLINE)
    domain.cancel(registration=cancelled)
    response = login(alice).get(url(seminar))
    rows = {row["status"]: row for row in response.context["status_rows"]}
    assert (rows[Status.CONFIRMED]["in_person"], rows[Status.CONFIRMED]["online"]) == (2, 1)
    assert rows[Status.AWAITING_EMAIL]["total"] == 1
    assert rows[Status.CANCELLED]["online"] == 1
    assert response.context["totals"]["total"] == 5
    assert response.context["seats"] == [
        {"label": "In person", "capacity": 10, "taken": 2, "left": 8},
        {"label": "Online", "capacity": 5, "taken": 1, "left": 4},
    ]


def test_the_list_filters_by_status_and_ignores_unknown_ones(seminar, alice):
    register(seminar, "Ana Confirmada")
    register(seminar, "Guest Waiting", guest=True)
    client = login(alice)
    names = [r.name for r in client.get(url(seminar, "/?status=confirmed")).context["page"]]
    assert names == ["Ana Confirmada"]
    response = client.get(url(seminar, "/?status=nonsense"))
    assert response.status_code == 200
    assert len(response.context["page"]) == 2


def test_the_list_shows_the_typed_or_chosen_organization(seminar, alice, organization):
    register(seminar, "Typed", organization_name="Prefeitura de Lugar Nenhum")
    register(seminar, "Chosen", organization=organization)
    content = login(alice).get(url(seminar)).content.decode()
    assert "Prefeitura de Lugar Nenhum" in content
    assert "Canoas" in content


def test_the_dashboard_queries_do_not_grow_with_registrations(seminar, alice, organization):
    client = login(alice)
    register(seminar, organization=organization, country="AR", accessibility_needs="Ramp")
    one = count_queries(client, url(seminar))
    for _ in range(19):
        register(seminar, organization=organization, country="AR", accessibility_needs="Ramp")
    assert count_queries(client, url(seminar)) == one


def test_check_in_page_queries_do_not_grow(seminar, alice, organization):
    client = login(alice)
    register(seminar, organization=organization)
    one = count_queries(client, url(seminar, "/check-in/"))
    for _ in range(19):
        register(seminar, organization=organization)
    assert count_queries(client, url(seminar, "/check-in/")) == one


# ---- approve and decline -------------------------------------------------------------------


@pytest.fixture
def approval_event(organization, network) -> Event:
    return factories.EventFactory(
        organizer=organization, network=network, registration_enabled=True,
        requires_approval=True, capacity_in_person=1,
    )  # fmt: skip


def test_approve_confirms_and_a_second_click_changes_nothing(approval_event, alice):
    waiting = register(approval_event, "Waiting Person")
    assert waiting.status == Status.AWAITING_APPROVAL
    client = login(alice)
    page = client.get(url(approval_event)).content.decode()
    assert f'action="{url(approval_event, f"/{waiting.pk}/approve/")}"' in page
    response = client.post(url(approval_event, f"/{waiting.pk}/approve/"), {"status": "x"})
    assert response.status_code == 302
    assert response["Location"] == url(approval_event, "/")
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    first = waiting.confirmed_at
    response = client.post(url(approval_event, f"/{waiting.pk}/approve/"), follow=True)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.confirmed_at) == (Status.CONFIRMED, first)
    assert "not awaiting approval" in response.content.decode()


def test_decline_frees_the_seat_for_the_waitlist(approval_event, alice):
    first = register(approval_event, "First")
    second = register(approval_event, "Second")
    assert second.status == Status.WAITLISTED
    response = login(alice).post(
        url(approval_event, f"/{first.pk}/decline/"), {"status": "awaiting_approval"}, follow=True
    )
    assert response.redirect_chain[-1][0] == url(approval_event, "/?status=awaiting_approval")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.DECLINED, Status.AWAITING_APPROVAL)
    assert "moved up from the waitlist: Second" in response.content.decode()


def test_a_confirmed_registration_cannot_be_declined_from_the_dashboard(seminar, alice):
    confirmed = register(seminar)
    login(alice).post(url(seminar, f"/{confirmed.pk}/decline/"))
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED


# ---- exports -------------------------------------------------------------------------------

HOSTILE = '=HYPERLINK("http://evil.example","click")'


def test_csv_has_a_bom_translated_headers_and_status_and_no_formulas(seminar, alice):
    register(seminar, HOSTILE, position="+55 51 1234", organization_name="@org")
    register(seminar, "José Ñandú", guest=True)
    response = login(alice).get(url(seminar, ".csv", language="es"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="seminar-registrations.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    with translation.override("es"):
        assert rows[0][0] == translation.gettext("Name")
        assert rows[0][9] == translation.gettext("Status")
        assert rows[1][9] == str(Status.CONFIRMED.label)
        assert rows[2][9] == str(Status.AWAITING_EMAIL.label)
    assert len(rows) == 3
    assert rows[1][0] == "'" + HOSTILE
    assert rows[1][2] == "'@org"
    assert rows[1][3] == "'+55 51 1234"
    assert rows[2][0] == "José Ñandú"


def test_xlsx_reads_back_with_every_registration_as_text(seminar, alice):
    register(seminar, HOSTILE, country="UY", needs_interpretation=True)
    cancelled = register(seminar, "Ana Cancelada")
    domain.cancel(registration=cancelled)
    response = login(alice).get(url(seminar, ".xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "E-mail address", "Organization")
    assert len(rows) == 3
    assert rows[1][0] == "'" + HOSTILE
    assert rows[1][4] == "Uruguay"
    assert rows[1][7] == "yes"
    assert rows[2][0] == "Ana Cancelada"
    assert rows[2][9] == "Cancelled"
    assert isinstance(rows[1][10], datetime.datetime)
    # No cell is a formula.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_csv_control_characters_do_not_break_the_xlsx(seminar, alice):
    register(seminar, "Bell\x07 Person")
    response = login(alice).get(url(seminar, ".xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Bell Person"


# ---- needs summary -------------------------------------------------------------------------


def test_needs_summary_counts_seat_holders_per_language(seminar, alice):
    register(seminar, "Ana", language="es", needs_interpretation=True)
    register(seminar, "Beto", language="es")
    register(seminar, "Carla", language="pt-br", needs_interpretation=True, attendance=ONLINE,
             accessibility_needs="Sign language (Libras)")  # fmt: skip
    register(seminar, "Dan", language="en", accessibility_needs="Wheelchair access")
    register(seminar, "Guest", language="en", guest=True, needs_interpretation=True,
             accessibility_needs="Not counted: no seat")  # fmt: skip
    summary = login(alice).get(url(seminar)).context["summary"]
    assert (summary.total, summary.in_person, summary.online) == (4, 3, 1)
    assert summary.interpretation == 2
    assert [(row.language, row.people, row.interpretation) for row in summary.languages] == [
        ("pt-br", 1, 1), ("es", 2, 1), ("en", 1, 0),
    ]  # fmt: skip
    assert summary.accessibility == [
        ("Carla", "Sign language (Libras)"), ("Dan", "Wheelchair access"),
    ]  # fmt: skip


def test_needs_summary_ignores_waitlist_and_cancelled():
    def registration(status, **fields):
        return Registration(status=status, name="X", language="es", **fields)

    summary = exports.needs_summary(
        registrations=[
            registration(Status.AWAITING_APPROVAL, needs_interpretation=True),
            registration(Status.WAITLISTED, needs_interpretation=True),
            registration(Status.CANCELLED, accessibility_needs="Ramp"),
            registration(Status.CONFIRMED, accessibility_needs="  "),
        ]
    )
    assert (summary.total, summary.interpretation, summary.accessibility) == (2, 1, [])
    assert [(row.language, row.people) for row in summary.languages] == [("es", 2)]


def test_the_dashboard_shows_the_needs(seminar, alice):
    register(seminar, "Carla", accessibility_needs="Sign language (Libras)")
    content = login(alice).get(url(seminar)).content.decode()
    assert "Sign language (Libras)" in content
    assert "Español" in content


# ---- check-in ------------------------------------------------------------------------------


def test_check_in_finds_confirmed_people_ignoring_case_and_accents(seminar, alice):
    register(seminar, "João Conceição")
    register(seminar, "Joana Guest", guest=True)
    register(seminar, "Maria Silva")
    client = login(alice)
    found = client.get(url(seminar, "/check-in/?q=JOAO")).context["found"]
    assert [r.name for r in found] == ["João Conceição"]
    found = client.get(url(seminar, "/check-in/?q=conceicao")).context["found"]
    assert [r.name for r in found] == ["João Conceição"]
    everyone = client.get(url(seminar, "/check-in/")).context["found"]
    assert [r.name for r in everyone] == ["João Conceição", "Maria Silva"]


@pytest.mark.parametrize("tail", ["/", "/check-in/"])
def test_row_anchors_keep_large_numbers_whole(seminar, alice, tail):
    """English pages group thousands ("12,345"); a row's id and link must not, or the
    desk's "#registration-12345" finds nothing once an event has had 1 000 registrations."""
    registration = register(seminar, "Ana Large")
    Registration.objects.filter(pk=registration.pk).update(id=12345)
    html = login(alice).get(url(seminar, tail)).content.decode()
    assert 'id="registration-12345"' in html


def test_mark_attended_twice_keeps_the_first_time_and_undo_clears_it(seminar, alice):
    person = register(seminar, "Maria Silva")
    client = login(alice)
    response = client.post(url(seminar, f"/{person.pk}/attended/"), {"attended": "1", "q": "mar"})
    assert response.status_code == 302
    assert response["Location"] == url(seminar, f"/check-in/?q=mar#registration-{person.pk}")
    person.refresh_from_db()
    first = person.checked_in_at
    assert first is not None
    client.post(url(seminar, f"/{person.pk}/attended/"), {"attended": "1"})
    person.refresh_from_db()
    assert person.checked_in_at == first
    page = client.get(url(seminar, "/check-in/")).content.decode()
    assert "Undo" in page
    client.post(url(seminar, f"/{person.pk}/attended/"), {"attended": "0"})
    person.refresh_from_db()
    assert person.checked_in_at is None


def test_only_confirmed_people_can_be_marked_attended(seminar, alice):
    guest = register(seminar, guest=True)
    response = login(alice).post(url(seminar, f"/{guest.pk}/attended/"), {"attended": "1"})
    assert response.status_code == 409
    assert "confirmed" in response.content.decode()
    guest.refresh_from_db()
    assert guest.checked_in_at is None


# ---- certificates --------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def attended(event: Event, name: str, **fields) -> Registration:
    registration = register(event, name, **fields)
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=event.starts_at)
    registration.refresh_from_db()
    return registration


def test_no_certificate_before_check_in(seminar, alice):
    person = register(seminar)
    assert login(alice).get(url(seminar, f"/{person.pk}/certificate.pdf")).status_code == 404


def test_certificate_in_the_attendees_language(seminar, alice):
    person = attended(seminar, "Ana Fernández", language="es", organization_name="Montevideo")
    response = login(alice).get(url(seminar, f"/{person.pk}/certificate.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Ana Fernández" in text
    assert "Seminario de ciudades" in text
    assert "Cities seminar" not in text
    assert "Canoas" in text  # the organizer
    with translation.override("es"):
        day = formats.date_format(seminar.starts_at.astimezone(seminar.zone).date(), "DATE_FORMAT")
    assert " ".join(day.split()) in " ".join(text.split())


def test_certificate_in_portuguese_for_a_portuguese_registrant(seminar):
    person = attended(seminar, "Bruno", language="pt-br")
    assert "Seminário de cidades" in pdf_text(exports.certificate_pdf(person))


@pytest.mark.skipif(exports.unicode_font_files() is None, reason="no DejaVu font installed")
def test_certificate_writes_names_beyond_latin1(seminar):
    person = attended(seminar, "Łódź Nguyễn", language="en")
    assert "Łódź Nguyễn" in pdf_text(exports.certificate_pdf(person))


def test_certificate_without_a_unicode_font_simplifies_the_letters(seminar, monkeypatch):
    monkeypatch.setattr(exports, "FONT_DIRS", [])
    person = attended(seminar, "Łódź Nguyễn São", language="en")
    # Latin-1 letters stay ("ó", "ã"); the others lose their marks or take a near letter.
    assert "Lódz Nguyen São" in pdf_text(exports.certificate_pdf(person))


# ---- message to the registrants ------------------------------------------------------------


def test_message_goes_to_seat_holders_each_in_their_language(approval_event, alice):
    approval_event.title_es = "Seminario"
    approval_event.contact_email = "eventos@canoas.example"
    approval_event.save()
    waiting = register(approval_event, "Ana", language="es")  # awaiting approval
    domain.approve(registration=waiting)
    register(approval_event, "Beto", language="en")  # waitlisted: not by default
    register(approval_event, "Guest", guest=True)
    mail.outbox.clear()  # the registrations' own e-mails
    client = login(alice)
    form = client.get(url(approval_event, "/message/")).context["form"]
    assert form["recipients"].initial == [Status.CONFIRMED, Status.AWAITING_APPROVAL]
    data = {"subject": "Programa & sala", "body": "La sala cambió."}
    response = client.post(
        url(approval_event, "/message/"),
        {**data, "recipients": ["confirmed", "awaiting_approval"]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url(approval_event, "/")
    assert "Sent to 1 person." in response.content.decode()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [waiting.email]
    assert sent.subject == "Programa & sala"
    assert sent.reply_to == ["eventos@canoas.example"]
    assert "La sala cambió." in sent.body
    assert "“Seminario”" in sent.body
    assert f"/es/events/{approval_event.slug}/" in sent.body


def test_each_registrant_reads_the_title_in_their_language(seminar, alice):
    spanish = register(seminar, "Ana", language="es")
    portuguese = register(seminar, "Bruno", language="pt-br")
    mail.outbox.clear()
    login(alice).post(
        url(seminar, "/message/"),
        {"subject": "Hello", "body": "Text", "recipients": ["confirmed"]},
    )
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "“Seminario de ciudades”" in bodies[spanish.email]
    assert "/es/events/seminar/" in bodies[spanish.email]
    assert "“Seminário de cidades”" in bodies[portuguese.email]
    assert "/pt-br/events/seminar/" in bodies[portuguese.email]


def test_message_to_the_waitlist_when_chosen(approval_event, alice):
    register(approval_event, "Ana")
    register(approval_event, "Beto")
    mail.outbox.clear()
    response = login(alice).post(
        url(approval_event, "/message/"),
        {"subject": "Hello", "body": "Text", "recipients": ["waitlisted"]},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[Registration.objects.get(name="Beto").email]]
    assert mail.outbox[0].reply_to == []


def test_an_empty_message_is_refused_with_errors(seminar, alice):
    register(seminar)
    mail.outbox.clear()
    response = login(alice).post(
        url(seminar, "/message/"), {"subject": " ", "body": "", "recipients": ["confirmed"]}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"subject", "body"}
    assert "Please correct the following" in response.content.decode()
    assert len(mail.outbox) == 0


def test_a_message_to_nobody_or_to_an_unknown_status_is_refused(seminar, alice):
    register(seminar)
    mail.outbox.clear()
    client = login(alice)
    data = {"subject": "Hello", "body": "Text"}
    response = client.post(url(seminar, "/message/"), {**data, "recipients": ["waitlisted"]})
    assert response.status_code == 400
    response = client.post(url(seminar, "/message/"), {**data, "recipients": ["cancelled"]})
    assert response.status_code == 400
    response = client.post(url(seminar, "/message/"), data)
    assert response.status_code == 400
    assert len(mail.outbox) == 0


def test_a_message_submitted_twice_is_sent_once(seminar, alice):
    register(seminar)
    mail.outbox.clear()
    client = login(alice)
    token = client.get(url(seminar, "/message/")).context["form"]["sending"].initial
    data = {"subject": "Hello", "body": "Text", "recipients": ["confirmed"], "sending": token}
    # A first try with an error does not use the form up.
    assert client.post(url(seminar, "/message/"), {**data, "body": ""}).status_code == 400
    assert client.post(url(seminar, "/message/"), data).status_code == 302
    again = client.post(url(seminar, "/message/"), data, follow=True)
    assert "This message was sent already." in again.content.decode()
    assert len(mail.outbox) == 1
