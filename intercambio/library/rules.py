"""Who may do what with a library resource: the practices' rules, applied to resources."""

import rules

from intercambio.library.models import Resource
from intercambio.network.rules import is_staff
from intercambio.practices.rules import (
    EDITABLE_BY_OWNER,
    edits_some_organization,
    is_owner_editor,
    is_published,
    may_submit,
    moderator,
    status_in,
)

Status = Resource.Status

rules.add_perm("library.create_resource", is_staff | edits_some_organization)
rules.add_perm("library.view_resource", is_published | is_owner_editor | moderator)
rules.add_perm(
    "library.change_resource", moderator | (is_owner_editor & status_in(*EDITABLE_BY_OWNER))
)
rules.add_perm(
    "library.submit_resource", may_submit & status_in(Status.DRAFT, Status.CHANGES_REQUESTED)
)
rules.add_perm("library.review_resource", moderator & status_in(Status.SUBMITTED))
rules.add_perm("library.archive_resource", moderator & is_published)
# A failed file is read again by the secretariat (or staff): editors upload a fixed one.
rules.add_perm("library.retry_file", moderator)
