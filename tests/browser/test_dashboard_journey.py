"""An organizer's day at an event, in a real browser and without JavaScript: the dashboard,
approving a registration, checking someone in at the desk, a message with a mistake."""

import pytest
from playwright.sync_api import expect

from intercambio.events import domain
from intercambio.events.domain import Details
from intercambio.events.models import Registration
from intercambio.network.models import Organization
from tests import factories
from tests.browser.conftest import DEMO_ACCOUNTS, Session, gettext_in
from tests.browser.test_journeys import check_accessibility

pytestmark = pytest.mark.browser


@pytest.fixture
def canoas_event(demo):
    """An event organized by Canoas (the demo editor's city), needing approval, with three
    registrations in three languages."""
    event = factories.EventFactory(
        slug="canoas-dashboard-journey", organizer=Organization.objects.get(slug="canoas"),
        registration_enabled=True, requires_approval=True, capacity_in_person=30,
        floor_languages="|pt-br|", interpretation_languages="|es|en|",
    )  # fmt: skip
    people = [
        ("João Conceição", "pt-br", False, ""),
        ("Ana Fernández", "es", True, "Rampa de acceso"),
        ("Dan Smith", "en", True, ""),
    ]
    for n, (name, language, interpretation, needs) in enumerate(people):
        domain.register(
            event=event,
            details=Details(
                name=name, email=f"journey{n}@city.example", language=language,
                needs_interpretation=interpretation, accessibility_needs=needs,
            ),
            user=factories.UserFactory(email=f"journey{n}@city.example"),
        )  # fmt: skip
    return event


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_organizer_approves_checks_in_and_writes(new_session, canoas_event, javascript):
    session: Session = new_session(javascript=javascript)
    page = session.page
    session.sign_in(DEMO_ACCOUNTS["editor"])
    base = f"/en/events/{canoas_event.slug}/registrations/"

    # The dashboard: everyone awaits approval; the needs summary is there.
    session.goto(base)
    expect(page.locator("h1")).to_contain_text(gettext_in("en", "Registrations"))
    expect(page.get_by_text("Rampa de acceso")).to_have_count(1)
    check_accessibility(page, "dashboard", javascript=javascript)

    # Approve João.
    with page.expect_navigation():
        page.get_by_role("button", name="Approve João Conceição").click()
    expect(page.locator(".messages")).to_contain_text("João Conceição")
    joao = Registration.objects.get(event=canoas_event, name="João Conceição")
    assert joao.status == Registration.Status.CONFIRMED

    # The check-in desk: find him without the accents, mark him attended, undo.
    session.goto(f"{base}check-in/")
    page.get_by_label(gettext_in("en", "Name or e-mail address")).fill("joao")
    with page.expect_navigation():
        page.get_by_role("button", name=gettext_in("en", "Find")).click()
    row = page.locator(f"#registration-{joao.pk}")
    expect(row).to_have_count(1)
    with page.expect_navigation():
        row.get_by_role("button", name="Mark attended (João Conceição)").click()
    expect(page.locator(f"#registration-{joao.pk}").get_by_role("button")).to_have_text(
        "Undo (João Conceição)"
    )
    joao.refresh_from_db()
    assert joao.checked_in_at is not None
    check_accessibility(page, "check-in", javascript=javascript)

    # A message without a subject: errors, nothing sent.
    session.goto(f"{base}message/")
    page.get_by_label(gettext_in("en", "Message")).fill("See you tomorrow.")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=gettext_in("en", "Send")).click()
    assert navigation.value.status == 400
    expect(page.get_by_role("alert")).to_have_count(1)
    check_accessibility(page, "message with errors", javascript=javascript)

    assert session.foreign_requests() == []
    assert session.failed_resources == []
