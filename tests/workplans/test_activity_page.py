"""The activity page: what each persona sees and may do there, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intercambio.workplans import domain
from intercambio.workplans.models import Activity, StatusProposal
from tests import factories
from tests.conftest import login

Status = Activity.Status


def page_url(activity) -> str:
    return f"/en/workplans/{activity.plan.slug}/activities/{activity.pk}/"


@pytest.fixture
def outputs(activity):
    """A practice and a library document the activity produced, and its event."""
    practice = factories.PracticeFactory(slug="metropolitan-planning", status="published")
    resource = factories.ResourceFactory(slug="border-guide", status="published")
    event = factories.EventFactory(slug="utpeam-annual-meeting", title_en="UTPEAM annual meeting")
    activity.practices.add(practice)
    activity.resources.add(resource)
    activity.event = event
    activity.save()
    return practice, resource, event


def test_a_visitor_sees_the_activity_and_its_outputs(client, activity, outputs):
    practice, resource, event = outputs
    response = client.get(page_url(activity))
    assert response.status_code == 200
    html = response.content.decode()
    assert "First annual meeting and technical mission" in html
    assert "/en/events/utpeam-annual-meeting/" in html
    assert practice.get_absolute_url() in html
    assert resource.get_absolute_url() in html
    assert "Peripheral cities" in html
    assert "Canoas" in html
    # No follow-up for visitors.
    assert "Update the status" not in html
    assert "Propose an update" not in html
    assert "Proposed updates" not in html


def test_the_coordinator_sees_the_status_form_the_edit_link_and_create_event(activity, alice):
    html = login(alice).get(page_url(activity)).content.decode()
    assert "Update the status" in html
    assert f"/en/workplans/utpeam-2016/activities/{activity.pk}/edit/" in html
    assert "Create the event" in html
    assert "Propose an update" not in html


def test_no_create_event_button_once_an_event_is_linked_or_for_a_publication(
    activity, alice, outputs
):
    assert "Create the event" not in login(alice).get(page_url(activity)).content.decode()
    publication = factories.ActivityFactory(plan=activity.plan, kind=Activity.Kind.PUBLICATION)
    assert "Create the event" not in login(alice).get(page_url(publication)).content.decode()


def test_the_sub_coordinator_sees_the_proposal_form_and_her_city_proposals(
    activity, sofia, lo_prado
):
    domain.propose_status(
        activity=activity, organization=lo_prado, status=Status.DONE, status_on=None,
        note="Held in Canoas.", by=sofia,
    )  # fmt: skip
    html = login(sofia).get(page_url(activity)).content.decode()
    assert "Propose an update" in html
    assert "On behalf of Lo Prado" in html
    assert "Your city&#x27;s proposals" in html or "Your city's proposals" in html
    assert "Awaiting a decision" in html
    assert "Update the status" not in html
    assert "/accept/" not in html


def test_the_coordinator_sees_pending_proposals_with_accept_and_decline(
    activity, alice, sofia, lo_prado
):
    proposal = domain.propose_status(
        activity=activity, organization=lo_prado, status=Status.DONE, status_on=None,
        note="Held in Canoas.", by=sofia,
    )  # fmt: skip
    html = login(alice).get(page_url(activity)).content.decode()
    assert f"/en/workplans/utpeam-2016/proposals/{proposal.pk}/accept/" in html
    assert f"/en/workplans/utpeam-2016/proposals/{proposal.pk}/decline/" in html
    assert "1 proposal awaits your decision." in html


def test_a_sub_coordinator_of_two_cities_chooses_one(activity, sofia, lo_prado, body, network):
    other = factories.OrganizationFactory(slug="montevideo", name="Montevideo")
    factories.BodyRoleFactory(body=body, organization=other, role="sub_coordination")
    other.editors.add(sofia)
    response = login(sofia).get(page_url(activity))
    field = response.context["proposal_form"]["organization"]
    assert field.widget_type == "select"
    assert [choice[1] for choice in field.field.choices] == ["Lo Prado", "Montevideo"]


def test_a_draft_plan_activity_is_hidden(activity, charlie, bob, client):
    activity.plan.status = "draft"
    activity.plan.save()
    for c in (client, login(charlie), login(bob)):
        assert c.get(page_url(activity)).status_code == 404


def test_an_activity_of_another_plan_is_404(activity, client):
    other = factories.ActivityFactory()
    assert client.get(f"/en/workplans/utpeam-2016/activities/{other.pk}/").status_code == 404


def test_hostile_text_is_shown_escaped(activity, alice):
    hostile = '<script>alert("x")</script>'
    domain.set_status(activity=activity, status=Status.DONE, status_on=None, note=hostile, by=alice)
    html = login(alice).get(page_url(activity)).content.decode()
    assert hostile not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("persona", ["alice", "sofia", "bob"])
def test_the_activity_page_reads_a_fixed_number_of_queries(request, activity, persona, lo_prado):
    user = request.getfixturevalue(persona)
    client = login(user)
    plan = activity.plan

    def add_outputs(n):
        for _ in range(n):
            activity.practices.add(factories.PracticeFactory())
            activity.resources.add(factories.ResourceFactory())
            activity.responsible.add(factories.OrganizationFactory())
            city = factories.OrganizationFactory()
            factories.BodyRoleFactory(body=plan.body, organization=city, role="sub_coordination")
            StatusProposal.objects.create(
                activity=activity, organization=city, status=Status.DONE,
                status_on=datetime.date(2016, 6, 1),
            )  # fmt: skip

    add_outputs(1)
    few = _queries(client, page_url(activity))
    add_outputs(3)
    assert _queries(client, page_url(activity)) == few
