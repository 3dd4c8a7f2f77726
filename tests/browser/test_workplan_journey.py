"""A year of a thematic unit's work plan, in a real browser, with and without JavaScript: the
coordinating city's editor links an activity to its event and marks it done, a
sub-coordinating city proposes an update that the coordinator accepts, and the report PDF
downloads. axe-core at every step; nothing is loaded from another host."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from intercambio.events.models import Event
from intercambio.network.models import Organization
from intercambio.workplans.models import Activity, StatusProposal
from tests import factories
from tests.browser.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD, Session, gettext_in
from tests.browser.test_journeys import check_accessibility
from tests.browser.test_practice_journey import click_button

pytestmark = pytest.mark.browser

PLAN = "utpeam-2016"


def status_select(page):
    """The status field of the status or proposal form (its label ends with "(required)")."""
    return page.get_by_role("combobox", name=re.compile("^" + gettext_in("en", "Status")))


@pytest.fixture
def april_meeting(demo) -> Activity:
    """The demo plan's April virtual meeting, as if nobody had followed it up yet."""
    activity = Activity.objects.get(plan__slug=PLAN, planned_month__month=4)
    Activity.objects.filter(pk=activity.pk).update(
        event=None, status=Activity.Status.PLANNED, status_on=None, status_note=""
    )
    return activity


@pytest.fixture
def lo_prado_editor(demo):
    """An editor of Lo Prado, a sub-coordinating city of UTPEAM in 2016."""
    user = factories.UserFactory(email="editora@loprado.example", name="Camila Rojas")
    user.set_password(DEMO_PASSWORD)
    user.save()
    # Signing in needs a verified address, as for the demo accounts.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Organization.objects.get(slug="lo-prado").editors.add(user)
    return user


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_coordinator_follows_up_and_accepts_a_sub_coordinators_update(
    new_session, april_meeting, lo_prado_editor, javascript
):
    activity_url = f"/en/workplans/{PLAN}/activities/{april_meeting.pk}/"
    event = Event.objects.get(slug="utpeam-virtual-meeting-2016")

    # 1. The Canoas editor (coordination) links the activity to its event…
    coordinator: Session = new_session(javascript=javascript)
    coordinator.sign_in(DEMO_ACCOUNTS["editor"])
    page = coordinator.page
    coordinator.goto(f"{activity_url}edit/")
    check_accessibility(page, "activity form", javascript=javascript)
    page.get_by_label(gettext_in("en", "Event"), exact=True).select_option(str(event.pk))
    click_button(page, "en", "Save")
    # …and marks it done with a note.
    coordinator.goto(activity_url)
    status_select(page).select_option("done")
    page.get_by_label(gettext_in("en", "Status date")).fill("2016-04-19")
    page.get_by_label(gettext_in("en", "Note")).fill("Held online with the five sub-coordinations.")
    click_button(page, "en", "Save the status")
    expect(page.locator(".messages")).to_be_visible()
    april_meeting.refresh_from_db()
    assert (april_meeting.status, april_meeting.event_id) == (Activity.Status.DONE, event.pk)
    expect(page.get_by_role("link", name=str(event.title_en))).to_be_visible()
    check_accessibility(page, "activity done", javascript=javascript)

    # 2. Lo Prado (sub-coordination) proposes a note on its own meeting.
    july = Activity.objects.get(plan__slug=PLAN, planned_month__month=7)
    sub_coordinator: Session = new_session(javascript=javascript)
    sub_coordinator.sign_in(lo_prado_editor.email)
    other = sub_coordinator.page
    sub_coordinator.goto(f"/en/workplans/{PLAN}/activities/{july.pk}/")
    expect(other.get_by_role("button", name=gettext_in("en", "Save the status"))).to_have_count(0)
    status_select(other).select_option("done")
    other.get_by_label(gettext_in("en", "Note")).fill("Minutes published by Lo Prado.")
    click_button(other, "en", "Send the proposal")
    check_accessibility(other, "proposal sent", javascript=javascript)
    proposal = StatusProposal.objects.get(activity=july)
    assert proposal.state == StatusProposal.State.PENDING
    july.refresh_from_db()
    assert july.status_note != "Minutes published by Lo Prado."

    # 3. The coordinator sees it waiting on the plan page and accepts it.
    coordinator.goto(f"/en/workplans/{PLAN}/")
    expect(page.locator("a.pending")).to_have_count(1)
    check_accessibility(page, "plan page as coordinator", javascript=javascript)
    page.locator("a.pending").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Accept the proposal of Lo Prado").click()
    proposal.refresh_from_db()
    july.refresh_from_db()
    assert proposal.state == StatusProposal.State.ACCEPTED
    assert (july.status, july.status_note) == (
        Activity.Status.DONE,
        "Minutes published by Lo Prado.",
    )

    # 4. The report: every activity done now; the PDF downloads.
    coordinator.goto(f"/en/workplans/{PLAN}/report/")
    check_accessibility(page, "report", javascript=javascript)
    with page.expect_download() as download:
        page.get_by_role("link", name=gettext_in("en", "Download the report (PDF)")).click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename == f"{PLAN}-report-en.pdf"

    for session in (coordinator, sub_coordinator):
        assert session.foreign_requests() == []
        assert session.failed_resources == []
