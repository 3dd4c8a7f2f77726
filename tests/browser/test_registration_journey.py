"""Registering for an event in a real browser, with and without JavaScript.

A guest registers for the last seat of the Canoas workshop, finds the confirmation e-mail in
the mail folder (as `make run` writes it), opens its link and is confirmed; a member clicks
"register" and waits, first on the list; the guest cancels through the e-mail's link, and the
member is promoted and e-mailed in her language; the organizer downloads the CSV and reads the
interpretation summary. axe-core checks every page on the way.
"""

import csv
import email
import io
import re
from email import policy
from pathlib import Path

import pytest
from playwright.sync_api import expect

from intercambio.events.models import Event, Registration
from tests.browser.conftest import DEMO_ACCOUNTS, Session, gettext_in
from tests.browser.test_journeys import check_accessibility
from tests.browser.test_practice_journey import click_button

pytestmark = pytest.mark.browser

WORKSHOP = "oficina-protecao-dados-municipios"
GUEST = "ana.souza@esteio.example"
MEMBER = DEMO_ACCOUNTS["member"]  # Sofía Benítez, who reads in Spanish


@pytest.fixture
def mail_folder(settings, tmp_path) -> Path:
    """E-mails written to files, as `make run` does (EMAIL_URL file:///…)."""
    folder = tmp_path / "mail"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    return folder


def mails_to(folder: Path, address: str) -> list[email.message.EmailMessage]:
    """The messages of the mail folder sent to `address`, oldest first."""
    found = []
    for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                message = email.message_from_bytes(raw.lstrip(), policy=policy.default)
                if message["To"] == address:
                    found.append(message)
    return found


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, ending: str) -> str:
    found = re.search(r"https?://\S+?(/[a-z-]+/events/registrations/[0-9a-f-]+/" + ending + ")",
                      body_of(message))  # fmt: skip
    assert found, body_of(message)
    return found.group(1)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_register_confirm_cancel_promote_and_export(new_session, demo, mail_folder, javascript):
    workshop = Event.objects.get(slug=WORKSHOP)
    in_person = workshop.registrations.filter(attendance="in_person", status="confirmed")
    # One seat left in the room.
    Event.objects.filter(pk=workshop.pk).update(capacity_in_person=in_person.count() + 1)

    # 1. A guest, reading in Portuguese, registers from the event page.
    guest: Session = new_session(javascript=javascript, locale="pt-BR")
    page = guest.page
    guest.goto(f"/pt-br/events/{WORKSHOP}/")
    expect(page.locator(".registration-box")).to_contain_text(gettext_in("pt-br", "Registration"))
    with page.expect_navigation():
        page.locator(".registration-box a.button").click()
    check_accessibility(page, "registration form", javascript=javascript)
    page.locator("#id_name").fill("Ana Souza")
    page.locator("#id_email").fill(GUEST)
    page.locator("#id_organization").fill("Prefeitura de Esteio")
    page.locator("#id_country").select_option("BR")
    page.locator("#id_language").select_option("pt-br")
    page.locator("#id_attendance_0").check()  # in person
    # Submitting without consent keeps what was typed and says why.
    click_button(page, "pt-br", "Register", expect_status=400)
    expect(page.locator(".error-summary")).to_contain_text(
        gettext_in("pt-br", "Registration needs your consent to the processing of your data.")
    )
    check_accessibility(page, "registration form with errors", javascript=javascript)
    expect(page.locator("#id_name")).to_have_value("Ana Souza")
    page.locator("#id_consent").check()
    click_button(page, "pt-br", "Register")
    expect(page.locator("h1")).to_have_text(gettext_in("pt-br", "Check your e-mail"))
    check_accessibility(page, "check your e-mail", javascript=javascript)

    # 2. The e-mail is in the mail folder; its link confirms the address and takes the seat.
    (confirm_mail,) = mails_to(mail_folder, GUEST)
    guest.goto(link_in(confirm_mail, "confirm/"))
    expect(page.locator(".status")).to_have_text(gettext_in("pt-br", "Confirmed"))
    check_accessibility(page, "confirmed registration", javascript=javascript)
    confirmed_mail = mails_to(mail_folder, GUEST)[-1]
    assert [part.get_filename() for part in confirmed_mail.iter_attachments()] == [
        f"{WORKSHOP}.ics"
    ]

    # 3. The member registers in one click: the workshop is full, she is first on the list.
    member: Session = new_session(javascript=javascript, locale="es-AR")
    member.sign_in(MEMBER, language="es")
    member.goto(f"/es/events/{WORKSHOP}/register/")
    check_accessibility(member.page, "one-click registration", javascript=javascript)
    click_button(member.page, "es", "Register")
    expect(member.page.locator(".status")).to_have_text(gettext_in("es", "On the waitlist"))
    mine = Registration.objects.get(event=workshop, email=MEMBER)
    assert mine.status == Registration.Status.WAITLISTED

    # 4. The guest cancels through the link of her e-mail.
    guest.goto(link_in(confirmed_mail, ""))
    click_button(page, "pt-br", "Cancel my registration")
    expect(page.locator(".status")).to_have_text(gettext_in("pt-br", "Cancelled"))

    # 5. The member has the seat, and an e-mail in Spanish with the calendar says so.
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CONFIRMED
    promoted = mails_to(mail_folder, MEMBER)[-1]
    assert " ".join(promoted["Subject"].split()) == gettext_in(
        "es", "A seat is yours: %(title)s"
    ) % {"title": "Taller: protección de datos personales en los municipios"}
    member.goto("/es/events/mine/")
    expect(member.page.locator("table.list")).to_contain_text(gettext_in("es", "Confirmed"))
    check_accessibility(member.page, "my registrations", javascript=javascript)

    # 6. The organizer reads the interpretation summary and downloads the CSV.
    organizer: Session = new_session(javascript=javascript)
    organizer.sign_in(DEMO_ACCOUNTS["editor"])
    organizer.goto(f"/en/events/{WORKSHOP}/registrations/")
    check_accessibility(organizer.page, "organizers' dashboard", javascript=javascript)
    summary = organizer.page.locator("section[aria-labelledby=needs-heading]")
    # The demo's four, less none, plus the member: five seats; two Spanish speakers of the
    # demo need interpretation; Marina Alves asked for an accessible seat.
    expect(summary.locator("tfoot td")).to_have_text(["5", "2"])
    expect(summary).to_contain_text("Marina Alves")
    with organizer.page.expect_download() as download:
        organizer.page.get_by_role("link", name="Download the list (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    by_email = {row["E-mail address"]: row for row in rows}
    assert by_email[GUEST]["Status"] == "Cancelled"
    assert by_email[MEMBER]["Status"] == "Confirmed"
