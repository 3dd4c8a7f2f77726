"""The bench's work plan (bench/workplans.py): consistent with what the product enforces,
wired into `make bench`, and its page scenario answers on it. A small world (a network, a
body, a few members, events and practices) is enough: the plan has its 200 activities
whatever the data set's size."""

import pytest
from django.db.models import Count

from bench import workplans
from bench.__main__ import GENERATOR_FILES
from bench.scenarios import SCENARIOS
from intercambio.practices.models import Practice
from intercambio.workplans.models import Activity, StatusProposal, WorkPlan
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    network = factories.NetworkFactory(slug="mercociudades", name_en="Mercociudades")
    factories.BodyFactory(network=network, slug="utpeam", name_en="UTPEAM")
    for n in range(12):
        organization = factories.OrganizationFactory(slug=f"city-{n}", name=f"City {n}")
        factories.MembershipFactory(organization=organization, network=network)
    for _ in range(5):
        factories.EventFactory()
    for _ in range(6):
        factories.PracticeFactory(status=Practice.Status.PUBLISHED)


def test_generated_work_plan(world, client):
    counts = workplans.generate_workplans(seed=7, log=lambda message: None)
    plan = WorkPlan.objects.get(slug=workplans.SLUG)
    assert counts["workplan_activities"] == workplans.ACTIVITIES == plan.activities.count()
    assert workplans.counts() == {"workplans": 1, "workplan_activities": workplans.ACTIVITIES}
    assert workplans.targets() == {"workplan": plan.slug}
    assert plan.is_public and plan.is_whole_years
    assert (plan.objectives.count(), plan.axes.count()) == (6, 5)
    _check_activities(plan)
    _check_links(plan)
    _check_page(plan, client)


def _check_activities(plan):
    activities = list(plan.activities.all())
    months = {a.planned_month for a in activities if a.planned_month}
    assert months == set(plan.months())  # every month of the year
    assert sum(1 for a in activities if a.planned_month is None) == workplans.THROUGH_THE_YEAR
    assert any(a.planned_until for a in activities)
    for activity in activities:
        activity.full_clean()  # inside the plan's period, the dates in order
        if activity.planned_on:
            assert activity.planned_month == activity.planned_on.replace(day=1)
        for code in ("pt_br", "es", "en"):
            assert getattr(activity, f"title_{code}")
    assert len({a.kind for a in activities}) >= 6
    assert len({a.status for a in activities}) >= 3
    assert sorted(a.position for a in activities) == list(range(1, workplans.ACTIVITIES + 1))


def _check_links(plan):
    activities = plan.activities.annotate(
        n_responsible=Count("responsible", distinct=True), n_axes=Count("axes", distinct=True)
    )
    assert {a.n_responsible for a in activities} <= {1, 2, 3}
    assert {a.n_axes for a in activities} <= {1, 2}
    assert Activity.axes.through.objects.values("axis").distinct().count() == 5
    linked = plan.activities.exclude(event=None).count()
    assert 0.05 * workplans.ACTIVITIES < linked < 0.4 * workplans.ACTIVITIES
    assert plan.activities.filter(practices__isnull=False).distinct().count() > 20
    pending = StatusProposal.objects.filter(state=StatusProposal.State.PENDING)
    assert pending.count() == workplans.PROPOSALS
    for proposal in pending:  # from a city responsible for the activity
        assert proposal.activity.responsible.filter(pk=proposal.organization_id).exists()


def _check_page(plan, client):
    (scenario,) = [s for s in SCENARIOS if s.name.startswith("workplan")]
    url = scenario.url(workplans.targets())
    assert url == f"/en/workplans/{plan.slug}/"
    response = client.get(url)
    if response.status_code == 501:
        pytest.skip("the plan page is not written yet (501)")
    assert response.status_code == 200


def test_work_plan_is_part_of_the_generated_data_set():
    # A change to the generator regenerates the data set.
    assert "workplans.py" in GENERATOR_FILES
    assert [s.name for s in SCENARIOS].count(f"workplan {workplans.ACTIVITIES} activities") == 1
