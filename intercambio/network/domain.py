"""Writes to the network directory. Each function logs to the audit trail."""

from django.contrib.auth import get_user_model
from django.db import transaction

from intercambio.common.domain import record_audit
from intercambio.network.models import Network, Organization


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
    from intercambio.common.domain import save_with_audit
    from intercambio.network.models import Membership

    save_with_audit(
        record=Membership(organization=organization, network=network, **membership), by=by
    )
