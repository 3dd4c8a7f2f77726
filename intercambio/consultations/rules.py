"""Who may see and who organizes a consultation. Who may *answer* is not a permission: a guest
answers with their registration's token, which `rules` never sees (see domain.respondent_for).
"""

import rules

from intercambio.consultations.models import Consultation
from intercambio.network.rules import is_secretariat_of, is_staff


@rules.predicate
def is_public(user, consultation: Consultation | None) -> bool:
    return consultation is not None and consultation.is_public


@rules.predicate
def organizes(user, consultation: Consultation | None) -> bool:
    """An event's consultation is the event organizers' (events.manage_event); a standalone
    one is staff's and its network's secretariat's."""
    if consultation is None or not user.is_authenticated:
        return False
    # One page asks several permissions of one consultation: look the role up once.
    remembered = consultation.__dict__.setdefault("_organizers", {})
    if user.pk not in remembered:
        if consultation.event_id is not None:
            remembered[user.pk] = user.has_perm("events.manage_event", consultation.event)
        else:
            remembered[user.pk] = is_staff(user) or is_secretariat_of(user, consultation.network)
    return remembered[user.pk]


rules.add_perm("consultations.view_consultation", is_public | organizes)
# Read and export the answers, open and close, write and publish the outcome.
rules.add_perm("consultations.manage_consultation", organizes)
