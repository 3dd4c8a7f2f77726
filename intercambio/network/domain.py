"""Writes to the network directory. Each function logs to the audit trail."""

from django.contrib.auth import get_user_model
from django.db import transaction

from intercambio.common.domain import delete_with_audit, record_audit, save_with_audit
from intercambio.network.models import BodyRole, Membership, Network, Organization, Person


def grant_editor(*, organization: Organization, email: str, by) -> bool:
    """Make the account with `email` an editor of `organization`.

    Returns False when no account has that address (nothing changes).
    Side effects: adds to Organization.editors and logs an audit entry.
    """
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        return False
    with transaction.atomic():
        organization.editors.add(user)
        record_audit(
            record=organization, by=by, action="changed", changes={"editors": [None, user.email]}
        )
    return True


def revoke_editor(*, organization: Organization, user, by) -> None:
    """Remove `user` from the organization's editors; the content they wrote stays with it."""
    with transaction.atomic():
        organization.editors.remove(user)
        record_audit(
            record=organization, by=by, action="changed", changes={"editors": [user.email, None]}
        )


def join_network(*, organization: Organization, network: Network, by, **membership) -> None:
    """Record a membership (role, since, until) of the organization in the network."""
    save_with_audit(
        record=Membership(organization=organization, network=network, **membership), by=by
    )


def remove_membership(*, membership: Membership, by) -> None:
    """Delete a membership recorded by mistake. (A city that left keeps its membership with
    an end date: that is an edit, not a removal.)

    Side effects: a "deleted" audit entry with the membership's values and a "changed" entry
    on the network (its history keeps the removal), then the row is deleted.
    """
    delete_with_audit(record=membership, by=by, parent_field="network")


def remove_body_role(*, role: BodyRole, by) -> None:
    """Delete an organization's role in a body for a term.

    Side effects: "deleted" audit entry on the role, "changed" entry on the body, row deleted.
    """
    delete_with_audit(record=role, by=by, parent_field="body")


def remove_contact(*, person: Person, by) -> None:
    """Delete a contact person of an organization; the account they may have stays.

    Side effects: "deleted" audit entry on the person (without e-mail, phone or account: a
    removed contact's details are not kept), "changed" entry on the organization, the row
    deleted (and with it the person's place among body contacts).
    """
    delete_with_audit(record=person, by=by, parent_field="organization")
