from django import template

from intercambio.consultations.models import Consultation
from intercambio.consultations.queries import consultations_of_event as _of_event
from intercambio.events.models import Event

register = template.Library()


@register.simple_tag
def consultations_of_event(event: Event) -> list[Consultation]:
    """`{% consultations_of_event event as consultations %}`: one query."""
    return _of_event(event)
