"""Writes to the network directory. Each function logs to the audit trail."""

from django.contrib.auth import get_user_model
from django.db import models, transaction

from intercambio.common.domain import record_audit, save_with_audit
from intercambio.common.models import AuditEntry
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


# Details of a record that are not kept in the audit log once the record is deleted.
_NOT_KEPT = {Person: {"email", "phone", "user"}}
# Fields every record has that say nothing about what was deleted.
_BOOKKEEPING_FIELDS = {"id", "created_at", "updated_at"}


def delete_with_audit(*, record: models.Model, by, parent_field: str | None = None) -> None:
    """Delete `record` after logging a "deleted" audit entry with its values (old → None).

    With `parent_field` (e.g. "network" for a membership), the record it belongs to gets a
    "changed" entry too, named after the relation ({"memberships": ["…", None]}): the parent
    page's history lists entries of records that still exist, so it keeps the removal.
    Side effects: one or two AuditEntry rows and the delete (with its cascade), in one
    transaction.
    """
    with transaction.atomic():
        record_audit(
            record=record, by=by, action=AuditEntry.Action.DELETED, changes=_values(record)
        )
        if parent_field:
            relation = record._meta.get_field(parent_field).remote_field.related_name
            record_audit(
                record=getattr(record, parent_field), by=by, action=AuditEntry.Action.CHANGED,
                changes={relation: [str(record), None]},
            )  # fmt: skip
        record.delete()


def _values(record: models.Model) -> dict[str, list]:
    """The record's own values as audit changes (old value → None)."""
    omit = _BOOKKEEPING_FIELDS | _NOT_KEPT.get(type(record), set())
    values = {}
    for field in record._meta.concrete_fields:
        if field.name in omit:
            continue
        value = getattr(record, field.name)
        if value in (None, ""):
            continue
        if not isinstance(value, str | int | float | bool):
            value = str(value)
        values[field.name] = [value, None]
    return values
