"""Who may do what with a practice. Predicates take (user, practice); the role predicates
(owner editor, reviewer) serve library resources too."""

import rules
from django.db.models import Q

from intercambio.network.models import Network
from intercambio.network.rules import is_staff
from intercambio.practices.models import Practice

Status = Practice.Status
# While a practice waits for review the editors leave it alone; archived ones are history.
EDITABLE_BY_OWNER = {Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED}


def reviewing_networks(record):
    """Networks whose secretariat reviews a practice or library resource: the networks it is
    filed under and its owner's."""
    filed_under = Q(**{record.FILED_UNDER: record})
    return Network.objects.filter(
        filed_under | Q(memberships__organization_id=record.organization_id)
    ).distinct()


def _remembered(practice: Practice, user, role: str, look_up) -> bool:
    """A page asks several permissions of one practice; each role is looked up once."""
    remembered = practice.__dict__.setdefault("_roles", {})
    key = (role, user.pk)
    if key not in remembered:
        remembered[key] = look_up()
    return remembered[key]


@rules.predicate
def is_owner_editor(user, practice: Practice | None) -> bool:
    if practice is None or not user.is_authenticated:
        return False
    return _remembered(practice, user, "editor", lambda: practice.organization.editors.filter(
        pk=user.pk).exists())  # fmt: skip


@rules.predicate
def is_reviewer(user, practice: Practice | None) -> bool:
    if practice is None or not user.is_authenticated:
        return False
    return _remembered(practice, user, "reviewer", lambda: reviewing_networks(practice).filter(
        secretariat=user).exists())  # fmt: skip


@rules.predicate
def edits_some_organization(user) -> bool:
    return bool(user.is_authenticated and user.edited_organizations.exists())


def status_in(*statuses: str):
    @rules.predicate(name=f"status_in_{'_'.join(statuses)}")
    def check(user, practice: Practice | None) -> bool:
        return practice is not None and practice.status in statuses

    return check


is_published = status_in(Status.PUBLISHED)
moderator = is_staff | is_reviewer
# Who may take each workflow step at all; the perms below add the status it starts from.
# Views check these, and the domain checks the status under a lock (a second click → 409).
may_submit = is_owner_editor | is_staff
may_confirm = is_owner_editor | moderator

rules.add_perm("practices.create_practice", is_staff | edits_some_organization)
rules.add_perm("practices.view_practice", is_published | is_owner_editor | moderator)
rules.add_perm(
    "practices.change_practice", moderator | (is_owner_editor & status_in(*EDITABLE_BY_OWNER))
)
rules.add_perm(
    "practices.submit_practice", may_submit & status_in(Status.DRAFT, Status.CHANGES_REQUESTED)
)
rules.add_perm("practices.review_practice", moderator & status_in(Status.SUBMITTED))
rules.add_perm("practices.curate_practice", moderator & is_published)
rules.add_perm("practices.confirm_practice", may_confirm & is_published)
