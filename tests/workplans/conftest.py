"""Personas of a work plan: the coordinating city's editor (alice, Canoas), a
sub-coordinating city's editor (sofia, Lo Prado), another city's editor (charlie), the
network's secretariat, staff, a member (bob) and visitors."""

import datetime

import pytest

from intercambio.network.models import BodyRole
from tests import factories


@pytest.fixture
def body(network):
    return factories.BodyFactory(network=network, slug="utpeam", name_en="UTPEAM")


@pytest.fixture
def plan(body, organization):
    """UTPEAM's approved 2016 plan, coordinated by Canoas (alice's city) with Lo Prado
    sub-coordinating; two objectives, two axes."""
    plan = factories.WorkPlanFactory(
        slug="utpeam-2016", body=body, title_en="UTPEAM work plan 2016",
        presented_by_organization=organization,
    )  # fmt: skip
    factories.BodyRoleFactory(body=body, organization=organization)
    factories.ObjectiveFactory(plan=plan, position=1, text_en="Plan the metropolitan areas")
    factories.ObjectiveFactory(plan=plan, position=2, text_en="Exchange with other networks")
    factories.AxisFactory(plan=plan, position=1, title_en="Peripheral cities")
    factories.AxisFactory(plan=plan, position=2, title_en="Borders")
    return plan


@pytest.fixture
def lo_prado(body, network):
    city = factories.OrganizationFactory(slug="lo-prado", name="Lo Prado", country="CL")
    factories.MembershipFactory(organization=city, network=network)
    factories.BodyRoleFactory(body=body, organization=city, role=BodyRole.Role.SUB_COORDINATION)
    return city


@pytest.fixture
def sofia(lo_prado):
    """Sub-coordinator: an editor of Lo Prado."""
    user = factories.UserFactory(email="sofia@loprado.example", name="Sofía")
    lo_prado.editors.add(user)
    return user


@pytest.fixture
def activity(plan, organization):
    """June's annual meeting in Canoas, on the first axis."""
    activity = factories.ActivityFactory(
        plan=plan, title_en="First annual meeting and technical mission",
        kind="meeting", planned_month=datetime.date(2016, 6, 1), axes=[plan.axes.first()],
    )  # fmt: skip
    activity.responsible.add(organization)
    return activity
