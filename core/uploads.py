"""Stored uploads (a document's attachment): what may be stored, under which name, and how it is served.

One allow-list for every FileField people fill: the kinds of file a Party office exchanges (PDF, Word,
Excel, OpenDocument, JPEG and PNG photos of signed pages), checked by the name's extension AND by the first
bytes of the content, so that a program renamed "nghi-quyet.pdf" is refused. The size limit is the setting
CHITIEU_UPLOAD_MAX_MB. Files are stored under a random name (no part of what the person typed reaches the
file system) and served only by views that check access first, through `download_response`.
"""

from __future__ import annotations

import posixpath
import uuid
import zipfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

from core.vn import clean_text

_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc and .xls
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"


def _zip_with(*members: str) -> Callable[[IO[bytes]], bool]:
    """An OOXML package: a zip whose [Content_Types].xml sits beside the named part."""

    def check(stream: IO[bytes]) -> bool:
        try:
            names = set(zipfile.ZipFile(stream).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        return "[Content_Types].xml" in names and any(m in names for m in members)

    return check


def _open_document(mimetype: str) -> Callable[[IO[bytes]], bool]:
    """An OpenDocument file: a zip whose first member is an uncompressed "mimetype" holding its type."""
    expected = b"mimetype" + mimetype.encode()

    def check(stream: IO[bytes]) -> bool:
        return stream.read(30 + len(expected))[30:] == expected

    return check


# extension → (served content type, leading bytes, a deeper check of the content or None)
ALLOWED: dict[str, tuple[str, bytes, Callable[[IO[bytes]], bool] | None]] = {
    ".pdf": ("application/pdf", _PDF, None),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
        _zip_with("word/document.xml"),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ZIP,
        _zip_with("xl/workbook.xml"),
    ),
    ".doc": ("application/msword", _OLE2, None),
    ".xls": ("application/vnd.ms-excel", _OLE2, None),
    ".odt": (
        "application/vnd.oasis.opendocument.text",
        _ZIP,
        _open_document("application/vnd.oasis.opendocument.text"),
    ),
    ".ods": (
        "application/vnd.oasis.opendocument.spreadsheet",
        _ZIP,
        _open_document("application/vnd.oasis.opendocument.spreadsheet"),
    ),
    ".jpg": ("image/jpeg", _JPEG, None),
    ".jpeg": ("image/jpeg", _JPEG, None),
    ".png": ("image/png", _PNG, None),
}
ALLOWED_LABEL = "PDF, Word (.docx, .doc), Excel (.xlsx, .xls), OpenDocument (.odt, .ods), JPG, PNG"


def original_name(name: str) -> str:
    """The file's own name without any folder part ("../../a.pdf", "C:\\x\\a.pdf" → "a.pdf"), cleaned of
    invisible characters; what the download offers, never a path on disk."""
    base = posixpath.basename(str(name).replace("\\", "/"))
    return clean_text(base)[-200:].lstrip(".") or "tep"


def extension(name: str) -> str:
    base = original_name(name)
    return posixpath.splitext(base)[1].lower()


def max_bytes() -> int:
    return int(settings.CHITIEU_UPLOAD_MAX_MB) * 1024 * 1024


def validate_upload(file: Any) -> None:
    """Refuse a file that is too big, of a kind not on the list, or whose content is not what its name
    says. A file already stored (not being uploaded now) is not read again."""
    if file is None or getattr(file, "_committed", False):
        return
    name = original_name(getattr(file, "name", "") or "")
    if file.size is not None and file.size > max_bytes():
        raise ValidationError(
            _("Tệp «%(name)s» quá lớn: tối đa %(limit)s MB.")
            % {"name": name, "limit": settings.CHITIEU_UPLOAD_MAX_MB},
            code="too_big",
        )
    kind = ALLOWED.get(extension(name))
    if kind is None:
        raise ValidationError(
            _("Không nhận tệp «%(name)s»: chỉ nhận %(kinds)s.") % {"name": name, "kinds": ALLOWED_LABEL},
            code="type",
        )
    _content_type, magic, deeper = kind
    # Down to the bytes: a model's FieldFile wraps an UploadedFile, which wraps the buffer or temporary file.
    stream = getattr(file, "file", file)
    stream = getattr(stream, "file", stream)
    position = stream.tell()
    try:
        stream.seek(0)
        matches = stream.read(len(magic)) == magic
        if matches and deeper is not None:
            stream.seek(0)
            matches = deeper(stream)
    finally:
        stream.seek(position)
    if not matches:
        raise ValidationError(
            _("Nội dung tệp «%(name)s» không đúng loại %(ext)s: tệp có thể đã bị đổi tên.")
            % {"name": name, "ext": extension(name)},
            code="content",
        )


def stored_name(folder: str, name: str) -> str:
    """A random name under `folder`, keeping only the (allowed) extension of what was uploaded."""
    ext = extension(name)
    return f"{folder}/{uuid.uuid4().hex}{ext if ext in ALLOWED else ''}"


def download_response(file: Any, filename: str) -> FileResponse:
    """Stream a stored file as a download under its original (Unicode) name; browsers must not guess
    its type nor show it inline."""
    ext = extension(filename) or extension(file.name)
    content_type = ALLOWED.get(ext, ("application/octet-stream",))[0]
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=original_name(filename), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
