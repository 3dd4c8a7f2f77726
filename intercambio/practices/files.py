"""Recognizing an uploaded file from its content, not its name."""

import re
import zipfile
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

# Extension → the MIME type served; what the content must look like is checked below.
ACCEPTED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "csv": "text/csv",
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}
# Types the knowledge library also takes in (their text is extracted and indexed).
TEXT_DOCUMENTS = {
    "html": "text/html",
    "htm": "text/html",
    "md": "text/markdown",
}
_OFFICE_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}
_HTML_START = re.compile(rb"<(!doctype html|html|head|body|title|p|div|h[1-6]|meta)[\s>/]", re.I)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def detect_type(*, name: str, file: BinaryIO, accepted: dict[str, str] = ACCEPTED) -> str | None:
    """The MIME type of an upload whose extension (one of `accepted`) and content agree,
    else None. `file` is a seekable binary file; it is left at its start."""
    try:
        return _detect(extension_of(name), file, accepted)
    finally:
        file.seek(0)


def _detect(extension: str, file: BinaryIO, accepted: dict[str, str]) -> str | None:
    if extension not in accepted:
        return None
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if extension == "pdf":
        return accepted[extension] if head.startswith(b"%PDF-") else None
    if extension in _OFFICE_MEMBERS or extension in {"odt", "ods", "odp"}:
        if not head.startswith(b"PK\x03\x04"):
            return None
        try:
            # Only the directory and one small member are read: no decompression bomb here.
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if extension in _OFFICE_MEMBERS:
                    return accepted[extension] if _OFFICE_MEMBERS[extension] in names else None
                if archive.getinfo("mimetype").file_size > 100:
                    return None
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            return None
        return accepted[extension] if mimetype == accepted[extension] else None
    if extension in _IMAGE_FORMATS:
        try:
            with Image.open(file) as image:
                image.verify()
                found = image.format
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            ValueError,
            Image.DecompressionBombError,
        ):
            return None
        return accepted[extension] if found == _IMAGE_FORMATS[extension] else None
    # Text: no NUL bytes (UTF-8 or Latin-1 always decode, so that is what tells binary apart).
    if b"\x00" in head:
        return None
    if accepted[extension] == "text/html" and not _HTML_START.search(head):
        return None
    return accepted[extension]
