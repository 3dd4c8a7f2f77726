"""Reading the text out of real documents made here: extract() on a path, and the worker's
read_file() on a stored ResourceFile (state, failure, what is kept)."""

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader, PdfWriter

from intercambio.library import domain
from intercambio.library import extract as extract_module
from intercambio.library.documents import docx_bytes, odt_bytes, pdf_bytes
from intercambio.library.extract import LIBRARY_TYPES, ExtractionError, extract
from intercambio.library.models import EXCERPT_LENGTH, ResourceFile
from tests import factories

pytestmark = pytest.mark.django_db


Failure = ResourceFile.Failure
State = ResourceFile.State

PT = (
    "A prefeitura de Canoas publicou um guia sobre dados abertos para que os cidadãos "
    "acompanhem as contas públicas da cidade."
)
ES = (
    "La intendencia de Montevideo publica sus datos abiertos para que la ciudadanía controle "
    "la gestión pública de la ciudad."
)
EN = (
    "The city of Rosario publishes its open data so that residents can follow how the public "
    "budget is spent."
)
# A Windows executable's first bytes.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(240)
BOMB_MEMBER = "word/media/zeros.bin"


# ---- documents -------------------------------------------------------------------------------


def read(tmp_path: Path, name: str, data: bytes):
    # Stored as models.file_path names it: a generated name with the upload's extension.
    path = tmp_path / f"0123456789abcdef.{name.rsplit('.', 1)[-1].lower()}"
    path.write_bytes(data)
    return extract(path=path, name=name)


def failure_of(tmp_path: Path, name: str, data: bytes) -> str:
    with pytest.raises(ExtractionError) as raised:
        read(tmp_path, name, data)
    return raised.value.failure


def one_line(text: str) -> str:
    # A PDF breaks paragraphs into lines where the page ends them.
    return " ".join(text.split())


def replace_member(data: bytes, name: str, content: bytes) -> bytes:
    """The zip `data` with the member `name` holding `content` instead (added if missing)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info, source.read(info))
        archive.writestr(name, content)
    return buffer.getvalue()


def encrypted_pdf(*, user_password: str, owner_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(title="Sigilo", paragraphs=[PT]))))
    # RC4 is built into pypdf; AES needs the optional `cryptography` package.
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def aes256_pdf() -> bytes:
    """A PDF protected the way Acrobat does it today (AES-256, revision 6) with a user
    password; written by hand because pypdf needs `cryptography` to write one."""
    hex_bytes = "ab" * 48
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 16 >>\nstream\n" + bytes(range(16)) + b"\nendstream",
        (
            f"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <{hex_bytes}> "
            f"/U <{hex_bytes}> /OE <{hex_bytes[:64]}> /UE <{hex_bytes[:64]}> "
            f"/Perms <{hex_bytes[:32]}> /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen "
            "/Length 32 >> >> /StmF /StdCF /StrF /StdCF >>"
        ).encode(),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 5 0 R "
        f"/ID [<{'cd' * 16}> <{'cd' * 16}>] >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def scanned_pdf() -> bytes:
    """Two pages holding only a picture, as a scanner makes them: no text at all."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for shade in ("#dddddd", "#bbbbbb"):
        pdf.add_page()
        pdf.image(Image.new("RGB", (60, 80), shade), x=10, y=10, w=190)
    return bytes(pdf.output())


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Indicadores"
    sheet.append(["Cidade", "Emissões"])
    sheet.append(["Canoas", 1234])
    sheet.append(["Quilmes", 5.5])
    workbook.create_sheet("Notas")["A1"] = "Fonte: inventário municipal"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """1.4 MB on disk, 300 MB of zeros inside. It carries the member each office type is
    recognized by, so the same file passes for a DOCX, an XLSX or an ODT; it is written
    member by member, never holding the 300 MB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = bytes(1024 * 1024)
        with archive.open(BOMB_MEMBER, "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(chunk)
    return path


# ---- extract(): what is read out of each type --------------------------------------------------


def test_extract_pdf_reads_its_text_language_and_page(tmp_path):
    data = pdf_bytes(title="Guia de dados abertos", paragraphs=[PT, PT])
    found = read(tmp_path, "guia.pdf", data)
    assert one_line(found.text) == f"Guia de dados abertos {PT} {PT}"
    assert (found.page_count, found.language) == (1, "pt-br")
    assert found.excerpt == found.text


def test_extract_pdf_of_many_pages_counts_them_and_cuts_the_excerpt_at_a_word(tmp_path):
    data = pdf_bytes(title="Relatório anual", paragraphs=[PT] * 80 + ["Fim do relatório."])
    found = read(tmp_path, "relatorio.pdf", data)
    assert found.page_count == len(PdfReader(io.BytesIO(data)).pages)
    assert found.page_count > 1
    assert found.text.endswith("Fim do relatório.")  # every page was read
    assert len(found.text) > EXCERPT_LENGTH
    assert EXCERPT_LENGTH // 2 < len(found.excerpt) <= EXCERPT_LENGTH
    assert found.text.startswith(found.excerpt)
    assert found.text[len(found.excerpt)] == " "  # cut between two words, not inside one
    assert found.language == "pt-br"


def test_extract_docx_reads_heading_and_paragraphs(tmp_path):
    data = docx_bytes(title="Guía de datos abiertos", paragraphs=[ES, "Segunda parte."])
    found = read(tmp_path, "guia.docx", data)
    assert found.text == f"Guía de datos abiertos\n{ES}\nSegunda parte."
    assert found.language == "es"


def test_extract_docx_takes_the_page_count_word_stored(tmp_path):
    data = replace_member(
        docx_bytes(title="Guide", paragraphs=[EN]), "docProps/app.xml",
        b'<?xml version="1.0"?><Properties><Pages>7</Pages></Properties>',
    )  # fmt: skip
    assert read(tmp_path, "guide.docx", data).page_count == 7


def test_extract_odt_keeps_headings_and_paragraphs_in_order(tmp_path):
    data = odt_bytes(title="Open data guide", paragraphs=[EN, "Then the council reads it."])
    found = read(tmp_path, "guide.odt", data)
    assert found.text == f"Open data guide\n{EN}\nThen the council reads it."
    assert (found.language, found.page_count) == ("en", None)


def test_extract_html_leaves_out_scripts_and_styles_and_decodes_entities(tmp_path):
    page = (
        "<!DOCTYPE html><html lang='es'><head><title>Guía</title>"
        "<style>body { color: red }</style><script>var secreto = 'no debe aparecer';</script>"
        "</head><body><h1>Presupuesto participativo</h1>"
        "<p>Los vecinos &amp; vecinas deciden en qu&eacute; se gasta el dinero &#8212; "
        "cada a&ntilde;o.</p><script>alert('xss')</script>"
        "<style>p { margin: 0 }</style><p>Segundo p&aacute;rrafo sobre el proceso.</p>"
        "</body></html>"
    )
    found = read(tmp_path, "guia.html", page.encode())
    assert found.text == (
        "Presupuesto participativo\n\n"
        "Los vecinos & vecinas deciden en qué se gasta el dinero — cada año.\n\n"
        "Segundo párrafo sobre el proceso."
    )
    assert found.language == "es"


def test_extract_html_without_the_optional_head_end_tag_reads_the_body(tmp_path):
    # `</head>` may be omitted in HTML; the body used to be skipped as part of the head.
    page = f"<!doctype html><html><head><meta charset=utf-8><title>Guia</title><body><p>{PT}"
    assert read(tmp_path, "guia.htm", page.encode()).text == PT


@pytest.mark.parametrize(
    ("encoding", "text", "language"),
    [
        ("utf-8", "A cidade de São Leopoldo ampliou a coleta seletiva em todos os bairros.", "pt-br"),
        ("utf-8-sig", "A cidade de São Leopoldo ampliou a coleta seletiva em todos os bairros.", "pt-br"),
        ("cp1252", "La ciudad de Asunción amplió la recolección selectiva — año 2024, ¡por fin!", "es"),
    ],
)  # fmt: skip
def test_extract_txt_decodes_utf8_and_windows_encodings(tmp_path, encoding, text, language):
    found = read(tmp_path, "nota.txt", text.encode(encoding))
    assert (found.text, found.language, found.page_count) == (text, language, None)


def test_extract_csv_keeps_its_rows(tmp_path):
    rows = "cidade,população,ano\r\nCanoas,347657,2022\r\nSão Leopoldo,217409,2022\r\n"
    found = read(tmp_path, "populacao.csv", rows.encode())
    assert found.text == "cidade,população,ano\nCanoas,347657,2022\nSão Leopoldo,217409,2022"


def test_extract_markdown_reads_the_source_text(tmp_path):
    source = f"# Guia de hortas urbanas\n\n\n\n{PT}\n"
    found = read(tmp_path, "hortas.md", source.encode())
    assert (found.text, found.language) == (f"# Guia de hortas urbanas\n\n{PT}", "pt-br")


def test_extract_xlsx_reads_every_sheet(tmp_path):
    found = read(tmp_path, "indicadores.xlsx", xlsx_bytes())
    assert found.text == (
        "Indicadores\nCidade Emissões\nCanoas 1234\nQuilmes 5.5\nNotas\nFonte: inventário municipal"
    )
    assert found.page_count is None


def test_extract_pdf_with_only_an_owner_password_is_read(tmp_path):
    found = read(tmp_path, "restrito.pdf", encrypted_pdf(user_password="", owner_password="dono"))
    assert one_line(found.text) == f"Sigilo {PT}"
    assert found.page_count == 1


# ---- extract(): what cannot be read, and why -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "failure"),
    [
        ("quebrado.pdf", lambda: b"%PDF-1.7\n" + b"\x8f garbage, not a PDF body \x00\xff" * 40,
         Failure.BROKEN),
        ("sigilo.pdf", lambda: encrypted_pdf(user_password="segredo", owner_password="dono"),
         Failure.ENCRYPTED),
        # Without `cryptography` pypdf raised DependencyError here: an "internal" failure.
        ("sigilo-aes.pdf", aes256_pdf, Failure.ENCRYPTED),
        ("vazio.pdf", lambda: b"", Failure.EMPTY),
        ("vazio.txt", lambda: b"", Failure.EMPTY),
        ("relatorio.pdf", lambda: EXECUTABLE, Failure.MISMATCH),
        ("pagina.html", lambda: b"plain words, no markup at all", Failure.MISMATCH),
        ("planilha.xlsx", lambda: docx_bytes(title="x", paragraphs=[]), Failure.MISMATCH),
        ("guia.docx", lambda: replace_member(docx_bytes(title="Guia", paragraphs=[PT]),
                                             "word/document.xml", b"this is <not XML"),
         Failure.BROKEN),
        ("escaneado.pdf", scanned_pdf, Failure.NO_TEXT),
        ("espacos.txt", lambda: b" \r\n\t \r\n", Failure.NO_TEXT),
    ],
)  # fmt: skip
def test_extract_unreadable_files_fail_with_their_reason(tmp_path, name, make, failure):
    assert failure_of(tmp_path, name, make()) == failure


@pytest.mark.parametrize(("name", "members_read"), [
    ("bomb.docx", []), ("bomb.xlsx", []), ("bomb.odt", ["mimetype"]),
])  # fmt: skip
def test_extract_zip_bomb_stops_before_expanding_it(zip_bomb, monkeypatch, name, members_read):
    assert zip_bomb.stat().st_size < 2 * 1024 * 1024
    opened = []
    real_open = zipfile.ZipFile.open

    def recording_open(archive, member, *args, **kwargs):
        opened.append(member if isinstance(member, str) else member.filename)
        return real_open(archive, member, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    with pytest.raises(ExtractionError) as raised:
        extract(path=zip_bomb, name=name)
    assert raised.value.failure == Failure.TOO_LARGE_INSIDE
    assert opened == members_read  # the 300 MB member was never opened


# ---- read_file(): the worker, on a stored file -----------------------------------------------


@pytest.fixture
def queued_only(settings):
    """Tasks are queued and not run, as when the worker has not got to them yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def resource(organization):
    return factories.ResourceFactory(
        organization=organization, title_en="Open data guide",
        themes=[factories.theme("open-government")],
    )  # fmt: skip


def attach(resource, name: str, data: bytes, language: str = "pt-br") -> ResourceFile:
    extension = name.rsplit(".", 1)[-1]
    return domain.attach_file(
        resource=resource, language=language, upload=SimpleUploadedFile(name, data),
        content_type=LIBRARY_TYPES.get(extension, "application/octet-stream"), by=None,
    )  # fmt: skip


def test_read_file_stores_text_pages_language_and_excerpt(resource, queued_only):
    data = pdf_bytes(title="Relatório anual", paragraphs=[PT] * 80)
    stored = attach(resource, "relatorio.pdf", data)
    assert stored.state == State.PROCESSING
    assert domain.read_file(file_id=stored.pk) == State.READY
    stored.refresh_from_db()
    assert (stored.state, stored.failure, stored.detected_language, stored.attempts) == (
        State.READY, "", "pt-br", 1)  # fmt: skip
    assert stored.page_count == len(PdfReader(io.BytesIO(data)).pages)
    assert one_line(stored.text) == " ".join(["Relatório anual"] + [PT] * 80)
    assert stored.excerpt == extract_module.excerpt(stored.text)
    assert stored.processed_at is not None


@pytest.mark.parametrize(
    ("name", "make", "failure"),
    [
        ("quebrado.pdf", lambda: b"%PDF-1.4\n" + b"\x00garbage" * 100, Failure.BROKEN),
        ("sigilo.pdf", lambda: encrypted_pdf(user_password="segredo", owner_password="dono"),
         Failure.ENCRYPTED),
        ("vazio.pdf", lambda: b"", Failure.EMPTY),
        ("relatorio.pdf", lambda: EXECUTABLE, Failure.MISMATCH),
        ("escaneado.pdf", scanned_pdf, Failure.NO_TEXT),
        ("guia.docx", lambda: replace_member(docx_bytes(title="Guia", paragraphs=[PT]),
                                             "word/document.xml", b"<w:document><w:body>"),
         Failure.BROKEN),
    ],
)  # fmt: skip
def test_read_file_records_the_failure_and_keeps_the_resource(resource, queued_only, name, make,
                                                              failure):  # fmt: skip
    stored = attach(resource, name, make())
    assert domain.read_file(file_id=stored.pk) == State.FAILED
    stored.refresh_from_db()
    assert (stored.state, stored.failure, stored.text, stored.attempts) == (
        State.FAILED, failure, "", 1)  # fmt: skip
    assert stored.file.storage.exists(stored.file.name)  # still downloadable
    resource.refresh_from_db()
    assert resource.title_en == "Open data guide"
    assert [theme.slug for theme in resource.themes.all()] == ["open-government"]
    assert resource.language_list == ["en", "pt-br"]


def test_read_file_of_a_zip_bomb_fails_as_too_large_inside(resource, queued_only, zip_bomb):
    stored = attach(resource, "guia.docx", zip_bomb.read_bytes())
    assert domain.read_file(file_id=stored.pk) == State.FAILED
    stored.refresh_from_db()
    assert (stored.state, stored.failure) == (State.FAILED, Failure.TOO_LARGE_INSIDE)


def test_read_file_deleted_from_storage_fails_as_missing(resource, queued_only):
    stored = attach(resource, "guia.pdf", pdf_bytes(title="Guia", paragraphs=[PT]))
    stored.file.storage.delete(stored.file.name)
    assert domain.read_file(file_id=stored.pk) == State.FAILED
    stored.refresh_from_db()
    assert (stored.state, stored.failure) == (State.FAILED, Failure.MISSING)


def test_read_file_unexpected_error_is_logged_and_never_left_processing(
    resource, queued_only, monkeypatch, caplog
):
    def crash(path):
        raise RuntimeError("a bug in a reader")

    monkeypatch.setitem(extract_module._READERS, LIBRARY_TYPES["pdf"], crash)
    stored = attach(resource, "guia.pdf", pdf_bytes(title="Guia", paragraphs=[PT]))
    assert domain.read_file(file_id=stored.pk) == State.FAILED
    stored.refresh_from_db()
    assert (stored.state, stored.failure, stored.attempts) == (State.FAILED, Failure.INTERNAL, 1)
    logged = [(r.name, r.getMessage()) for r in caplog.records if r.exc_info]
    assert logged == [("intercambio.library.domain", f"reading library file {stored.pk} failed")]


def test_read_file_on_a_file_already_read_is_skipped(resource):
    stored = attach(resource, "guia.pdf", pdf_bytes(title="Guia", paragraphs=[PT]))
    stored.refresh_from_db()
    assert (stored.state, stored.attempts) == (State.READY, 1)  # read at once by the test queue
    assert domain.read_file(file_id=stored.pk) == "skipped"
    failed = attach(resource, "vazio.txt", b"", language="es")
    assert domain.read_file(file_id=failed.pk) == "skipped"
    assert list(ResourceFile.objects.order_by("language").values_list("language", "attempts")) == [
        ("es", 1), ("pt-br", 1)]  # fmt: skip


def test_read_file_does_not_overwrite_a_file_replaced_while_it_was_read(
    resource, queued_only, monkeypatch
):
    stored = attach(resource, "v1.pdf", pdf_bytes(title="Versão 1", paragraphs=[PT]))
    real_extract = domain.extract

    def replaced_meanwhile(*, path, name):
        found = real_extract(path=path, name=name)
        attach(resource, "v2.txt", ES.encode())  # an editor uploads a new version meanwhile
        return found

    monkeypatch.setattr(domain, "extract", replaced_meanwhile)
    domain.read_file(file_id=stored.pk)
    stored.refresh_from_db()
    assert (stored.state, stored.original_name, stored.text) == (State.PROCESSING, "v2.txt", "")


# ---- replacing and retrying --------------------------------------------------------------------


def test_attach_file_again_replaces_the_file_and_deletes_the_old_one_after_commit(
    resource, django_capture_on_commit_callbacks
):
    first = attach(resource, "v1.pdf", pdf_bytes(title="Versão 1", paragraphs=[PT]))
    old_name, storage = first.file.name, first.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        second = attach(resource, "v2.docx", docx_bytes(title="Versão 2", paragraphs=[PT]))
        assert storage.exists(old_name)  # kept until the new row is committed
    assert storage.exists(old_name) is False
    assert storage.exists(second.file.name)
    second.refresh_from_db()
    assert (second.pk, second.original_name, second.state, second.text) == (
        first.pk, "v2.docx", State.READY, f"Versão 2\n{PT}")  # fmt: skip
    assert ResourceFile.objects.count() == 1


def test_attach_file_in_another_language_keeps_the_first_file(
    resource, django_capture_on_commit_callbacks
):
    first = attach(resource, "guia.pdf", pdf_bytes(title="Guia", paragraphs=[PT]))
    with django_capture_on_commit_callbacks(execute=True):
        attach(resource, "guia.txt", ES.encode(), language="es")
    assert first.file.storage.exists(first.file.name)
    resource.refresh_from_db()
    assert resource.language_list == ["en", "es", "pt-br"]


def test_retry_file_reads_a_failed_file_again_and_a_second_retry_returns_false(
    resource, secretariat, monkeypatch
):
    def crash(path):
        raise RuntimeError("a bug in a reader")

    monkeypatch.setitem(extract_module._READERS, LIBRARY_TYPES["pdf"], crash)
    stored = attach(resource, "guia.pdf", pdf_bytes(title="Guia", paragraphs=[PT]))
    stored.refresh_from_db()
    assert (stored.state, stored.failure) == (State.FAILED, Failure.INTERNAL)
    monkeypatch.undo()  # the bug is fixed

    assert domain.retry_file(stored=stored, by=secretariat) is True
    stored.refresh_from_db()
    assert (stored.state, stored.failure, stored.attempts) == (State.READY, "", 2)
    assert one_line(stored.text) == f"Guia {PT}"
    assert domain.retry_file(stored=stored, by=secretariat) is False
    stored.refresh_from_db()
    assert (stored.state, stored.attempts) == (State.READY, 2)


@pytest.mark.parametrize(
    ("state", "minutes_ago", "expected"),
    [
        (State.PROCESSING, 16, True),  # its worker was lost
        (State.PROCESSING, 14, False),  # probably still being read
        (State.FAILED, 0, True),
        (State.READY, 60, False),
    ],
)
def test_may_retry_a_failed_or_stalled_file(resource, queued_only, state, minutes_ago, expected):
    stored = attach(resource, "guia.pdf", pdf_bytes(title="Guia", paragraphs=[PT]))
    updated_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    ResourceFile.objects.filter(pk=stored.pk).update(state=state, updated_at=updated_at)
    assert domain.may_retry(ResourceFile.objects.get(pk=stored.pk)) is expected


def test_retry_file_restarts_a_stalled_file(resource, secretariat, queued_only, settings):
    stored = attach(resource, "guia.pdf", pdf_bytes(title="Guia", paragraphs=[PT]))
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ResourceFile.objects.filter(pk=stored.pk).update(updated_at=long_ago)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert domain.retry_file(stored=ResourceFile.objects.get(pk=stored.pk), by=secretariat)
    stored.refresh_from_db()
    assert (stored.state, stored.attempts) == (State.READY, 1)
    assert stored.updated_at > long_ago
