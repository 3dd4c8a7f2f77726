import datetime
import zoneinfo

import pytest
from django.test import Client

from intercambio.consultations.demo import load_demo_consultations
from intercambio.consultations.models import Consultation
from intercambio.events.demo import load_demo_events
from intercambio.library.demo import load_demo_library
from intercambio.network.demo import load_demo
from intercambio.taxonomy.domain import load_taxonomy

pytestmark = pytest.mark.django_db
SLUG = "people-centred-smart-cities-latin-america-2024"
EVENT = "un-habitat-consultation-people-centred-smart-cities-2024"
MACEIO = zoneinfo.ZoneInfo("America/Maceio")


@pytest.fixture
def demo() -> None:
    """The loaders the consultation depends on, in the demo command's order."""
    load_demo()
    load_taxonomy()
    load_demo_library()
    load_demo_events()
    load_demo_consultations()


def test_demo_un_habitat_consultation_is_attached_to_its_event_and_closed(demo):
    consultation = Consultation.objects.select_related("event").get(slug=SLUG)
    assert consultation.event.slug == EVENT
    assert consultation.status == Consultation.Status.CLOSED
    assert consultation.original_language == "en"
    assert consultation.opens_at == datetime.datetime(2024, 9, 5, 14, 0, tzinfo=MACEIO)
    assert consultation.is_public


def test_demo_guiding_questions_in_three_languages(demo):
    questions = list(Consultation.objects.get(slug=SLUG).questions.all())
    assert [q.order for q in questions] == [1, 2, 3, 4]
    assert questions[0].text_en == (
        "How does your city make sure digital transformation answers people's needs rather "
        "than technology for its own sake?"
    )
    assert questions[3].text_es == (
        "¿Qué apoyo (normas, financiamiento, capacidades) necesitan los gobiernos locales?"
    )
    for question in questions:
        assert question.original_language == "en"
        assert all((question.text_pt_br, question.text_es, question.text_en))
        assert all((question.help_text_pt_br, question.help_text_es, question.help_text_en))


def test_demo_outcome_is_published_and_marked_as_demo_text(demo):
    consultation = Consultation.objects.get(slug=SLUG)
    assert consultation.outcome_published_at is not None
    assert consultation.outcome_en.startswith("**Demo text")
    assert consultation.outcome_pt_br.startswith("**Texto de demonstração")
    assert consultation.outcome_es.startswith("**Texto de demostración")


def test_demo_consultation_page_shows_the_questions_and_the_outcome(demo):
    body = Client().get(f"/pt-br/consultations/{SLUG}/").content.decode()
    assert "Que políticas protegem os direitos humanos no ambiente digital" in body
    assert "Texto de demonstração" in body


def test_demo_loading_is_idempotent(demo):
    tally = load_demo_consultations()
    assert (tally["consultations"], tally["created"]) == (1, 0)
    assert Consultation.objects.filter(slug=SLUG).count() == 1
    assert Consultation.objects.get(slug=SLUG).questions.count() == 4


def test_demo_without_its_event_is_skipped(db):
    tally = load_demo_consultations()
    assert (tally["created"], tally["skipped"]) == (0, 1)
