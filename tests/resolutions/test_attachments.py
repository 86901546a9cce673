"""A document's attachment (issue 19, finding 7): only the kinds of file a Party office exchanges, checked by
name and content, within the size limit; stored under a random name; downloaded only by those who may see
the document, under its own name; never served under MEDIA_URL."""

from __future__ import annotations

import importlib
import io
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from openpyxl import Workbook

from committees.models import AuditEntry
from core.uploads import validate_upload
from resolutions import services
from resolutions.models import Document
from tests.conftest import Tree

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def _post_document(client: Client, tree: Tree, name: str, data: bytes) -> Any:
    return client.post(
        reverse("resolutions:document_create"),
        {
            "raw_number": "05-NQ/ĐU",
            "title": "về công tác xây dựng Đảng",
            "organisation": tree.dept.pk,
            "link_kind": "implements",
            "attachment": SimpleUploadedFile(name, data, "application/pdf"),
        },
    )


def test_an_allowed_attachment_downloads_for_those_who_may_see_the_document(
    client: Client, tree: Tree, media: Path, alice: Any, bob: Any
) -> None:
    client.force_login(alice)
    response = _post_document(client, tree, "Nghị quyết số 05.pdf", PDF)
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert document.attachment_name == "Nghị quyết số 05.pdf"
    # Stored under a random name: nothing the person typed reaches the file system.
    stored = document.attachment.name or ""
    assert "Ngh" not in stored and stored.startswith("documents/") and stored.endswith(".pdf")

    url = reverse("resolutions:document_attachment", args=[document.pk])
    page = client.get(reverse("resolutions:document_detail", args=[document.pk])).content.decode()
    assert f'href="{url}"' in page and "Nghị quyết số 05.pdf" in page
    assert "/media/" not in page

    client.force_login(bob)  # the leader of the same organisation reads it too
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('Nghị quyết số 05.pdf')}" in disposition


def test_a_user_outside_the_subtree_gets_404(client: Client, tree: Tree, media: Path, dave: Any) -> None:
    document = services.document_create(
        raw_number="05-NQ/ĐU", title="Nghị quyết", organisation=tree.dept, acting_user=None
    )
    services.document_update(document=document, attachment=ContentFile(PDF, name="a.pdf"), acting_user=None)
    url = reverse("resolutions:document_attachment", args=[document.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(dave)  # staff of the sibling department
    assert client.get(url).status_code == 404
    missing = reverse("resolutions:document_attachment", args=[document.pk + 1])
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("nghi-quyet.pdf", EXE, "Nội dung tệp «nghi-quyet.pdf» không đúng loại .pdf"),
        ("cai-dat.exe", PDF, "Không nhận tệp «cai-dat.exe»: chỉ nhận PDF"),
        ("bang.html", b"<script>alert(1)</script>", "Không nhận tệp «bang.html»"),
        ("bao-cao.docx", b"PK\x03\x04" + b"\0" * 40, "không đúng loại .docx"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_saved(
    client: Client, tree: Tree, media: Path, alice: Any, name: str, data: bytes, message: str
) -> None:
    client.force_login(alice)
    before = (Document.objects.count(), AuditEntry.objects.count())
    response = _post_document(client, tree, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Document.objects.count(), AuditEntry.objects.count()) == before
    assert _stored_files(media) == []


def test_an_oversize_file_is_refused_naming_the_limit_with_nothing_saved(
    client: Client, tree: Tree, media: Path, alice: Any, settings: Any
) -> None:
    settings.CHITIEU_UPLOAD_MAX_MB = 1
    client.force_login(alice)
    before = (Document.objects.count(), AuditEntry.objects.count())
    response = _post_document(client, tree, "lon.pdf", PDF + b"\0" * (1024 * 1024))
    assert response.status_code == 200
    assert "Tệp «lon.pdf» quá lớn: tối đa 1 MB." in response.content.decode()
    assert (Document.objects.count(), AuditEntry.objects.count()) == before
    assert _stored_files(media) == []


def test_the_service_refuses_a_bad_file_whoever_calls_it(tree: Tree, media: Path) -> None:
    document = services.document_create(
        raw_number="05-NQ/ĐU", title="Nghị quyết", organisation=tree.dept, acting_user=None
    )
    with pytest.raises(ValidationError) as refused:
        services.document_update(
            document=document, attachment=ContentFile(EXE, name="a.pdf"), acting_user=None
        )
    assert "attachment" in refused.value.message_dict
    document.refresh_from_db()
    assert not document.attachment and _stored_files(media) == []


@pytest.mark.parametrize("name", ["../../../../evil.pdf", "..\\..\\evil.pdf", "/etc/evil.pdf"])
def test_a_path_in_the_file_name_cannot_escape(tree: Tree, media: Path, name: str) -> None:
    document = services.document_create(
        raw_number="05-NQ/ĐU", title="Nghị quyết", organisation=tree.dept, acting_user=None
    )
    services.document_update(document=document, attachment=ContentFile(PDF, name=name), acting_user=None)
    document.refresh_from_db()
    assert document.attachment_name == "evil.pdf"
    stored = Path(document.attachment.path).resolve()
    assert stored.is_relative_to((media / "documents").resolve())
    assert [p.resolve() for p in _stored_files(media.parent)] == [stored]


def _zip(members: dict[str, bytes], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (member, data) in enumerate(members.items()):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(member, data, compress_type=kind)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


ODT = "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.pdf", PDF),
        ("a.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})),
        ("a.xlsx", _xlsx()),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        ("a.XLS", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        ("a.odt", _zip({"mimetype": ODT.encode(), "content.xml": b"<x/>"}, stored_first=True)),
        ("ảnh chụp.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
    ],
)
def test_the_kinds_of_file_an_office_uses_are_accepted(name: str, data: bytes) -> None:
    validate_upload(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})),
        ("a.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, stored_first=True)),
        ("a.png", b"\xff\xd8\xff\xe0" + b"\0" * 100),
        ("a.pdf.exe", PDF),
        ("a", PDF),
    ],
)
def test_a_name_that_lies_about_the_content_is_refused(name: str, data: bytes) -> None:
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile(name, data))


def _serves_media(patterns: list[Any]) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and _serves_media(pattern.url_patterns):
            return True
        if isinstance(pattern, URLPattern) and pattern.callback.__name__ == "serve":
            return True
    return False


def test_stored_files_are_never_served_under_media_url_even_with_debug(settings: Any) -> None:
    import config.urls

    settings.DEBUG = True
    try:
        assert not _serves_media(importlib.reload(config.urls).urlpatterns)
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
