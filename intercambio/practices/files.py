"""Recognizing an uploaded file from its content, not its name."""

import zipfile
from io import BytesIO

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
_OFFICE_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}


def detect_type(*, name: str, head: bytes, read_all) -> str | None:
    """The MIME type of an upload whose extension and content agree, else None.

    `head` is the first KB; `read_all()` returns every byte (used for zip and image checks).
    """
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ACCEPTED:
        return None
    if extension == "pdf":
        return ACCEPTED[extension] if head.startswith(b"%PDF-") else None
    if extension in _OFFICE_MEMBERS or extension in {"odt", "ods", "odp"}:
        if not head.startswith(b"PK\x03\x04"):
            return None
        try:
            with zipfile.ZipFile(BytesIO(read_all())) as archive:
                names = set(archive.namelist())
                if extension in _OFFICE_MEMBERS:
                    return ACCEPTED[extension] if _OFFICE_MEMBERS[extension] in names else None
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
        return ACCEPTED[extension] if mimetype == ACCEPTED[extension] else None
    if extension in _IMAGE_FORMATS:
        try:
            with Image.open(BytesIO(read_all())) as image:
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
        return ACCEPTED[extension] if found == _IMAGE_FORMATS[extension] else None
    # csv, txt: text without NUL bytes, in UTF-8 or Latin-1 (always decodable: so check NUL).
    return ACCEPTED[extension] if b"\x00" not in head else None
