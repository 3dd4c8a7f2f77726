"""Uploading library files through the pages: refused uploads, files that fail to be read,
reading them again, downloads and where the files are stored."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader, PdfWriter

from intercambio.library import domain
from intercambio.library.documents import docx_bytes, pdf_bytes
from intercambio.library.models import Resource, ResourceFile
from tests import factories
from tests.conftest import login

pytestmark = pytest.mark.django_db


Failure = ResourceFile.Failure
State = ResourceFile.State
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PT = (
    "A prefeitura de Canoas publicou um guia sobre hortas comunitárias para que os moradores "
    "ocupem os terrenos vazios do bairro."
)
DESCRIPTION = "Como começar uma horta comunitária no seu bairro."
MISMATCH = "This file type is not accepted, or the content does not match its name."


def in_portuguese(message: str) -> str:
    """`message` as the /pt-br/ pages show it (the English text while it is untranslated)."""
    with translation.override("pt-br"):
        return translation.gettext(message)


def media_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def guide_pdf() -> bytes:
    return pdf_bytes(title="Guia de hortas urbanas", paragraphs=[PT, PT])


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n" + b"\x8f garbage, not a PDF body \xff" * 40


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(guide_pdf())))
    writer.encrypt(user_password="segredo", owner_password="dono", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def new_data(organization, **overrides) -> dict:
    data = {
        "organization": organization.pk, "original_language": "pt-br", "kind": "guide",
        "title": "Guia de hortas urbanas", "description": DESCRIPTION, "audience": "",
        "authors": "Ana Souza, João Lima", "year": "2023",
        "themes": [factories.theme("open-government").pk], "licence": "cc-by-4.0",
    }  # fmt: skip
    data.update(overrides)
    return data


def edit_data(**overrides) -> dict:
    data = {
        "kind": "guide", "title": "Guia de hortas", "description": DESCRIPTION, "audience": "",
        "authors": "Ana Souza", "year": "2024", "themes": [factories.theme("open-government").pk],
        "licence": "cc-by-4.0",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def resource(organization, alice):
    """Alice's draft guide, written in Portuguese, with its Portuguese PDF already read."""
    resource = factories.ResourceFactory(
        organization=organization, original_language="pt-br", languages="|pt-br|",
        title_pt_br="Guia de hortas", title_en="", description_pt_br="Antes.",
    )  # fmt: skip
    domain.attach_file(
        resource=resource, language="pt-br", upload=upload("guia.pdf", guide_pdf()),
        content_type=PDF, by=alice,
    )  # fmt: skip
    return resource


def create(client: Client, organization, file: SimpleUploadedFile, **overrides):
    return client.post("/pt-br/library/new/", new_data(organization, file_pt_br=file, **overrides))


# ---- refused uploads ---------------------------------------------------------------------------


BAD_UPLOADS = [
    pytest.param("vazio.pdf", b"", "The submitted file is empty.", id="empty"),
    pytest.param("ferramenta.exe", b"MZ\x90\x00\x03\x00\x00\x00", MISMATCH, id="exe"),
    pytest.param("relatorio.pdf", b"MZ\x90\x00\x03\x00 a windows program", MISMATCH,
                 id="exe-renamed-pdf"),
    pytest.param("notas.docx", b"PK\x03\x04 not really a zip archive", MISMATCH, id="fake-docx"),
    pytest.param("pagina.html", b"only plain words here, no markup", MISMATCH, id="not-html"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), BAD_UPLOADS)
def test_create_with_a_bad_file_is_refused_and_keeps_what_was_typed(
    settings, organization, alice, name, content, message
):
    response = create(login(alice), organization, upload(name, content))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["file_pt_br"] == [in_portuguese(message)]
    page = response.content.decode()
    assert escape(in_portuguese(message)) in page
    assert (form["title"].value(), form["description"].value(), form["authors"].value()) == (
        "Guia de hortas urbanas", DESCRIPTION, "Ana Souza, João Lima")  # fmt: skip
    assert DESCRIPTION in page
    assert (Resource.objects.count(), ResourceFile.objects.count()) == (0, 0)
    assert media_files(settings) == []


def test_create_with_a_file_over_the_limit_is_refused(settings, organization, alice):
    settings.MAX_UPLOAD_MB = 1
    big = guide_pdf() + b"%" * (1536 * 1024)
    response = create(login(alice), organization, upload("grande.pdf", big))
    assert response.status_code == 400
    message = in_portuguese("The file is larger than %(limit)s MB.") % {"limit": 1}
    assert message == "O arquivo é maior que 1 MB."  # translated already
    assert response.context["form"].errors["file_pt_br"] == [message]
    assert escape(message) in response.content.decode()
    assert response.context["form"]["description"].value() == DESCRIPTION
    assert Resource.objects.count() == 0
    assert media_files(settings) == []


def test_create_with_a_file_at_the_limit_is_accepted(settings, organization, alice):
    settings.MAX_UPLOAD_MB = 1
    data = guide_pdf()
    response = create(login(alice), organization, upload("no-limite.pdf", data))
    assert response.status_code == 302
    assert ResourceFile.objects.get().size == len(data)


@pytest.mark.parametrize(("name", "content", "message"), BAD_UPLOADS)
def test_edit_with_a_bad_file_is_refused_and_keeps_the_stored_one(
    settings, resource, alice, name, content, message
):
    stored = resource.files.get()
    before = media_files(settings)
    data = edit_data(description="Texto novo que não foi salvo.", file_pt_br=upload(name, content))
    response = login(alice).post(f"/pt-br/library/{resource.slug}/edit/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["file_pt_br"] == [in_portuguese(message)]
    assert "Texto novo que não foi salvo." in response.content.decode()
    resource.refresh_from_db()
    assert resource.description_pt_br == "Antes."
    kept = resource.files.get()
    assert (kept.pk, kept.file.name, kept.original_name, kept.state) == (
        stored.pk, stored.file.name, "guia.pdf", State.READY)  # fmt: skip
    assert media_files(settings) == before


def test_edit_with_a_file_over_the_limit_keeps_the_stored_one(settings, resource, alice):
    settings.MAX_UPLOAD_MB = 1
    stored = resource.files.get()
    big = upload("grande.pdf", guide_pdf() + b"%" * (1536 * 1024))
    response = login(alice).post(f"/pt-br/library/{resource.slug}/edit/", edit_data(file_pt_br=big))
    assert response.status_code == 400
    assert response.context["form"].errors["file_pt_br"] == ["O arquivo é maior que 1 MB."]
    assert resource.files.get().file.name == stored.file.name
    assert stored.file.storage.exists(stored.file.name)


# ---- files that are accepted but cannot be read ------------------------------------------------


@pytest.mark.parametrize(
    ("make", "failure"), [(broken_pdf, Failure.BROKEN), (encrypted_pdf, Failure.ENCRYPTED)]
)
def test_an_unreadable_pdf_is_saved_and_its_page_says_why(organization, alice, make, failure):
    response = create(login(alice), organization, upload("guia.pdf", make()))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert response.url == f"/pt-br/library/{resource.slug}/"
    stored = resource.files.get()
    assert (stored.state, stored.failure) == (State.FAILED, failure)
    page = login(alice).get(response.url).content.decode()
    reason = f"{in_portuguese('Failed:')} {in_portuguese(failure.label)}"
    assert escape(reason) in page
    assert in_portuguese("Read it again") not in page  # editors upload a fixed file instead


def test_secretariat_reads_a_failed_file_again(organization, alice, secretariat):
    create(login(alice), organization, upload("guia.pdf", broken_pdf()))
    resource = Resource.objects.get()
    detail = f"/pt-br/library/{resource.slug}/"
    retry = f"/pt-br/library/{resource.slug}/files/pt-br/retry/"
    client = login(secretariat)
    page = client.get(detail).content.decode()
    assert f'action="{retry}"' in page
    assert in_portuguese("Read it again") in page

    response = client.post(retry, follow=True)
    assert response.redirect_chain == [(detail, 302)]
    assert escape(in_portuguese("The file is being read again.")) in response.content.decode()
    stored = resource.files.get()
    assert (stored.state, stored.failure, stored.attempts) == (State.FAILED, Failure.BROKEN, 2)


def test_retry_on_a_file_that_did_not_fail_changes_nothing(resource, secretariat):
    response = login(secretariat).post(
        f"/pt-br/library/{resource.slug}/files/pt-br/retry/", follow=True
    )
    message = in_portuguese("The file is not in a failed state: nothing to retry.")
    assert escape(message) in response.content.decode()
    stored = resource.files.get()
    assert (stored.state, stored.attempts) == (State.READY, 1)


def test_editor_may_not_retry_a_failed_file(organization, alice):
    client = login(alice)
    create(client, organization, upload("guia.pdf", broken_pdf()))
    resource = Resource.objects.get()
    response = client.post(f"/pt-br/library/{resource.slug}/files/pt-br/retry/")
    assert response.status_code == 403
    assert resource.files.get().attempts == 1


@pytest.mark.parametrize("persona", ["alice", "bob", "charlie"])
def test_only_the_secretariat_may_retry_on_a_published_resource(request, resource, persona):
    Resource.objects.filter(pk=resource.pk).update(status=Resource.Status.PUBLISHED)
    ResourceFile.objects.update(state=State.FAILED, failure=Failure.BROKEN)
    user = request.getfixturevalue(persona)
    response = login(user).post(f"/pt-br/library/{resource.slug}/files/pt-br/retry/")
    assert response.status_code == 403
    assert resource.files.get().state == State.FAILED


def test_visitor_trying_to_retry_is_sent_to_sign_in(resource):
    Resource.objects.filter(pk=resource.pk).update(status=Resource.Status.PUBLISHED)
    ResourceFile.objects.update(state=State.FAILED, failure=Failure.BROKEN)
    url = f"/pt-br/library/{resource.slug}/files/pt-br/retry/"
    response = Client().post(url)
    assert (response.status_code, response.url) == (302, f"/pt-br/accounts/login/?next={url}")
    assert resource.files.get().state == State.FAILED


# ---- downloads ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "content_type", "disposition"),
    [
        ("guia.pdf", guide_pdf(), PDF, 'attachment; filename="guia.pdf"'),
        ("Guia final.docx", docx_bytes(title="Guia", paragraphs=[PT]), DOCX,
         'attachment; filename="Guia final.docx"'),
        ("Guía ação.pdf", guide_pdf(), PDF,
         "attachment; filename*=utf-8''Gu%C3%ADa%20a%C3%A7%C3%A3o.pdf"),
    ],
)  # fmt: skip
def test_download_is_an_attachment_with_its_type_and_original_name(
    organization, alice, name, data, content_type, disposition
):
    client = login(alice)
    assert create(client, organization, upload(name, data)).status_code == 302
    resource = Resource.objects.get()
    response = client.get(f"/pt-br/library/{resource.slug}/files/pt-br/")
    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        content_type, disposition)  # fmt: skip
    assert b"".join(response.streaming_content) == data


@pytest.mark.parametrize("language", ["es", "en", "xx"])
def test_download_in_a_language_without_a_file_is_not_found(resource, alice, language):
    response = login(alice).get(f"/pt-br/library/{resource.slug}/files/{language}/")
    assert response.status_code == 404


def test_download_of_a_file_missing_from_storage_is_not_found(resource, alice):
    stored = resource.files.get()
    stored.file.storage.delete(stored.file.name)
    assert login(alice).get(f"/pt-br/library/{resource.slug}/files/pt-br/").status_code == 404


@pytest.mark.parametrize(("persona", "status"), [
    (None, 404), ("bob", 404), ("charlie", 404), ("alice", 200), ("secretariat", 200),
])  # fmt: skip
def test_download_of_a_draft_is_for_its_editors_and_reviewers(request, resource, persona, status):
    client = login(request.getfixturevalue(persona)) if persona else Client()
    assert client.get(f"/pt-br/library/{resource.slug}/files/pt-br/").status_code == status


def test_download_of_a_published_resource_is_public(resource):
    Resource.objects.filter(pk=resource.pk).update(status=Resource.Status.PUBLISHED)
    response = Client().get(f"/pt-br/library/{resource.slug}/files/pt-br/")
    assert (response.status_code, response["Content-Type"]) == (200, PDF)


# ---- storage -----------------------------------------------------------------------------------


def test_stored_name_is_generated_even_for_a_path_in_the_upload_name(
    settings, tmp_path, organization, alice
):
    boundary = "IntercambioBoundary"
    fields = new_data(organization, file_pt_br=upload("evil.pdf", guide_pdf()))
    # The test client sends only the base name: the browser-supplied path is put back here.
    body = encode_multipart(boundary, fields).replace(
        b'filename="evil.pdf"', b'filename="../../evil.pdf"'
    )
    assert b'filename="../../evil.pdf"' in body
    response = login(alice).post(
        "/pt-br/library/new/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 302
    stored = ResourceFile.objects.get()
    assert stored.original_name == "evil.pdf"
    assert re.fullmatch(rf"library/{stored.resource_id}/[0-9a-f]{{32}}\.pdf", stored.file.name)
    assert media_files(settings) == [stored.file.name]
    assert sorted(path.name for path in tmp_path.rglob("evil.pdf")) == []
    assert stored.state == State.READY


def test_file_states_reports_nothing_processing_after_the_upload(organization, alice):
    client = login(alice)
    create(client, organization, upload("guia.pdf", guide_pdf()))
    resource = Resource.objects.get()
    url = f"/pt-br/library/{resource.slug}/files/states/"
    assert client.get(url).json() == {"processing": 0}
    assert resource.files.get().state == State.READY
    ResourceFile.objects.update(state=State.PROCESSING)  # as while the worker reads it
    assert client.get(url).json() == {"processing": 1}
