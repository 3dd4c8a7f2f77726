"""A consultation from the participant's answers to the published outcome, in a real browser,
with and without JavaScript: the demo member (a confirmed participant) answers, a guest
answers through their link, the organizer reads the answers and publishes the outcome, a
visitor reads it. axe-core at every step; nothing is loaded from another host."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intercambio.accounts.models import User
from intercambio.consultations.models import Consultation, Question
from intercambio.events.models import Event, Registration
from tests.browser.conftest import DEMO_ACCOUNTS, Session, gettext_in
from tests.browser.test_journeys import check_accessibility
from tests.browser.test_practice_journey import click_button

pytestmark = pytest.mark.browser

DEMO_CONSULTATION = "people-centred-smart-cities-latin-america-2024"


def open_consultation() -> tuple[Consultation, Registration]:
    """An open consultation on an upcoming demo event; the demo member is confirmed for it,
    and so is a guest, whose registration is returned."""
    event = Event.objects.get(slug="people-centred-smart-cities-forum")
    consultation = Consultation.objects.create(
        slug="cities-action-plans", event=event, status=Consultation.Status.OPEN,
        original_language="es", title_es="Planes de acción de las ciudades",
        title_en="Cities' action plans", description_es="Preguntas para preparar el foro.",
    )  # fmt: skip
    for order, (spanish, english) in enumerate([
        ("¿Qué directriz aplica ya su ciudad?", "Which guideline does your city apply already?"),
        ("¿Qué le falta para aplicar las demás?", "What does it lack to apply the others?"),
    ], 1):  # fmt: skip
        Question.objects.create(consultation=consultation, order=order, original_language="es",
                                text_es=spanish, text_en=english)  # fmt: skip
    member = User.objects.get(email=DEMO_ACCOUNTS["member"])
    for user, name, email in ((member, member.name, member.email),
                              (None, "Invitada", "invitada@ciudad.example")):  # fmt: skip
        registration = Registration.objects.create(
            event=event, user=user, name=name, email=email, language="es",
            status=Registration.Status.CONFIRMED, consented_at=timezone.now(),
            organization_name="Montevideo",
        )  # fmt: skip
    return consultation, registration  # the guest's, created last


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_participants_answer_and_the_organizer_publishes_the_outcome(new_session, demo, javascript):
    consultation, guest = open_consultation()
    url = f"/en/consultations/{consultation.slug}/"

    # 1. The demo member, a confirmed participant, finds the form; an empty one is refused.
    member: Session = new_session(javascript=javascript)
    member.sign_in(DEMO_ACCOUNTS["member"])
    member.goto(url)
    page = member.page
    check_accessibility(page, "consultation with the answer form", javascript=javascript)
    click_button(page, "en", "Save my answers", expect_status=400)
    expect(page.get_by_role("alert")).to_contain_text(
        gettext_in("en", "Write an answer to at least one question.")
    )
    check_accessibility(page, "answer form with an error", javascript=javascript)

    # 2. The answers, typed into the text areas found by their labels, are saved.
    page.get_by_label("Which guideline does your city apply already?").fill("Open data.")
    page.get_by_label("What does it lack to apply the others?").fill("Trained staff.")
    click_button(page, "en", "Save my answers")
    expect(page.locator(".messages")).to_contain_text(
        gettext_in("en", "Thank you, your answers are saved.")
    )
    expect(page.get_by_label("What does it lack to apply the others?")).to_have_value(
        "Trained staff."
    )
    check_accessibility(page, "answers saved", javascript=javascript)

    # 3. A guest answers through the link of their registration, in Spanish.
    visitor: Session = new_session(javascript=javascript, locale="es-AR")
    visitor.goto(f"/es/consultations/{consultation.slug}/guest/{guest.token}/")
    visitor.page.get_by_label("¿Qué le falta para aplicar las demás?").fill("Financiamiento.")
    click_button(visitor.page, "es", "Save my answers")
    assert consultation.answers.count() == 3

    # 4. The organizer reads the answers and publishes the outcome.
    organizer: Session = new_session(javascript=javascript)
    organizer.sign_in(DEMO_ACCOUNTS["admin"])
    organizer.goto(f"/en/consultations/{consultation.slug}/answers/")
    expect(organizer.page.locator("main")).to_contain_text("Financiamiento.")
    check_accessibility(organizer.page, "answers page", javascript=javascript)
    organizer.goto(f"/en/consultations/{consultation.slug}/outcome/")
    check_accessibility(organizer.page, "outcome form", javascript=javascript)
    organizer.page.get_by_label(gettext_in("en", "Outcome summary")).fill(
        "Cities ask for **training**."
    )
    click_button(organizer.page, "en", "Save and publish")

    # 5. A visitor reads it on the consultation's page; the page explains who answers.
    visitor.goto(f"/es/consultations/{consultation.slug}/")
    expect(visitor.page.locator("#outcome-heading + p + .prose")).to_contain_text(
        "Cities ask for training."
    )
    check_accessibility(visitor.page, "published outcome, visitor", javascript=javascript)
    for session in (member, visitor, organizer):
        assert session.foreign_requests() == []
        assert session.failed_resources == []


@pytest.mark.parametrize("language", ["en", "pt-br"])
def test_demo_consultation_and_list_have_no_axe_violation(new_session, demo, language):
    session: Session = new_session()
    for path in (f"/{language}/consultations/", f"/{language}/consultations/{DEMO_CONSULTATION}/"):
        session.goto(path)
        check_accessibility(session.page, path, javascript=True)
    session.goto(f"/{language}/consultations/{DEMO_CONSULTATION}/guest/not-a-token/", status=404)
    check_accessibility(session.page, "bad guest link", javascript=True)
