"""Who may see, edit and propose, per persona."""

import pytest
from django.contrib.auth.models import AnonymousUser

from intercambio.workplans.models import WorkPlan

PERSONAS = ["alice", "sofia", "charlie", "bob", "secretariat", "staff"]
# persona → (change_plan, propose_update)
EXPECTED = {
    "alice": (True, False),
    "sofia": (False, True),
    "charlie": (False, False),
    "bob": (False, False),
    "secretariat": (True, False),
    "staff": (True, False),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_permissions_per_persona(request, plan, persona):
    user = request.getfixturevalue(persona)
    assert (
        user.has_perm("workplans.change_plan", plan),
        user.has_perm("workplans.propose_update", plan),
    ) == EXPECTED[persona]


def test_a_coordinator_of_another_year_does_not_edit(plan, alice):
    role = plan.body.roles.get()
    role.term_start, role.term_end = (
        role.term_start.replace(year=2014),
        role.term_end.replace(year=2014),
    )
    role.save()
    plan.presented_by_organization = None
    plan.save()
    assert not alice.has_perm("workplans.change_plan", plan)


@pytest.mark.parametrize("persona", ["bob", "charlie"])
def test_a_draft_is_hidden_from_others(request, plan, persona, sofia, alice):
    plan.status = WorkPlan.Status.DRAFT
    plan.save()
    assert not request.getfixturevalue(persona).has_perm("workplans.view_plan", plan)
    assert not AnonymousUser().has_perm("workplans.view_plan", plan)
    assert sofia.has_perm("workplans.view_plan", plan)
    assert alice.has_perm("workplans.view_plan", plan)
