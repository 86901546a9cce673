"""Bad uploads through the workbook page: each refused with a Vietnamese message, nothing changed; exports
never hand a spreadsheet a formula."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal as D
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from committees.models import AuditEntry, Organisation
from core.vn import clean_text
from exchange import reader, workbook
from exchange import services as exchange_services
from exchange.workbook import export_workbook
from reports import services as report_services
from resolutions.models import Document
from targets import services as target_services
from targets.models import Reading, Target
from tests.conftest import Tree
from tests.test_workbook import good

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Target, Reading, Document, Organisation, AuditEntry))


def _upload(client: Client, name: str, data: bytes) -> str:
    before = _counts()
    response = client.post(reverse("exchange:workbook"), {"file": SimpleUploadedFile(name, data, XLSX)})
    assert response.status_code == 200
    assert _counts() == before, "a refused upload changed something"
    return response.content.decode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def staff(client: Client, alice) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    return client


def test_too_big_is_refused_with_a_message(staff: Client, tree: Tree) -> None:
    body = _upload(staff, "lon.xlsx", b"\0" * (workbook.MAX_BYTES + 1))
    assert "Tệp quá lớn: tối đa 10 MB." in body


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bang.xlsx", b"ma,ten\nT1,Viec lam\n"),  # a CSV renamed
        ("bang.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),  # a PDF renamed
        ("bang.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),  # an old .xls (OLE2)
        ("bang.xlsx", b""),  # empty
        ("bang.xlsx", b"PK\x03\x04garbage"),  # a broken zip
    ],
)
def test_not_an_xlsx_is_refused_with_a_message(staff: Client, tree: Tree, name: str, data: bytes) -> None:
    body = _upload(staff, name, data)
    expected = (
        "Tập tin được gửi là rỗng." if not data else "Không đọc được tệp: cần một tệp Excel .xlsx hợp lệ."
    )
    assert expected in body


def test_a_zip_that_is_not_a_workbook_is_refused(staff: Client, tree: Tree) -> None:
    body = _upload(staff, "bang.xlsx", _zip({"readme.txt": b"xin chao"}))
    assert "Không đọc được tệp: cần một tệp Excel .xlsx hợp lệ." in body


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    staff: Client, tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 1024 * 1024)
    bomb = _zip({"xl/worksheets/sheet1.xml": b"\0" * (3 * 1024 * 1024), "[Content_Types].xml": b""})
    assert len(bomb) < 50 * 1024  # small on the wire, large unpacked
    body = _upload(staff, "bang.xlsx", bomb)
    assert "Tệp giải nén ra quá lớn" in body


def test_a_good_workbook_still_imports(staff: Client, tree: Tree, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    stream = good(tree)
    # The page queues the import; the worker's task runs it once the request has committed.
    with (
        mock.patch(
            "exchange.services._enqueue_import",
            side_effect=lambda pk: exchange_services.import_run_execute(run_id=pk),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = staff.post(
            reverse("exchange:workbook"), {"file": SimpleUploadedFile("bang.xlsx", stream.read(), XLSX)}
        )
    assert response.status_code == 302
    assert Target.objects.filter(code="T1").exists()
    assert "Đã nhập xong" in staff.get(response["Location"]).content.decode()


# ("\r" is escaped too, but XML reads it back as "\n", so it cannot be compared here.)
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"]


def test_exchange_export_escapes_every_formula_start(tree: Tree) -> None:
    for index, payload in enumerate(PAYLOADS):
        target_services.target_create(
            code=f"T{index}",
            organisation=tree.dept,
            title=payload,
            unit=payload,
            period="2024",
            shape="count",
            planned=D(5),
            acting_user=None,
        )
    # Titles and units are stored trimmed (core.vn.clean_text): "\t=1+1" is kept as "=1+1".
    stored = {clean_text(payload) for payload in PAYLOADS}
    wb = load_workbook(io.BytesIO(export_workbook()))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value in stored]
    assert {c.value for c in cells} == stored
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_report_appendix_escapes_formulas(client: Client, tree: Tree, carol) -> None:  # type: ignore[no-untyped-def]
    target_services.target_create(
        code="T",
        organisation=tree.dept,
        title='=HYPERLINK("http://x","bấm")',
        unit="@người",
        period="2024-H1",
        shape="count",
        planned=D(5),
        acting_user=None,
    )
    target_services.reading_record(
        target=Target.objects.get(), cut_off=date(2024, 6, 30), value=D(3), acting_user=None
    )
    report = report_services.report_create(
        organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=None
    )
    client.force_login(carol)
    response = client.get(reverse("reports:report_appendix", args=[report.pk]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    risky: list[Any] = [
        c
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"
    ]
    assert any(c.value.startswith("=HYPERLINK") for c in risky)
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
