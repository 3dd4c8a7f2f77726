"""Who may see an event that is not public yet: the editors of its organizations, the
secretariat of its network, staff."""

import rules

from intercambio.events.models import Event
from intercambio.network.rules import is_staff


@rules.predicate
def is_public(user, event: Event | None) -> bool:
    return event is not None and event.is_public


@rules.predicate
def edits_an_organizer(user, event: Event | None) -> bool:
    if event is None or not user.is_authenticated:
        return False
    return event.organizations.filter(editors=user).exists()


@rules.predicate
def is_event_secretariat(user, event: Event | None) -> bool:
    if event is None or event.network_id is None or not user.is_authenticated:
        return False
    return event.network.secretariat.filter(pk=user.pk).exists()


organizer = is_staff | is_event_secretariat | edits_an_organizer

rules.add_perm("events.view_event", is_public | organizer)
# The registrations, exports, check-in and messages of an event.
rules.add_perm("events.manage_event", organizer)
