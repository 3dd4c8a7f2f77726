"""Work plan pages as people see them: the list and its filters, a plan with its progress and
month-by-month timeline, the network-wide calendar, the body page's current plan; who sees
the editing links; a fixed number of queries; hostile text escaped."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from intercambio.network.models import BodyRole
from intercambio.workplans.models import Activity, StatusProposal, WorkPlan
from tests import factories
from tests.conftest import count_queries, login

LIST = "/en/workplans/"
CALENDAR = "/en/workplans/calendar/"
PLAN = "/en/workplans/utpeam-2016/"


def page_text(response) -> str:
    """The visible text of a page, whitespace collapsed, for sentence-level asserts."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def listed_plans(response) -> list[str]:
    return [plan.slug for plan in response.context["page"]]


@pytest.fixture
def other_plans(network, body):
    """A 2017–2018 term of another Mercociudades body, and a 2018 plan of another network."""
    culture = factories.BodyFactory(network=network, slug="culture", name_en="Culture")
    term = factories.WorkPlanFactory(
        slug="culture-2017-2018", body=culture, title_en="Culture 2017–2018",
        starts_on=datetime.date(2017, 1, 1), ends_on=datetime.date(2018, 12, 31),
    )  # fmt: skip
    uclg = factories.NetworkFactory(slug="uclg", name_en="UCLG")
    committee = factories.BodyFactory(network=uclg, slug="digital", name_en="Digital committee")
    other = factories.WorkPlanFactory(
        slug="digital-2018", body=committee, title_en="Digital 2018",
        starts_on=datetime.date(2018, 3, 1), ends_on=datetime.date(2018, 11, 30),
    )  # fmt: skip
    return term, other


# --- list -------------------------------------------------------------------------------------


def test_list_shows_public_plans_with_body_network_period_status_and_progress(plan, activity):
    factories.ActivityFactory(plan=plan, status=Activity.Status.DONE)
    factories.ActivityFactory(plan=plan, status=Activity.Status.CANCELLED)
    factories.ActivityFactory(plan=plan, status=Activity.Status.POSTPONED)
    response = Client().get(LIST)
    assert response.status_code == 200
    text = page_text(response)
    assert "UTPEAM work plan 2016" in text
    assert "/en/network/mercociudades/utpeam/" in response.content.decode()
    # 1 done of 3 counted (the cancelled one leaves the count): 33 %, rounded down.
    assert "33% (1 of 3)" in text
    assert "Approved" in text
    row = response.context["page"][0]
    assert (row.progress.done, row.progress.counted, row.progress.cancelled) == (1, 3, 1)


def test_list_period_shows_a_year_whole_years_or_dates(plan, other_plans):
    text = page_text(Client().get(LIST))
    assert "2016" in text
    assert "2017–2018" in text
    assert "March 1, 2018 – Nov. 30, 2018" in text


def test_list_hides_drafts_from_everyone(plan, alice):
    factories.WorkPlanFactory(slug="draft-plan", body=plan.body, status=WorkPlan.Status.DRAFT)
    factories.WorkPlanFactory(slug="closed-plan", body=plan.body, status=WorkPlan.Status.CLOSED)
    assert sorted(listed_plans(Client().get(LIST))) == ["closed-plan", "utpeam-2016"]
    assert "draft-plan" not in listed_plans(login(alice).get(LIST))


def test_list_filters_by_network_body_and_overlapping_year(plan, other_plans):
    client = Client()
    assert sorted(listed_plans(client.get(LIST + "?network=mercociudades"))) == [
        "culture-2017-2018",
        "utpeam-2016",
    ]
    assert listed_plans(client.get(LIST + "?body=culture")) == ["culture-2017-2018"]
    assert listed_plans(client.get(LIST + "?network=uclg&body=digital")) == ["digital-2018"]
    # A term overlapping the year matches it.
    assert sorted(listed_plans(client.get(LIST + "?year=2018"))) == [
        "culture-2017-2018",
        "digital-2018",
    ]
    assert listed_plans(client.get(LIST + "?year=2017")) == ["culture-2017-2018"]
    assert listed_plans(client.get(LIST + "?year=2016&network=mercociudades")) == ["utpeam-2016"]


@pytest.mark.parametrize(
    "query", ["?year=abc", "?year=99999999999999999999999", "?year=٣", "?year=-1", "?page=x"]
)
def test_list_ignores_an_invalid_year_or_page(plan, other_plans, query):
    response = Client().get(LIST + query)
    assert response.status_code == 200
    assert len(listed_plans(response)) == 3


def test_list_unknown_network_or_body_lists_nothing(plan):
    response = Client().get(LIST + "?network=nowhere&body=" + "x" * 500)
    assert response.status_code == 200
    assert listed_plans(response) == []
    assert "No work plan matches these filters." in page_text(response)


def test_list_offers_filters_as_a_form_with_labels(plan, other_plans):
    html = Client().get(LIST).content.decode()
    for name in ("network", "body", "year"):
        assert f'<label for="filter-{name}">' in html
        assert f'name="{name}"' in html
    assert '<option value="2018">2018</option>' in html
    assert '<option value="2016">2016</option>' in html
    assert 'href="/en/workplans/calendar/"' in html


@pytest.mark.parametrize("persona", ["alice", "secretariat", "staff"])
def test_list_offers_to_start_a_plan_to_those_who_may(plan, persona, request):
    response = login(request.getfixturevalue(persona)).get(LIST)
    assert 'href="/en/workplans/new/"' in response.content.decode()


@pytest.mark.parametrize("persona", ["sofia", "bob", "charlie", None])
def test_list_does_not_offer_to_start_a_plan_to_others(plan, persona, request):
    client = login(request.getfixturevalue(persona)) if persona else Client()
    assert 'href="/en/workplans/new/"' not in client.get(LIST).content.decode()


def test_list_query_count_does_not_grow_with_plans(plan, activity, other_plans):
    one = count_queries(Client(), LIST)
    for _n in range(25):
        extra = factories.WorkPlanFactory(body=factories.BodyFactory())
        factories.ActivityFactory(plan=extra, status=Activity.Status.DONE)
        factories.ActivityFactory(plan=extra)
    assert count_queries(Client(), LIST) == one
    assert count_queries(Client(), LIST + "?page=2") == one


# --- plan page ---------------------------------------------------------------------------------


def test_plan_page_shows_header_objectives_and_axes(plan, activity):
    person = factories.PersonFactory(
        organization=plan.presented_by_organization, name="Jairo Jorge", position="Mayor"
    )
    document = factories.ResourceFactory(slug="plan-utpeam-2016", status="published")
    plan.presented_by_person = person
    plan.presented_on = datetime.date(2016, 3, 18)
    plan.presented_at = "Canoas"
    plan.source_document = document
    plan.introduction_en = "The unit **works** on metropolitan areas."
    plan.save()
    response = Client().get(PLAN)
    assert response.status_code == 200
    html, text = response.content.decode(), page_text(response)
    assert '<h1 lang="en">UTPEAM work plan 2016</h1>' in html
    assert "Presented by Canoas : Jairo Jorge, Mayor" in text
    assert "March 18, 2016, Canoas" in text
    assert 'href="/en/library/plan-utpeam-2016/"' in html
    assert "<strong>works</strong>" in html
    assert "Plan the metropolitan areas" in text
    assert "Exchange with other networks" in text
    assert '<li value="2"><strong lang="en">Borders</strong>' in html
    assert "/en/network/mercociudades/utpeam/" in html


def test_plan_page_hides_a_private_presenter_from_visitors(plan, alice):
    plan.presented_by_person = factories.PersonFactory(
        organization=plan.presented_by_organization, name="Hidden Person", visibility="private"
    )
    plan.save()
    assert "Hidden Person" not in page_text(Client().get(PLAN))
    assert "Hidden Person" in page_text(login(alice).get(PLAN))


def test_plan_page_computes_overall_and_axis_progress(plan):
    first, second = plan.axes.all()
    statuses = ["done", "done", "planned", "postponed", "cancelled"]
    for status in statuses:
        factories.ActivityFactory(plan=plan, status=status, axes=[first])
    factories.ActivityFactory(plan=plan, status="done", axes=[first, second])
    factories.ActivityFactory(plan=plan, status="in_progress", axes=[second])
    response = Client().get(PLAN)
    text = page_text(response)
    # 3 done of 6 counted; the cancelled one is listed apart.
    assert "50% done: 3 of 6 activities (1 cancelled, not counted)" in text
    assert "Cancelled, not counted:" in text
    # Axis 1: done, done, planned, postponed, done (+ a cancelled one) → 3 of 5 = 60 %.
    assert "Axis 1: Peripheral cities 60% done: 3 of 5 activities" in text
    # Axis 2: done, in progress → 1 of 2 = 50 %.
    assert "Axis 2: Borders 50% done: 1 of 2 activities" in text
    html = response.content.decode()
    assert '<progress class="plan-progress" value="3" max="6"' in html
    assert 'aria-labelledby="progress-overall"' in html


def test_plan_page_without_activities_says_so(plan):
    response = Client().get(PLAN)
    assert "No activity to count yet." in page_text(response)
    assert "<progress" not in response.content.decode()


def test_plan_timeline_lists_months_folds_empty_ones_and_the_whole_period(plan, activity):
    factories.ActivityFactory(
        plan=plan, title_en="Seminar in Montevideo", planned_on=datetime.date(2016, 9, 13),
        planned_until=datetime.date(2016, 9, 16), planned_month=datetime.date(2016, 9, 1),
        city="Montevideo", country="UY",
    )  # fmt: skip
    factories.ActivityFactory(plan=plan, title_en="Publication", planned_month=None)
    response = Client().get(PLAN)
    text = page_text(response)
    assert [(group.month.month, group.last.month) for group in response.context["timeline"]] == [
        (1, 5), (6, 6), (7, 8), (9, 9), (10, 12),
    ]  # fmt: skip
    assert "January 2016 to May 2016: no activity planned." in text
    assert "June 2016 First annual meeting and technical mission" in text
    assert "Sept. 13, 2016 – Sept. 16, 2016 · Montevideo, Uruguay" in text
    assert "Throughout the period Publication" in text
    assert text.index("June 2016") < text.index("September 2016") < text.index("Throughout")


def test_plan_activity_shows_type_place_responsible_axes_status_and_outputs(plan, activity):
    activity.status, activity.status_on = Activity.Status.DONE, datetime.date(2016, 6, 20)
    activity.status_note = "Held with 40 participants."
    activity.event = factories.EventFactory(slug="annual-meeting-2016", title_en="Annual meeting")
    activity.save()
    activity.practices.add(factories.PracticeFactory(status="published"))
    activity.practices.add(factories.PracticeFactory())  # a draft is not counted
    activity.resources.add(*factories.ResourceFactory.create_batch(2, status="published"))
    html, text = Client().get(PLAN).content.decode(), page_text(Client().get(PLAN))
    assert f'href="/en/workplans/utpeam-2016/activities/{activity.pk}/"' in html
    assert "Meeting · June 2016 · Canoas, Brazil" in text
    assert "Responsible: Canoas" in text
    assert "Axis: 1" in text
    assert "Status: Done, June 20, 2016 — Held with 40 participants." in text
    assert 'href="/en/events/annual-meeting-2016/"' in html
    assert "Outputs: 1 practice, 2 documents" in text


def test_plan_activity_card_speaks_the_page_language(plan, activity):
    activity.status, activity.status_on = Activity.Status.DONE, datetime.date(2016, 6, 20)
    activity.save()
    activity.resources.add(factories.ResourceFactory(status="published"))
    response = Client().get(PLAN.replace("/en/", "/es/"))
    text = page_text(response)
    assert "Reunión · junio de 2016 · Canoas, Brasil" in text
    assert "Responsables: Canoas" in text
    assert "Eje: 1" in text
    assert "Estado: Completada, 20 de junio de 2016" in text
    assert "Resultados: 1 documento" in text
    assert (
        f'href="/es/workplans/utpeam-2016/activities/{activity.pk}/"' in response.content.decode()
    )


def test_plan_activity_hides_a_draft_event_from_visitors(plan, activity, alice):
    activity.event = factories.EventFactory(slug="draft-event", status="draft")
    activity.save()
    assert "/en/events/draft-event/" not in Client().get(PLAN).content.decode()
    assert "/en/events/draft-event/" in login(alice).get(PLAN).content.decode()


EDIT_LINKS = (
    "/en/workplans/utpeam-2016/edit/",
    "/en/workplans/utpeam-2016/structure/",
    "/en/workplans/utpeam-2016/activities/new/",
)


@pytest.mark.parametrize("persona", ["alice", "secretariat", "staff"])
def test_plan_page_shows_editing_links_and_pending_proposals_to_editors(
    plan, activity, lo_prado, persona, request
):
    StatusProposal.objects.create(activity=activity, organization=lo_prado, status="done")
    html = login(request.getfixturevalue(persona)).get(PLAN).content.decode()
    for link in EDIT_LINKS:
        assert f'href="{link}"' in html
    assert "1 proposed update awaiting your decision" in html


@pytest.mark.parametrize("persona", ["sofia", "bob", "charlie", None])
def test_plan_page_hides_editing_links_from_others(plan, activity, lo_prado, persona, request):
    StatusProposal.objects.create(activity=activity, organization=lo_prado, status="done")
    client = login(request.getfixturevalue(persona)) if persona else Client()
    html = client.get(PLAN).content.decode()
    for link in EDIT_LINKS:
        assert link not in html
    assert "awaiting your decision" not in html


def test_plan_page_tells_a_sub_coordinator_they_can_propose_updates(plan, sofia, bob):
    note = "you can propose a status update on each activity"
    assert note in login(sofia).get(PLAN).content.decode()
    assert note not in login(bob).get(PLAN).content.decode()


def test_plan_page_links_the_annual_report(plan):
    html = Client().get(PLAN).content.decode()
    for suffix in ("report/", "report.pdf", "report.csv"):
        assert f'href="/en/workplans/utpeam-2016/{suffix}"' in html


def test_draft_plan_is_a_404_for_visitors_and_shown_to_its_coordinator(plan, alice, bob, charlie):
    plan.status = WorkPlan.Status.DRAFT
    plan.save()
    assert Client().get(PLAN).status_code == 404
    assert login(bob).get(PLAN).status_code == 404
    assert login(charlie).get(PLAN).status_code == 404
    response = login(alice).get(PLAN)
    assert response.status_code == 200
    assert "This plan is a draft" in page_text(response)


def test_unknown_plan_is_a_404(db):
    assert Client().get("/en/workplans/no-such-plan/").status_code == 404


def make_activities(plan, lo_prado, count: int) -> None:
    axes = list(plan.axes.all())
    for n in range(count):
        activity = factories.ActivityFactory(
            plan=plan, axes=axes, status=["done", "planned", "cancelled"][n % 3],
            planned_month=datetime.date(2016, n % 12 + 1, 1) if n % 4 else None,
            event=factories.EventFactory(),
        )  # fmt: skip
        activity.responsible.add(lo_prado, factories.OrganizationFactory())
        activity.objectives.add(*plan.objectives.all())
        activity.practices.add(factories.PracticeFactory(status="published"))
        activity.resources.add(factories.ResourceFactory(status="published"))
        StatusProposal.objects.create(activity=activity, organization=lo_prado, status="done")


@pytest.mark.parametrize("persona", ["alice", None])
def test_plan_page_query_count_is_fixed_whatever_the_number_of_activities(
    plan, lo_prado, persona, request
):
    client = login(request.getfixturevalue(persona)) if persona else Client()
    make_activities(plan, lo_prado, 1)
    one = count_queries(client, PLAN)
    make_activities(plan, lo_prado, 29)
    assert plan.activities.count() == 30
    assert count_queries(client, PLAN) == one


# --- calendar ----------------------------------------------------------------------------------


def test_calendar_groups_activities_by_month_across_bodies(plan, activity, other_plans):
    term, other = other_plans
    factories.ActivityFactory(
        plan=term, title_en="Culture forum", planned_month=datetime.date(2018, 6, 1)
    )
    factories.ActivityFactory(
        plan=other, title_en="Digital rights forum", planned_on=datetime.date(2018, 4, 10),
        planned_month=datetime.date(2018, 4, 1),
    )  # fmt: skip
    factories.ActivityFactory(plan=term, title_en="Culture newsletter", planned_month=None)
    factories.ActivityFactory(
        plan=term, title_en="In 2017", planned_month=datetime.date(2017, 5, 1)
    )
    response = Client().get(CALENDAR + "?year=2018")
    assert response.status_code == 200
    groups = [
        (group.month, [str(a) for a in group.activities]) for group in response.context["months"]
    ]
    assert groups == [
        (datetime.date(2018, 4, 1), ["Digital rights forum"]),
        (datetime.date(2018, 6, 1), ["Culture forum"]),
        (None, ["Culture newsletter"]),
    ]
    text = page_text(response)
    assert "Planned activities in 2018" in text
    assert "April 10, 2018 · Meeting · Canoas, Brazil" in text
    assert "Culture · Culture 2017–2018" in text


def test_calendar_defaults_to_this_year_and_links_to_years_with_activities(plan, activity):
    html = Client().get(CALENDAR).content.decode()
    this_year = timezone.localdate().year
    assert f"Planned activities in {this_year}" in html
    assert 'href="?year=2016"' in html
    response = Client().get(CALENDAR + "?year=2016")
    assert [str(a) for group in response.context["months"] for a in group.activities] == [
        "First annual meeting and technical mission"
    ]
    assert 'href="?year=2016" aria-current="page"' in response.content.decode()


def test_calendar_filters_by_network_and_hides_drafts(plan, activity, other_plans):
    term, other = other_plans
    factories.ActivityFactory(plan=other, title_en="Digital rights forum")
    draft = factories.WorkPlanFactory(
        status=WorkPlan.Status.DRAFT, starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
    )  # fmt: skip
    factories.ActivityFactory(plan=draft, title_en="Secret meeting")
    client = Client()
    titles = lambda query: [  # noqa: E731
        str(a) for group in client.get(CALENDAR + query).context["months"] for a in group.activities
    ]
    assert titles("?year=2018") == ["Digital rights forum"]
    assert titles("?year=2018&network=mercociudades") == []
    assert titles("?year=2018&network=uclg") == ["Digital rights forum"]
    assert client.get(CALENDAR + "?year=zzz").status_code == 200


def test_calendar_query_count_does_not_grow(plan, activity, other_plans):
    one = count_queries(Client(), CALENDAR + "?year=2016")
    for n in range(20):
        extra = factories.WorkPlanFactory(body=factories.BodyFactory())
        factories.ActivityFactory(plan=extra, planned_month=datetime.date(2016, n % 12 + 1, 1))
        factories.ActivityFactory(plan=extra, planned_month=None)
    assert count_queries(Client(), CALENDAR + "?year=2016") == one


# --- body page ---------------------------------------------------------------------------------

BODY = "/en/network/mercociudades/utpeam/"


def test_body_page_shows_the_plan_current_today(plan, body):
    today = timezone.localdate()
    current = factories.WorkPlanFactory(
        slug="utpeam-now", body=body, title_en="UTPEAM now",
        starts_on=today.replace(month=1, day=1), ends_on=today.replace(month=12, day=31),
    )  # fmt: skip
    factories.ActivityFactory(plan=current, status="done")
    factories.ActivityFactory(plan=current)
    response = Client().get(BODY)
    text = page_text(response)
    assert f"Current work plan ({today.year})" in text
    assert "UTPEAM now" in text
    assert "50% done" in text
    assert 'href="/en/workplans/?network=mercociudades&amp;body=utpeam"' in (
        response.content.decode()
    )


def test_body_page_shows_the_latest_plan_when_none_is_current(plan, body):
    factories.WorkPlanFactory(
        slug="utpeam-draft-2030", body=body, status=WorkPlan.Status.DRAFT,
        starts_on=datetime.date(2030, 1, 1), ends_on=datetime.date(2030, 12, 31),
    )  # fmt: skip
    text = page_text(Client().get(BODY))
    assert "Latest work plan (2016)" in text
    assert "UTPEAM work plan 2016" in text


def test_body_page_without_plans_says_so(body):
    assert "No work plan has been published yet." in page_text(Client().get(BODY))


def test_body_page_query_count_is_fixed_with_plans(plan, body, organization):
    one = count_queries(Client(), BODY)
    for year in range(2010, 2016):
        extra = factories.WorkPlanFactory(
            body=body, starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31)
        )
        factories.ActivityFactory(plan=extra)
    factories.BodyRoleFactory(
        body=body, organization=factories.OrganizationFactory(), role=BodyRole.Role.MEMBER
    )
    assert count_queries(Client(), BODY) == one


# --- hostile text ------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_hostile_text_is_escaped_on_every_page(plan, body):
    plan.title_en = HOSTILE
    plan.introduction_en = HOSTILE
    plan.presented_at = HOSTILE
    plan.save()
    body.name_en = HOSTILE
    body.save()
    plan.axes.update(title_en=HOSTILE, description_en=HOSTILE)
    plan.objectives.update(text_en=HOSTILE)
    activity = factories.ActivityFactory(
        plan=plan, title_en=HOSTILE, city=HOSTILE, status_note=HOSTILE, status="cancelled",
        event=factories.EventFactory(title_en=HOSTILE),
    )  # fmt: skip
    activity.responsible.add(factories.OrganizationFactory(name=HOSTILE))
    for url in (LIST, PLAN, CALENDAR + "?year=2016", BODY, LIST + "?network=" + HOSTILE):
        html = Client().get(url).content.decode()
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert "onerror=alert" not in html or "&lt;img src=x onerror=alert" in html, url
