"""Reading the text out of an uploaded document: PDF, DOCX, ODT, XLSX, HTML, Markdown, CSV, TXT.

Every reader is pure Python. Documents come from strangers, so each one is bounded: zip
archives are measured before they are opened, text stops at MAX_TEXT_CHARACTERS and a
failure is an ExtractionError carrying the reason shown to people, never an exception
that escapes.
"""

import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from intercambio.library.models import EXCERPT_LENGTH, ResourceFile
from intercambio.practices.files import ACCEPTED, TEXT_DOCUMENTS, detect_type

logger = logging.getLogger(__name__)
Failure = ResourceFile.Failure

# What the library takes in, extension → MIME type.
LIBRARY_TYPES = {
    extension: ACCEPTED[extension] for extension in ("pdf", "docx", "odt", "xlsx", "csv", "txt")
} | TEXT_DOCUMENTS
# Enough for a 1 000-page report; beyond it the text is cut (the file itself is kept whole).
MAX_TEXT_CHARACTERS = 2_000_000
# A zip member that expands beyond this, or 100 times its compressed size past 10 MB, is a
# decompression bomb, not an office document.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
LANGUAGE_SAMPLE_CHARACTERS = 4000
LANGUAGE_MIN_CHARACTERS = 20


class ExtractionError(Exception):
    def __init__(self, failure: str):
        super().__init__(failure)
        self.failure = failure


@dataclass
class Extracted:
    text: str
    page_count: int | None
    language: str
    excerpt: str


def extract(*, path: Path, name: str) -> Extracted:
    """The text, page count, language and excerpt of the file at `path`, uploaded as `name`.
    Raises ExtractionError with a ResourceFile.Failure value."""
    if path.stat().st_size == 0:
        raise ExtractionError(Failure.EMPTY)
    with path.open("rb") as handle:
        content_type = detect_type(name=name, file=handle, accepted=LIBRARY_TYPES)
    if content_type is None:
        raise ExtractionError(Failure.MISMATCH)
    reader = _READERS[content_type]
    text, page_count = reader(path)
    text = _tidy(text)[:MAX_TEXT_CHARACTERS]
    if not text:
        raise ExtractionError(Failure.NO_TEXT)
    return Extracted(
        text=text, page_count=page_count, language=detect_language(text), excerpt=excerpt(text)
    )


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """The first `length` characters, cut at the end of a word."""
    if len(text) <= length:
        return text
    cut = text[:length]
    return cut[: cut.rfind(" ")] if " " in cut[length // 2 :] else cut


def _tidy(text: str) -> str:
    """NFC, no control characters, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ---- language -------------------------------------------------------------------------------


@cache
def _detector():
    # Built once per process; only the languages the networks write in (and their neighbours,
    # so that a French report is not called Spanish).
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.PORTUGUESE, Language.SPANISH, Language.ENGLISH, Language.FRENCH,
        Language.ITALIAN, Language.GERMAN,
    ).build()  # fmt: skip


_CODES = {"PORTUGUESE": "pt-br", "SPANISH": "es", "ENGLISH": "en"}


def detect_language(text: str) -> str:
    """ "pt-br", "es", "en", another ISO 639-1 code, or "" when the text is too short or too
    mixed to tell."""
    sample = text[:LANGUAGE_SAMPLE_CHARACTERS]
    if len(sample.strip()) < LANGUAGE_MIN_CHARACTERS:
        return ""
    confidences = _detector().compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < 0.5:
        return ""
    language = confidences[0].language
    return _CODES.get(language.name, language.iso_code_639_1.name.lower())


# ---- readers: each returns (text, page count or None) ---------------------------------------


def _read_pdf(path: Path) -> tuple[str, int | None]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            # An owner password alone (printing restrictions) still opens with an empty one.
            try:
                opened = reader.decrypt("")
            except (FileNotDecryptedError, NotImplementedError):
                opened = 0
            if not opened:
                raise ExtractionError(Failure.ENCRYPTED)
        pages, size = [], 0
        for page in reader.pages:
            if size < MAX_TEXT_CHARACTERS:
                text = page.extract_text() or ""
                pages.append(text)
                size += len(text)
        return "\n\n".join(pages), len(reader.pages)
    except ExtractionError:
        raise
    except FileNotDecryptedError:
        raise ExtractionError(Failure.ENCRYPTED) from None
    except DependencyError:
        # AES (what Acrobat uses) needs the optional `cryptography` package; without it an
        # AES-protected PDF cannot be opened, and reading it again would fail the same way.
        raise ExtractionError(Failure.ENCRYPTED) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, ZeroDivisionError):  # fmt: skip
        logger.info("unreadable PDF %s", path.name, exc_info=True)
        raise ExtractionError(Failure.BROKEN) from None


def _open_zip(path: Path) -> zipfile.ZipFile:
    """The archive, after checking that no member is a decompression bomb."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ExtractionError(Failure.BROKEN) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNZIPPED_BYTES or (
            info.file_size > 10 * 1024 * 1024 and ratio > MAX_ZIP_RATIO
        ):
            archive.close()
            raise ExtractionError(Failure.TOO_LARGE_INSIDE)
    return archive


def _app_pages(archive: zipfile.ZipFile) -> int | None:
    """The page count Word (or LibreOffice) stored in docProps/app.xml, if any."""
    try:
        found = re.search(rb"<Pages>(\d+)</Pages>", archive.read("docProps/app.xml"))
    except KeyError:
        return None
    return int(found.group(1)) if found else None


def _read_docx(path: Path) -> tuple[str, int | None]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with _open_zip(path) as archive:
        pages = _app_pages(archive)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        logger.info("unreadable DOCX %s: %s", path.name, error)
        raise ExtractionError(Failure.BROKEN) from None
    except Exception as error:  # lxml raises its own syntax errors on a damaged document.xml
        logger.info("unreadable DOCX %s: %s", path.name, error)
        raise ExtractionError(Failure.BROKEN) from None
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts), pages


def _read_odt(path: Path) -> tuple[str, int | None]:
    from odf.opendocument import load

    with _open_zip(path) as archive:
        try:
            meta = archive.read("meta.xml")
        except KeyError:
            meta = b""
    found = re.search(rb'page-count="(\d+)"', meta)
    try:
        document = load(str(path))
        text = "\n".join(_odf_paragraphs(document.text))
    except Exception as error:  # odfpy raises whatever its XML parser raises
        logger.info("unreadable ODT %s: %s", path.name, error)
        raise ExtractionError(Failure.BROKEN) from None
    return text, int(found.group(1)) if found else None


def _odf_paragraphs(node):
    """The headings and paragraphs under `node`, in document order (lists and tables
    nest them)."""
    from odf import teletype
    from odf.namespaces import TEXTNS

    for child in node.childNodes:
        if child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield teletype.extractText(child)
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _odf_paragraphs(child)


def _read_xlsx(path: Path) -> tuple[str, int | None]:
    import openpyxl

    with _open_zip(path):
        pass
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises a variety of parser errors
        logger.info("unreadable XLSX %s: %s", path.name, error)
        raise ExtractionError(Failure.BROKEN) from None
    lines, size = [], 0
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                line = "\t".join(str(value) for value in row if value is not None)
                if line:
                    lines.append(line)
                    size += len(line)
                if size > MAX_TEXT_CHARACTERS:
                    break
    finally:
        workbook.close()
    return "\n".join(lines), None


def _decode(path: Path) -> str:
    with path.open("rb") as handle:
        data = handle.read(MAX_TEXT_CHARACTERS * 4)
        truncated = bool(handle.read(1))
    # A cut file may end inside a UTF-8 character: up to 3 bytes are dropped before giving
    # up on UTF-8 and reading it as Windows-1252.
    for drop in range(4 if truncated else 1):
        try:
            return data[: len(data) - drop].decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _read_text(path: Path) -> tuple[str, int | None]:
    return _decode(path), None


class _TextOfHtml(HTMLParser):
    SKIPPED = {"script", "style", "template", "noscript", "svg", "head"}
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol", "title"}  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            # `</head>` may be left out: the body starts what is shown, whatever is still open.
            self.skipping = 0
        elif tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _read_html(path: Path) -> tuple[str, int | None]:
    parser = _TextOfHtml()
    parser.feed(_decode(path))
    parser.close()
    return "".join(parser.parts), None


_READERS = {
    LIBRARY_TYPES["pdf"]: _read_pdf,
    LIBRARY_TYPES["docx"]: _read_docx,
    LIBRARY_TYPES["odt"]: _read_odt,
    LIBRARY_TYPES["xlsx"]: _read_xlsx,
    "text/csv": _read_text,
    "text/plain": _read_text,
    "text/markdown": _read_text,
    "text/html": _read_html,
}
