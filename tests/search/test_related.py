"""Related items found by shared concepts, themes and SDGs, across kinds and languages."""

import pytest

from intercambio.library.models import Resource
from intercambio.practices.models import Practice
from intercambio.search.related import related_items
from intercambio.taxonomy.models import Goal
from tests import factories
from tests.conftest import login

pytestmark = pytest.mark.django_db
PUBLISHED = Practice.Status.PUBLISHED


def practice(title: str, summary: str, language: str, themes: list[str], **fields) -> Practice:
    suffix = language.replace("-", "_")
    text = {"title_en": "", "summary_en": "", "context_en": "", "actions_en": "",
            "results_en": "", "lessons_en": "", f"title_{suffix}": title,
            f"summary_{suffix}": summary}  # fmt: skip
    return factories.PracticeFactory(
        status=PUBLISHED, original_language=language,
        themes=[factories.theme(slug) for slug in themes], **text, **fields,
    )  # fmt: skip


def test_a_spanish_practice_is_related_to_a_portuguese_one_by_a_shared_concept():
    portal = practice("Portal da transparência", "A prefeitura publica dados abertos sobre o "
                      "orçamento.", "pt-br", ["culture"])  # fmt: skip
    practice("Datos de Montevideo", "La intendencia publica datos abiertos de transporte.", "es",
             ["waste-management"])  # fmt: skip
    practice("Festival de música", "Um festival de música nos bairros.", "pt-br", ["education"])
    items = related_items(kind="practice", record_id=portal.pk, language="en")
    assert [(item.title, item.shares) for item in items] == [("Datos de Montevideo", ["Open data"])]


def test_related_items_rank_concepts_over_themes_and_mix_kinds():
    source = practice("Orçamento participativo digital", "Os moradores votam no orçamento "
                      "participativo pela internet.", "pt-br", ["participation"])  # fmt: skip
    source.goals.set([Goal.objects.get(number=16)])
    practice("Consejos vecinales", "Reuniones mensuales de vecinos.", "es",
                        ["participation"])  # fmt: skip
    practice("Participatory budgeting in Lisbon", "Residents propose and vote "
                          "projects: participatory budgeting since 2008.", "en", ["culture"])  # fmt: skip
    guide = factories.ResourceFactory(
        status=Resource.Status.PUBLISHED, title_en="Budget guide",
        description_en="A guide to participatory budgeting for small towns.",
        themes=[factories.theme("participation")],
    )  # fmt: skip
    guide.goals.set([Goal.objects.get(number=16)])
    items = related_items(kind="practice", record_id=source.pk, language="en")
    titles = [item.title for item in items]
    # The guide shares the concept, the theme and the SDG; the Lisbon practice the concept;
    # the neighbourhood councils only the theme.
    assert titles == ["Budget guide", "Participatory budgeting in Lisbon", "Consejos vecinales"]
    assert items[0].kind_label == "Library document"
    assert items[0].shares == ["Participatory budgeting", "Citizen participation", "SDG 16"]


def test_unpublished_records_are_never_related():
    source = practice("Dados abertos da cidade", "Dados abertos.", "pt-br", ["open-data"])
    draft = practice("Dados abertos rascunho", "Dados abertos.", "pt-br", ["open-data"])
    draft.status = Practice.Status.DRAFT
    draft.save(update_fields=["status"])
    assert related_items(kind="practice", record_id=source.pk, language="en") == []


def test_practice_page_shows_related_documents_with_what_they_share(bob):
    source = practice("Portal da transparência", "A prefeitura publica dados abertos.", "pt-br",
                      ["culture"])  # fmt: skip
    factories.ResourceFactory(
        status=Resource.Status.PUBLISHED, title_en="Open data handbook",
        description_en="How to publish open data.", themes=[factories.theme("education")],
    )  # fmt: skip
    page = login(bob).get(source.get_absolute_url().replace("/pt-br/", "/en/")).content.decode()
    related = page.split('id="related-heading"')[1]
    assert 'Library document: <a href="/en/library/' in related
    assert "Open data handbook</a>" in related
    assert "Shares: Open data</span>" in " ".join(related.split())
