"""A document from upload to download, in a real browser, with the real task queue.

The Canoas editor uploads a Spanish DOCX → the page says it is being read → the database
worker (the one `make run` starts) reads it → the page (by its script, or the "check again"
link without JavaScript) shows it ready with its text → the editor submits it, the
secretariat publishes it, and a visitor finds it among the Spanish documents and downloads it.
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from intercambio.library.documents import docx_bytes
from intercambio.library.models import Resource, ResourceFile
from tests.browser.conftest import DEMO_ACCOUNTS, Session, gettext_in
from tests.browser.test_journeys import check_accessibility
from tests.browser.test_practice_journey import click_button

pytestmark = pytest.mark.browser

TITLE = "Guía de presupuesto participativo para barrios"
SENTENCE = "Cada barrio elige en asamblea abierta las obras que el municipio ejecutará"
DOCX = docx_bytes(
    title=TITLE,
    paragraphs=[
        f"{SENTENCE} durante el año siguiente.",
        "El presupuesto participativo acerca a la ciudadanía a las decisiones sobre el gasto "
        "público y mejora la rendición de cuentas de la gestión municipal.",
    ],
)


@pytest.fixture
def database_queue(settings):
    """Tasks go to the database queue, as in production, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_uploaded_docx_is_read_by_the_worker_and_downloaded(
    new_session, demo, database_queue, javascript
):
    # 1. The editor describes the guide and uploads its Spanish file.
    editor: Session = new_session(javascript=javascript, locale="es-AR")
    editor.sign_in(DEMO_ACCOUNTS["editor"], language="es")
    page = editor.page
    editor.goto("/es/library/new/")
    check_accessibility(page, "new document form", javascript=javascript)
    page.locator("#id_original_language").select_option("es")
    page.locator("#id_kind").select_option(Resource.Kind.GUIDE)
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill("Cómo organizar el presupuesto participativo.")
    page.get_by_label("Participación ciudadana").check()
    page.locator("#id_file_es").set_input_files(
        files=[
            {
                "name": "guia-presupuesto.docx",
                "mimeType": "application/octet-stream",
                "buffer": DOCX,
            }
        ]  # fmt: skip
    )
    click_button(page, "es", "Save")
    stored = ResourceFile.objects.get(resource__title_es=TITLE)
    assert stored.state == ResourceFile.State.PROCESSING
    expect(page.locator(".file-state")).to_have_text(
        gettext_in("es", "Processing: the text is being read.")
    )
    check_accessibility(page, "document being read", javascript=javascript)

    # 2. The worker reads the file; the page shows it ready with its text.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    stored.refresh_from_db()
    assert (stored.state, stored.detected_language) == (ResourceFile.State.READY, "es")
    if not javascript:
        with page.expect_navigation():
            page.get_by_role("link", name=gettext_in("es", "Check again")).click()
    # With JavaScript the page asks every few seconds and reloads itself.
    expect(page.locator(".file-state")).to_have_text(gettext_in("es", "Ready"), timeout=15_000)
    expect(page.locator(".excerpt")).to_contain_text(SENTENCE)
    check_accessibility(page, "document ready", javascript=javascript)

    # 3. Submitted by the editor, published by the secretariat.
    click_button(page, "es", "Submit for review")
    secretariat: Session = new_session(javascript=javascript, locale="pt-BR")
    secretariat.sign_in(DEMO_ACCOUNTS["secretariat"], language="pt-br")
    secretariat.goto("/pt-br/library/review/")
    check_accessibility(secretariat.page, "library review queue", javascript=javascript)
    with secretariat.page.expect_navigation():
        secretariat.page.get_by_role("link", name=TITLE).click()
    click_button(secretariat.page, "pt-br", "Publish")
    assert Resource.objects.get(title_es=TITLE).status == Resource.Status.PUBLISHED

    # 4. A visitor browsing in English finds it among the Spanish documents and downloads it.
    visitor: Session = new_session(javascript=javascript)
    visitor.goto("/en/library/")
    visitor.page.locator("#facet-language").select_option("es")
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Apply").click()
    check_accessibility(visitor.page, "library filtered by language", javascript=javascript)
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("link", name=TITLE).click()
    expect(visitor.page.locator(".excerpt")).to_contain_text(SENTENCE)
    with visitor.page.expect_download() as download_info:
        visitor.page.get_by_role("link", name="Download in español").click()
    download = download_info.value
    assert download.suggested_filename == "guia-presupuesto.docx"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == DOCX
    assert editor.foreign_requests() == visitor.foreign_requests() == []
    # A download ends its navigation as an aborted request: not a failed page resource.
    downloads = [url for url in visitor.failed_resources if url.endswith("/files/es/")]
    assert editor.failed_resources == [] and visitor.failed_resources == downloads
