import datetime

import pytest
from django.core.exceptions import ValidationError

from intercambio.events.models import Event
from intercambio.workplans import domain
from intercambio.workplans.models import Activity, StatusProposal
from tests import factories

Status = Activity.Status


def test_progress_leaves_cancelled_activities_out(plan):
    statuses = [Status.DONE, Status.DONE, Status.PLANNED, Status.POSTPONED, Status.CANCELLED]
    for status in statuses:
        factories.ActivityFactory(plan=plan, status=status)
    progress = domain.progress_of(plan.activities.all())
    assert (progress.done, progress.counted, progress.cancelled, progress.percent) == (2, 4, 1, 50)


def test_progress_rounds_down_and_is_zero_without_activities(plan):
    assert domain.progress_of([]).percent == 0
    for status in [Status.DONE, Status.DONE, Status.PLANNED]:
        factories.ActivityFactory(plan=plan, status=status)
    assert domain.progress_of(plan.activities.all()).percent == 66


def test_progress_by_axis_counts_an_activity_in_each_of_its_axes(plan):
    first, second = plan.axes.all()
    factories.ActivityFactory(plan=plan, status=Status.DONE, axes=[first, second])
    factories.ActivityFactory(plan=plan, status=Status.PLANNED, axes=[second])
    activities = plan.activities.prefetch_related("axes")
    figures = {
        axis.pk: p.percent for axis, p in domain.progress_by_axis(plan.axes.all(), activities)
    }
    assert figures == {first.pk: 100, second.pk: 50}


def test_a_planned_date_sets_the_month(activity, alice):
    activity.planned_on = datetime.date(2016, 7, 25)
    domain.save_activity(activity=activity, by=alice)
    activity.refresh_from_db()
    assert activity.planned_month == datetime.date(2016, 7, 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("planned_on", datetime.date(2017, 1, 10)),
        ("planned_month", datetime.date(2015, 12, 1)),
    ],
)
def test_an_activity_outside_the_period_is_refused(activity, alice, field, value):
    setattr(activity, field, value)
    with pytest.raises(ValidationError) as error:
        domain.save_activity(activity=activity, by=alice)
    assert field in error.value.message_dict
    activity.refresh_from_db()
    assert activity.planned_month == datetime.date(2016, 6, 1)


def test_a_proposal_accepted_becomes_the_status(activity, lo_prado, sofia, alice):
    proposal = domain.propose_status(
        activity=activity, organization=lo_prado, status=Status.DONE,
        status_on=datetime.date(2016, 6, 20), note="Held with 40 people.", by=sofia,
    )  # fmt: skip
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED
    domain.accept_proposal(proposal=proposal, by=alice)
    activity.refresh_from_db()
    assert (activity.status, activity.status_on, activity.status_note) == (
        Status.DONE, datetime.date(2016, 6, 20), "Held with 40 people.",
    )  # fmt: skip
    with pytest.raises(domain.ProposalError):
        domain.decline_proposal(proposal=proposal, by=alice)
    proposal.refresh_from_db()
    assert proposal.state == StatusProposal.State.ACCEPTED


def test_a_city_proposes_once_while_waiting(activity, lo_prado, sofia):
    kwargs = dict(activity=activity, organization=lo_prado, status=Status.DONE, status_on=None)
    domain.propose_status(**kwargs, note="", by=sofia)
    with pytest.raises(domain.ProposalError):
        domain.propose_status(**kwargs, note="again", by=sofia)
    assert activity.proposals.count() == 1


def test_creating_the_event_twice_makes_one(activity, alice, organization):
    event, created = domain.create_event_for(activity=activity, by=alice)
    again, created_again = domain.create_event_for(activity=activity, by=alice)
    assert (created, created_again, again.pk) == (True, False, event.pk)
    assert event.status == Event.Status.DRAFT
    assert event.kind == Event.Kind.MEETING
    assert event.title_en == "First annual meeting and technical mission"
    assert event.starts_at.date() == datetime.date(2016, 6, 1)
    assert list(event.organizations.all()) == [organization]
    assert event.body == activity.plan.body
    activity.refresh_from_db()
    assert activity.event == event
