"""A practice from draft to the visitor who reads it in its original language, in a real browser.

Editor (Canoas, Portuguese) writes and submits → the secretariat (Spanish) asks for a change →
the editor fixes it and adds an English version → the secretariat publishes → a visitor
browsing in English finds it through the facets and reads the Portuguese original.
"""

import pytest
from playwright.sync_api import expect

from intercambio.practices.models import Practice
from tests.browser.conftest import DEMO_ACCOUNTS, Session, gettext_in
from tests.browser.test_journeys import check_accessibility

pytestmark = pytest.mark.browser

TITLE_PT = "Ônibus elétricos nos bairros de Canoas"
TITLE_EN = "Electric buses in Canoas' neighbourhoods"


def click_button(page, language: str, label: str, *, expect_status: int = 200) -> None:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=gettext_in(language, label), exact=True).first.click()
    errors = page.locator(".error-summary")
    summary = errors.inner_text() if errors.count() else ""
    assert navigation.value.status == expect_status, f"{page.url}: {summary}"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_practice_goes_from_draft_to_a_visitor_in_another_language(new_session, demo, javascript):
    # 1. The Canoas editor writes the practice in Portuguese.
    editor: Session = new_session(javascript=javascript, locale="pt-BR")
    editor.sign_in(DEMO_ACCOUNTS["editor"], language="pt-br")
    page = editor.page
    editor.goto("/pt-br/practices/new/")
    check_accessibility(page, "new practice form", javascript=javascript)
    page.locator("#id_title").fill(TITLE_PT)
    page.locator("#id_summary").fill("Dez linhas de ônibus elétricos ligam os bairros ao centro.")
    page.locator("#id_context").fill("O transporte nos bairros era lento e poluente.")
    page.locator("#id_actions").fill("Compramos **20 ônibus** e instalamos carregadores.")
    page.get_by_label("Mobilidade urbana sustentável").check()
    page.locator("#id_networks input[type=checkbox]").first.check()
    page.locator("#id_start_year").fill("2022")
    click_button(page, "pt-br", "Save")
    practice = Practice.objects.get(title_pt_br=TITLE_PT)
    assert practice.status == Practice.Status.DRAFT
    expect(page.locator("h1")).to_have_text(TITLE_PT)
    click_button(page, "pt-br", "Submit for review")
    expect(page.locator(".messages")).to_contain_text(
        gettext_in("pt-br", "The practice was sent to the secretariat for review.")
    )

    # 2. The secretariat finds it in the queue and asks for the results.
    secretariat: Session = new_session(javascript=javascript, locale="es-UY")
    secretariat.sign_in(DEMO_ACCOUNTS["secretariat"], language="es")
    reviewer = secretariat.page
    secretariat.goto("/es/practices/review/")
    check_accessibility(reviewer, "review queue", javascript=javascript)
    with reviewer.expect_navigation():
        reviewer.get_by_role("link", name=TITLE_PT).click()
    reviewer.locator("form.request-changes textarea").fill("Agreguen los resultados medidos.")
    click_button(reviewer, "es", "Request changes")
    practice.refresh_from_db()
    assert practice.status == Practice.Status.CHANGES_REQUESTED

    # 3. The editor reads the note, adds the results and an English version, submits again.
    editor.goto(f"/pt-br/practices/{practice.slug}/")
    expect(page.locator(".timeline")).to_contain_text("Agreguen los resultados medidos.")
    with page.expect_navigation():
        page.get_by_role("link", name=gettext_in("pt-br", "Edit"), exact=True).click()
    page.locator("#id_results").fill("O tempo de viagem caiu um quinto.")
    click_button(page, "pt-br", "Save")
    editor.goto(f"/pt-br/practices/{practice.slug}/edit/?language=en")
    page.locator("#id_title").fill(TITLE_EN)
    page.locator("#id_summary").fill(
        "Ten electric bus lines link the neighbourhoods to the centre."
    )
    click_button(page, "pt-br", "Save")
    click_button(page, "pt-br", "Submit for review")

    # 4. The secretariat publishes it.
    secretariat.goto(f"/es/practices/{practice.slug}/")
    click_button(reviewer, "es", "Publish")
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED
    assert practice.translation_status == {"en": "translated"}

    # 5. A visitor browsing in English filters by country, language and theme, and finds it.
    visitor: Session = new_session(javascript=javascript)
    reader = visitor.page
    visitor.goto("/en/practices/")
    reader.get_by_label("Country", exact=True).select_option("BR")
    reader.get_by_label("Written in", exact=True).select_option("pt-br")
    reader.get_by_label("Theme", exact=True).select_option("sustainable-mobility")
    click_button(reader, "en", "Apply")
    card = reader.locator(".practice-card", has_text=TITLE_EN)
    expect(card).to_have_count(1)
    check_accessibility(reader, "filtered practice list", javascript=javascript)
    with reader.expect_navigation():
        card.get_by_role("link", name=TITLE_EN).click()
    expect(reader.locator("h1")).to_have_text(TITLE_EN)
    banner = reader.locator(".notice", has_text="Originally written in")
    expect(banner).to_contain_text("Brazilian Portuguese")
    check_accessibility(reader, "practice in English", javascript=javascript)
    with reader.expect_navigation():
        banner.get_by_role("link", name="Read the original").click()
    expect(reader.locator("h1")).to_have_text(TITLE_PT)
    expect(reader.locator("h1")).to_have_attribute("lang", "pt-br")
    expect(reader.locator("article")).to_contain_text("O tempo de viagem caiu um quinto.")
    assert visitor.foreign_requests() == []
    assert visitor.failed_resources == []
