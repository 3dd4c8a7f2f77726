"""Who may do what with a work plan.

The coordinating cities are those holding the body's coordination (or presidency,
vice-presidency, chair) during the plan's period, and the city that presented the plan; the
sub-coordinating cities hold its sub-coordination then. Editors of a coordinating city and
the network's secretariat edit the plan; editors of a sub-coordinating city propose status
updates, which a coordinator accepts or declines.
"""

import rules
from django.db.models import Q, QuerySet

from intercambio.network.models import Body, BodyRole, Organization
from intercambio.network.rules import is_secretariat_of, is_staff
from intercambio.workplans.models import WorkPlan

COORDINATING_ROLES = (
    BodyRole.Role.COORDINATION,
    BodyRole.Role.PRESIDENCY,
    BodyRole.Role.VICE_PRESIDENCY,
    BodyRole.Role.CHAIR,
)


def _roles_during(plan: WorkPlan, roles) -> QuerySet[BodyRole]:
    return BodyRole.objects.filter(
        body_id=plan.body_id, role__in=roles, term_start__lte=plan.ends_on
    ).filter(Q(term_end__isnull=True) | Q(term_end__gte=plan.starts_on))


def coordinating_organizations(plan: WorkPlan) -> QuerySet[Organization]:
    holders = _roles_during(plan, COORDINATING_ROLES).values("organization_id")
    return Organization.objects.filter(
        Q(pk__in=holders) | Q(pk=plan.presented_by_organization_id or 0)
    )


def sub_coordinating_organizations(plan: WorkPlan) -> QuerySet[Organization]:
    holders = _roles_during(plan, [BodyRole.Role.SUB_COORDINATION]).values("organization_id")
    return Organization.objects.filter(pk__in=holders)


@rules.predicate
def is_plan_secretariat(user, plan: WorkPlan | None) -> bool:
    return plan is not None and is_secretariat_of(user, plan.body.network)


@rules.predicate
def edits_a_coordinating_city(user, plan: WorkPlan | None) -> bool:
    if plan is None or not user.is_authenticated:
        return False
    return coordinating_organizations(plan).filter(editors=user).exists()


@rules.predicate
def edits_a_sub_coordinating_city(user, plan: WorkPlan | None) -> bool:
    if plan is None or not user.is_authenticated:
        return False
    return sub_coordinating_organizations(plan).filter(editors=user).exists()


@rules.predicate
def is_public(user, plan: WorkPlan | None) -> bool:
    return plan is not None and plan.is_public


@rules.predicate
def may_start_plan_for(user, body: Body | None) -> bool:
    """The secretariat of the body's network, or an editor of a city coordinating it now."""
    if body is None or not user.is_authenticated:
        return False
    if is_secretariat_of(user, body.network):
        return True
    return BodyRole.objects.filter(
        body=body, role__in=COORDINATING_ROLES, organization__editors=user
    ).exists()


edits_plan = is_staff | is_plan_secretariat | edits_a_coordinating_city

rules.add_perm("workplans.view_plan", is_public | edits_plan | edits_a_sub_coordinating_city)
rules.add_perm("workplans.change_plan", edits_plan)
rules.add_perm("workplans.propose_update", edits_a_sub_coordinating_city & ~edits_plan)
rules.add_perm("workplans.add_plan_for", is_staff | may_start_plan_for)
