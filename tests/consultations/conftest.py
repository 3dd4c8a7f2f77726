"""Consultations on an event organized by Canoas (alice edits it) in Mercociudades (the
secretariat persona), the registrants who answer them, and a standalone one."""

import itertools

import pytest
from django.utils import timezone

from intercambio.consultations.models import Consultation, Question
from intercambio.events.models import Event, Registration
from intercambio.network.models import Network, Organization
from tests import factories

_numbers = itertools.count(1)


def make_consultation(
    *, event: Event | None = None, network: Network | None = None, questions: int = 2, **fields
) -> Consultation:
    n = next(_numbers)
    fields.setdefault("status", Consultation.Status.OPEN)
    fields.setdefault("title_en", f"Consultation {n}")
    consultation = Consultation.objects.create(
        slug=f"consultation-{n}",
        event=event,
        network=network,
        original_language="en",
        description_en="What we ask and why.",
        **fields,
    )
    for order in range(1, questions + 1):
        Question.objects.create(
            consultation=consultation,
            order=order,
            original_language="en",
            text_en=f"Question {order}?",
            text_es=f"¿Pregunta {order}?",
            help_text_en=f"Help for question {order}.",
        )
    return consultation


def register(
    event: Event,
    *,
    user=None,
    status=Registration.Status.CONFIRMED,
    organization: Organization | None = None,
    **fields,
) -> Registration:
    n = next(_numbers)
    fields.setdefault("name", user.name if user else f"Guest {n}")
    fields.setdefault("email", user.email if user else f"guest{n}@city.example")
    return Registration.objects.create(
        event=event,
        user=user,
        status=status,
        language="es",
        consented_at=timezone.now(),
        organization=organization,
        **fields,
    )


@pytest.fixture
def event(organization, network) -> Event:
    return factories.EventFactory(
        organizer=organization,
        network=network,
        registration_enabled=True,
        kind=Event.Kind.CONSULTATION,
    )


@pytest.fixture
def consultation(event) -> Consultation:
    return make_consultation(event=event)


@pytest.fixture
def standalone(network) -> Consultation:
    return make_consultation(network=network)


@pytest.fixture
def dora(db):
    """A member whose registration for the event is confirmed."""
    return factories.UserFactory(email="dora@recife.example", name="Dora")


@pytest.fixture
def dora_registration(event, dora) -> Registration:
    recife = factories.OrganizationFactory(slug="recife", name="Recife")
    return register(event, user=dora, organization=recife)


@pytest.fixture
def guest_registration(event) -> Registration:
    """A confirmed guest: no account, only the token of their registration."""
    return register(event, name="Gustavo Guest", organization_name="Prefeitura de Olinda")
