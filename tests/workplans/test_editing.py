"""The editing pages and actions of work plans: who may do what (per persona), bad input
(4xx with a message, nothing lost) and the follow-up flows."""

import datetime

import pytest

from intercambio.common.models import AuditEntry
from intercambio.events.models import Event
from intercambio.workplans import domain
from intercambio.workplans.models import Activity, Axis, Objective, StatusProposal, WorkPlan
from tests import factories
from tests.conftest import login

Status = Activity.Status
PERSONAS = ["alice", "sofia", "charlie", "bob", "secretariat", "staff"]
EDITORS = {"alice", "secretariat", "staff"}


def base(plan) -> str:
    return f"/en/workplans/{plan.slug}/"


def activity_url(activity, tail: str = "") -> str:
    return f"{base(activity.plan)}activities/{activity.pk}/{tail}"


@pytest.fixture
def everyone(request, sofia):
    return {persona: request.getfixturevalue(persona) for persona in PERSONAS}


@pytest.fixture
def proposal(activity, lo_prado, sofia):
    return domain.propose_status(
        activity=activity, organization=lo_prado, status=Status.DONE,
        status_on=datetime.date(2016, 6, 20), note="Held with 40 people.", by=sofia,
    )  # fmt: skip


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["edit/", "structure/", "activities/new/", "activity-edit"])
def test_who_opens_the_edit_pages(everyone, plan, activity, persona, page):
    url = activity_url(activity, "edit/") if page == "activity-edit" else base(plan) + page
    expected = 200 if persona in EDITORS else 403
    assert login(everyone[persona]).get(url).status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_starts_a_plan(everyone, plan, persona):
    # alice's city coordinates the body; sofia's only sub-coordinates it.
    expected = 200 if persona in EDITORS else 403
    assert login(everyone[persona]).get("/en/workplans/new/").status_code == expected


@pytest.mark.parametrize(
    "url",
    [
        "/en/workplans/new/",
        "/en/workplans/utpeam-2016/edit/",
        "/en/workplans/utpeam-2016/structure/",
        "/en/workplans/utpeam-2016/activities/new/",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, plan, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_anonymous_posts_are_sent_to_sign_in_and_change_nothing(client, activity, proposal):
    for url in [
        activity_url(activity, "status/"),
        activity_url(activity, "propose/"),
        activity_url(activity, "create-event/"),
        f"{base(activity.plan)}proposals/{proposal.pk}/accept/",
        f"{base(activity.plan)}proposals/{proposal.pk}/decline/",
    ]:
        assert client.post(url, {"status-status": "done"}).status_code == 302, url
    activity.refresh_from_db()
    proposal.refresh_from_db()
    assert (activity.status, activity.event_id, proposal.state) == (Status.PLANNED, None, "pending")


def test_the_actions_are_post_only(activity, alice, proposal):
    client = login(alice)
    for url in [
        activity_url(activity, "status/"),
        activity_url(activity, "create-event/"),
        f"{base(activity.plan)}proposals/{proposal.pk}/accept/",
    ]:
        assert client.get(url).status_code == 405


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_updates_the_status(everyone, activity, persona):
    response = login(everyone[persona]).post(
        activity_url(activity, "status/"), {"status-status": "done", "status-note": "Held."}
    )
    activity.refresh_from_db()
    if persona in EDITORS:
        assert response.status_code == 302
        assert activity.status == Status.DONE
    else:
        assert response.status_code == 403
        assert activity.status == Status.PLANNED


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_proposes_an_update(everyone, activity, lo_prado, persona):
    response = login(everyone[persona]).post(
        activity_url(activity, "propose/"),
        {"proposal-organization": lo_prado.pk, "proposal-status": "done"},
    )
    assert response.status_code == (302 if persona == "sofia" else 403)
    assert StatusProposal.objects.count() == (1 if persona == "sofia" else 0)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_who_decides_a_proposal(everyone, activity, proposal, persona, action):
    response = login(everyone[persona]).post(
        f"{base(activity.plan)}proposals/{proposal.pk}/{action}/"
    )
    proposal.refresh_from_db()
    if persona in EDITORS:
        assert response.status_code == 302
        assert proposal.state == ("accepted" if action == "accept" else "declined")
    else:
        assert response.status_code == 403
        assert proposal.state == "pending"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_creates_the_event(everyone, activity, persona):
    response = login(everyone[persona]).post(activity_url(activity, "create-event/"))
    assert response.status_code == (302 if persona in EDITORS else 403)
    assert Event.objects.count() == (1 if persona in EDITORS else 0)


def test_a_hidden_draft_is_404_even_for_its_actions(plan, activity, charlie, bob):
    plan.status = WorkPlan.Status.DRAFT
    plan.save()
    for user in (charlie, bob):
        client = login(user)
        assert client.get(base(plan) + "edit/").status_code == 404
        assert (
            client.post(activity_url(activity, "status/"), {"status-status": "done"}).status_code
            == 404
        )


def test_a_proposal_of_another_plan_is_404(activity, alice, proposal, organization):
    other = factories.WorkPlanFactory(
        body=activity.plan.body, slug="utpeam-2017", presented_by_organization=organization
    )
    assert alice.has_perm("workplans.change_plan", other)
    response = login(alice).post(f"/en/workplans/{other.slug}/proposals/{proposal.pk}/accept/")
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == "pending"


# --- flows --------------------------------------------------------------------------------------


def test_alice_marks_an_activity_done_with_a_note(activity, alice):
    client = login(alice)
    response = client.post(
        activity_url(activity, "status/"),
        {"status-status": "done", "status-status_on": "2016-06-16", "status-note": "40 people."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == activity_url(activity)
    assert "The status is now: Done." in response.content.decode()
    activity.refresh_from_db()
    assert (activity.status, activity.status_on, activity.status_note) == (
        Status.DONE, datetime.date(2016, 6, 16), "40 people.",
    )  # fmt: skip


def test_sofia_proposes_done_and_alice_accepts(activity, alice, sofia, lo_prado):
    response = login(sofia).post(
        activity_url(activity, "propose/"),
        {"proposal-organization": lo_prado.pk, "proposal-status": "done",
         "proposal-status_on": "2016-06-16", "proposal-note": "Held in Canoas."},
        follow=True,
    )  # fmt: skip
    assert "Your proposal was sent." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED
    proposal = StatusProposal.objects.get()
    assert (proposal.organization, proposal.proposed_by) == (lo_prado, sofia)

    response = login(alice).post(
        f"{base(activity.plan)}proposals/{proposal.pk}/accept/", follow=True
    )
    assert "was accepted" in response.content.decode()
    activity.refresh_from_db()
    assert (activity.status, activity.status_on, activity.status_note) == (
        Status.DONE, datetime.date(2016, 6, 16), "Held in Canoas.",
    )  # fmt: skip


def test_a_declined_proposal_leaves_the_activity(activity, alice, proposal):
    login(alice).post(f"{base(activity.plan)}proposals/{proposal.pk}/decline/")
    activity.refresh_from_db()
    proposal.refresh_from_db()
    assert (activity.status, proposal.state) == (Status.PLANNED, "declined")


def test_creating_the_event_twice_makes_one(activity, alice):
    client = login(alice)
    first = client.post(activity_url(activity, "create-event/"))
    second = client.post(activity_url(activity, "create-event/"))
    event = Event.objects.get()
    assert first["Location"] == second["Location"] == f"/en/events/{event.slug}/"
    assert event.status == Event.Status.DRAFT
    activity.refresh_from_db()
    assert activity.event == event
    page = client.get(first["Location"])
    assert page.status_code == 200
    assert "complete its details and publish it" in page.content.decode()


def test_no_event_for_a_publication(plan, alice):
    publication = factories.ActivityFactory(plan=plan, kind=Activity.Kind.PUBLICATION)
    response = login(alice).post(activity_url(publication, "create-event/"))
    assert response.status_code == 409
    assert "No event is made" in response.content.decode()
    assert Event.objects.count() == 0


# --- bad input ------------------------------------------------------------------------------


def test_a_second_proposal_while_one_waits_is_409(activity, sofia, lo_prado, proposal):
    response = login(sofia).post(
        activity_url(activity, "propose/"),
        {"proposal-organization": lo_prado.pk, "proposal-status": "cancelled"},
    )
    assert response.status_code == 409
    assert "already has a proposal waiting" in response.content.decode()
    assert StatusProposal.objects.count() == 1


def test_deciding_twice_is_409(activity, alice, proposal):
    client = login(alice)
    assert client.post(f"{base(activity.plan)}proposals/{proposal.pk}/accept/").status_code == 302
    response = client.post(f"{base(activity.plan)}proposals/{proposal.pk}/decline/")
    assert response.status_code == 409
    assert "already accepted" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == "accepted"


def test_a_too_long_note_is_400_and_changes_nothing(activity, alice):
    response = login(alice).post(
        activity_url(activity, "status/"), {"status-status": "done", "status-note": "x" * 2001}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    assert 'aria-describedby="id_status-note_helptext id_status-note_error"' in html
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED


def test_a_too_long_proposal_note_is_400(activity, sofia, lo_prado):
    response = login(sofia).post(
        activity_url(activity, "propose/"),
        {"proposal-organization": lo_prado.pk, "proposal-status": "done",
         "proposal-note": "x" * 2001},
    )  # fmt: skip
    assert response.status_code == 400
    assert StatusProposal.objects.count() == 0


def test_an_unknown_status_is_400(activity, alice):
    response = login(alice).post(activity_url(activity, "status/"), {"status-status": "finished"})
    assert response.status_code == 400


def test_a_proposal_for_a_city_sofia_does_not_edit_is_400(activity, sofia, organization):
    response = login(sofia).post(
        activity_url(activity, "propose/"),
        {"proposal-organization": organization.pk, "proposal-status": "done"},
    )
    assert response.status_code == 400
    assert StatusProposal.objects.count() == 0


def activity_data(**overrides) -> dict:
    data = {
        "title": "Seminar on metropolitan borders",
        "description": "Two days in Montevideo.",
        "kind": "seminar",
        "planned_month": "2016-09",
        "planned_on": "",
        "planned_until": "",
        "city": "Montevideo",
        "country": "UY",
        "status": "planned",
        "status_on": "",
        "status_note": "",
        "event": "",
        "practice_links": "",
        "resource_links": "",
    }
    return {**data, **overrides}


def test_alice_adds_an_activity(plan, alice, organization):
    axis = plan.axes.first()
    practice = factories.PracticeFactory(slug="border-practice")
    resource = factories.ResourceFactory(slug="border-guide")
    response = login(alice).post(
        base(plan) + "activities/new/",
        activity_data(
            responsible=[organization.pk], axes=[axis.pk],
            practice_links=f"https://intercambio.example/es/practices/{practice.slug}/\n",
            resource_links=f"/pt-br/library/{resource.slug}/\n{resource.slug}",
        ),
    )  # fmt: skip
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert response["Location"] == activity_url(activity)
    assert activity.title_en == "Seminar on metropolitan borders"
    assert activity.planned_month == datetime.date(2016, 9, 1)
    assert list(activity.responsible.all()) == [organization]
    assert list(activity.axes.all()) == [axis]
    assert list(activity.practices.all()) == [practice]
    assert list(activity.resources.all()) == [resource]


def test_the_month_typed_as_text_without_a_month_picker(plan, alice):
    response = login(alice).post(
        base(plan) + "activities/new/", activity_data(planned_month="2016-06")
    )
    assert response.status_code == 302
    assert Activity.objects.get().planned_month == datetime.date(2016, 6, 1)


def test_editing_an_activity_in_spanish_writes_the_spanish_columns(activity, alice):
    response = login(alice).post(
        f"/es/workplans/utpeam-2016/activities/{activity.pk}/edit/",
        activity_data(title="Primera reunión anual", planned_month="2016-06", kind="meeting"),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title_es == "Primera reunión anual"
    assert activity.title_en == "First annual meeting and technical mission"
    assert AuditEntry.objects.filter(object_id=str(activity.pk)).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("planned_month", "2017-02"), ("planned_on", "2015-12-31")],
)
def test_an_activity_outside_the_period_is_400_and_nothing_changes(activity, alice, field, value):
    response = login(alice).post(
        activity_url(activity, "edit/"), activity_data(**{field: value, "title": "Changed"})
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert "outside the plan" in str(form.errors[field])
    activity.refresh_from_db()
    assert (activity.title_en, activity.planned_month) == (
        "First annual meeting and technical mission", datetime.date(2016, 6, 1),
    )  # fmt: skip


@pytest.mark.parametrize("value", ["2016-13", "junho", "2016-06-31", "٢٠١٦-٠٦"])
def test_a_malformed_month_is_400_and_nothing_changes(activity, alice, value):
    response = login(alice).post(
        activity_url(activity, "edit/"), activity_data(planned_month=value, title="Changed")
    )
    assert response.status_code == 400
    assert "planned_month" in response.context["form"].errors
    activity.refresh_from_db()
    assert activity.title_en == "First annual meeting and technical mission"


def test_an_unknown_practice_link_names_the_line(activity, alice):
    response = login(alice).post(
        activity_url(activity, "edit/"),
        activity_data(practice_links="/en/practices/no-such-practice/"),
    )
    assert response.status_code == 400
    assert "/en/practices/no-such-practice/" in str(
        response.context["form"].errors["practice_links"]
    )
    assert activity.practices.count() == 0


def test_hostile_strings_are_stored_as_typed_and_shown_escaped(activity, alice):
    hostile = '<img src=x onerror="alert(1)">'
    client = login(alice)
    response = client.post(
        activity_url(activity, "edit/"), activity_data(title=hostile, city=hostile[:100])
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title_en == hostile
    html = client.get(activity_url(activity)).content.decode()
    assert hostile not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


# --- the plan ---------------------------------------------------------------------------------


def plan_data(for_body, **overrides) -> dict:
    data = {
        "body": for_body.pk,
        "original_language": "es",
        "title": "Plan de trabajo 2017",
        "introduction": "",
        "year": "",
        "starts_on": "2017-01-01",
        "ends_on": "2017-12-31",
        "status": "draft",
        "presented_by_organization": "",
        "presented_by_person": "",
        "presented_on": "",
        "presented_at": "",
        "source_link": "",
    }
    return {**data, **overrides}


def test_alice_starts_a_plan_from_a_year(body, plan, alice, organization):
    person = factories.PersonFactory(organization=organization, name="Busatto")
    resource = factories.ResourceFactory(slug="plan-utpeam-2017")
    response = login(alice).post(
        "/en/workplans/new/",
        plan_data(
            body, year="2017", starts_on="", ends_on="",
            presented_by_organization=organization.pk, presented_by_person=person.pk,
            source_link=f"https://intercambio.example/es/library/{resource.slug}/",
        ),
    )  # fmt: skip
    assert response.status_code == 302
    created = WorkPlan.objects.get(slug="plan-de-trabajo-2017")
    assert (created.starts_on, created.ends_on) == (
        datetime.date(2017, 1, 1),
        datetime.date(2017, 12, 31),
    )
    assert (created.title_es, created.title_en or "", created.original_language) == (
        "Plan de trabajo 2017", "", "es",
    )  # fmt: skip
    assert (created.presented_by_person, created.source_document) == (person, resource)


def test_a_plan_without_a_body_is_400(body, alice, plan):
    response = login(alice).post("/en/workplans/new/", plan_data(body, body=""))
    assert response.status_code == 400
    assert "Choose the body whose plan this is." in response.content.decode()
    assert WorkPlan.objects.count() == 1


def test_a_period_ending_before_its_start_is_400(body, alice, plan):
    response = login(alice).post(
        "/en/workplans/new/", plan_data(body, starts_on="2017-12-31", ends_on="2017-01-01")
    )
    assert response.status_code == 400
    assert "ends_on" in response.context["form"].errors
    assert WorkPlan.objects.count() == 1


def test_a_plan_its_author_could_not_edit_once_saved_is_refused(body, alice, plan):
    """Canoas coordinates UTPEAM in 2016 only: a 2018 plan not presented by Canoas would be
    out of alice's reach (a 404) the moment it was saved."""
    response = login(alice).post("/en/workplans/new/", plan_data(body, year="2018"))
    assert response.status_code == 400
    assert "Your city does not coordinate this body during this period" in (
        response.content.decode()
    )
    assert WorkPlan.objects.count() == 1
    # Presented by Canoas, the plan stays hers to edit.
    response = login(alice).post(
        "/en/workplans/new/",
        plan_data(body, year="2018", presented_by_organization=plan.presented_by_organization.pk),
    )
    assert response.status_code == 302


def test_moving_a_plan_out_of_its_authors_term_is_refused_in_their_language(plan, alice):
    plan.presented_by_organization = None
    plan.save()
    response = login(alice).post(
        "/es/workplans/utpeam-2016/edit/",
        {"title": "Plan 2019", "starts_on": "2019-01-01", "ends_on": "2019-12-31",
         "status": "approved"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Su ciudad no coordina este órgano en este período" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.starts_on, plan.title_es or "") == (datetime.date(2016, 1, 1), "")


def test_the_secretariat_may_file_a_plan_for_any_period(body, secretariat, plan):
    response = login(secretariat).post("/en/workplans/new/", plan_data(body, year="2030"))
    assert response.status_code == 302


def test_a_body_the_person_may_not_use_is_a_form_error(alice, plan):
    other = factories.BodyFactory()
    response = login(alice).post("/en/workplans/new/", plan_data(other))
    assert response.status_code == 400
    assert "body" in response.context["form"].errors


def test_an_unknown_source_document_is_400(body, alice, plan):
    response = login(alice).post(
        "/en/workplans/new/", plan_data(body, source_link="/en/library/nothing-here/")
    )
    assert response.status_code == 400
    assert "source_link" in response.context["form"].errors


def test_editing_the_plan_in_portuguese_keeps_the_english_title(plan, alice):
    response = login(alice).post(
        "/pt-br/workplans/utpeam-2016/edit/",
        {"title": "Plano de trabalho 2016", "starts_on": "2016-01-01", "ends_on": "2016-12-31",
         "status": "approved"},
    )  # fmt: skip
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title_pt_br, plan.title_en) == ("Plano de trabalho 2016", "UTPEAM work plan 2016")


def test_editing_the_plan_with_a_bad_period_changes_nothing(plan, alice):
    response = login(alice).post(
        "/en/workplans/utpeam-2016/edit/",
        {
            "title": "Changed",
            "starts_on": "2016-12-31",
            "ends_on": "2016-01-01",
            "status": "approved",
        },
    )
    assert response.status_code == 400
    plan.refresh_from_db()
    assert (plan.title_en, plan.starts_on) == ("UTPEAM work plan 2016", datetime.date(2016, 1, 1))


# --- objectives and axes ----------------------------------------------------------------------


def structure_data(plan, objectives: list[tuple], axes: list[tuple]) -> dict:
    """Rows of (pk or "", text, delete?) → formset data."""
    data = {}
    for prefix, rows, text_names in (
        ("objectives", objectives, ("text",)),
        ("axes", axes, ("title", "description")),
    ):
        existing = sum(1 for row in rows if row[0])
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = existing
        for n, (pk, text, delete) in enumerate(rows):
            data[f"{prefix}-{n}-id"] = pk
            data[f"{prefix}-{n}-{text_names[0]}"] = text
            if delete:
                data[f"{prefix}-{n}-DELETE"] = "on"
    return data


def test_the_structure_page_saves_renumbers_and_deletes(plan, alice):
    first, second = plan.objectives.all()
    axis1, axis2 = plan.axes.all()
    data = structure_data(
        plan,
        objectives=[(first.pk, "Plan the metropolitan areas", True),
                    (second.pk, "Exchange with other networks", False),
                    ("", "Publish a guide", False), ("", "", False)],
        axes=[(axis1.pk, "Peripheral cities", False), (axis2.pk, "Borders", False),
              ("", "Metropolitan governance", False)],
    )  # fmt: skip
    response = login(alice).post(base(plan) + "structure/", data)
    assert response.status_code == 302
    assert [(o.position, o.text_en) for o in Objective.objects.filter(plan=plan)] == [
        (1, "Exchange with other networks"), (2, "Publish a guide"),
    ]  # fmt: skip
    assert [(a.position, a.title_en) for a in Axis.objects.filter(plan=plan)] == [
        (1, "Peripheral cities"), (2, "Borders"), (3, "Metropolitan governance"),
    ]  # fmt: skip


def test_the_structure_page_shows_empty_rows_without_javascript(plan, alice):
    response = login(alice).get(base(plan) + "structure/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="objectives-TOTAL_FORMS" value="5"' in html
    assert 'name="axes-4-DELETE"' in html


def test_an_activity_with_a_long_title_still_makes_its_event(activity, alice):
    activity.title_en = "Long " * 70  # 350 characters; an event's title holds 250
    activity.save()
    response = login(alice).post(activity_url(activity, "create-event/"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert len(event.title_en) == 250
    assert event.title_en.endswith("…")


def test_a_source_link_that_is_not_an_address_is_a_form_error(body, alice, plan):
    response = login(alice).post("/en/workplans/new/", plan_data(body, source_link="http://["))
    assert response.status_code == 400
    assert "source_link" in response.context["form"].errors
