"""Who may do what in the network directory. Predicates take (user, object)."""

import rules

from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person


@rules.predicate
def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


@rules.predicate
def is_member(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_secretariat_of(user, network: Network | None) -> bool:
    if network is None or not user.is_authenticated:
        return False
    return network.secretariat.filter(pk=user.pk).exists()


@rules.predicate
def is_any_secretariat(user) -> bool:
    return bool(user.is_authenticated and user.secretariat_of.exists())


@rules.predicate
def is_editor_of(user, organization: Organization | None) -> bool:
    if organization is None or not user.is_authenticated:
        return False
    return organization.editors.filter(pk=user.pk).exists()


@rules.predicate
def is_secretariat_of_members_network(user, organization: Organization | None) -> bool:
    """The secretariat of any network the organization belongs to looks after its record."""
    if organization is None or not user.is_authenticated:
        return False
    return Network.objects.filter(memberships__organization=organization, secretariat=user).exists()


@rules.predicate
def manages_body_network(user, body: Body | None) -> bool:
    return body is not None and is_secretariat_of(user, body.network)


@rules.predicate
def manages_membership_network(user, membership: Membership | None) -> bool:
    return membership is not None and is_secretariat_of(user, membership.network)


@rules.predicate
def manages_role_body(user, role: BodyRole | None) -> bool:
    return role is not None and manages_body_network(user, role.body)


@rules.predicate
def can_edit_person_org(user, person: Person | None) -> bool:
    return person is not None and can_edit_organization.test(user, person.organization)


@rules.predicate
def person_is_public(user, person: Person | None) -> bool:
    return person is not None and person.visibility == Person.Visibility.PUBLIC


@rules.predicate
def person_is_for_members(user, person: Person | None) -> bool:
    return person is not None and person.visibility == Person.Visibility.MEMBERS


can_edit_organization = is_staff | is_editor_of | is_secretariat_of_members_network
can_manage_network = is_staff | is_secretariat_of

rules.add_perm("network.create_organization", is_staff | is_any_secretariat)
rules.add_perm("network.change_organization", can_edit_organization)
rules.add_perm("network.change_network", can_manage_network)
rules.add_perm("network.manage_network", can_manage_network)
rules.add_perm("network.change_body", is_staff | manages_body_network)
# Memberships and roles in bodies are the secretariat's records; contacts the organization's.
rules.add_perm("network.change_membership", is_staff | manages_membership_network)
rules.add_perm("network.delete_membership", is_staff | manages_membership_network)
rules.add_perm("network.delete_bodyrole", is_staff | manages_role_body)
rules.add_perm("network.change_person", is_staff | can_edit_person_org)
rules.add_perm("network.delete_person", is_staff | can_edit_person_org)
rules.add_perm(
    "network.view_person_details",
    person_is_public | (person_is_for_members & is_member) | is_staff | can_edit_person_org,
)
