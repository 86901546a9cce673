"""Markup typed into titles and names is shown as text: escaped in every HTML page and htmx fragment, and
printed literally in the PDF (WeasyPrint never sees it as markup, nor fetches what it points at)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from committees import services as org_services
from committees.models import OrganisationKind
from reports import meeting_services
from reports import services as report_services
from reports.context import report_context
from reports.pdf import html_to_pdf, render_html, render_pdf
from resolutions import services as doc_services
from targets import services as target_services
from tests.conftest import Tree

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOAD = f"{SCRIPT}{IMG}"


@pytest.fixture
def hostile(tree: Tree, alice: User, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    cell = org_services.organisation_create(
        code="CB-XSS",
        kind=OrganisationKind.GRASSROOTS_CELL,
        parent=tree.dept,
        name=f"Chi bộ {PAYLOAD}",
        acting_user=None,
    )
    document = doc_services.document_create(
        raw_number="32-CT/TU", title=f"về {PAYLOAD}", organisation=tree.dept, acting_user=alice
    )
    task = doc_services.task_create(
        document=document,
        organisation=cell,
        title=f"Nhiệm vụ {PAYLOAD}",
        due_on=date(2024, 6, 1),
        acting_user=alice,
    )
    target = target_services.target_create(
        code="T-XSS",
        organisation=tree.dept,
        title=f"Chỉ tiêu {PAYLOAD}",
        unit=IMG,
        period="2024",
        shape="count",
        planned=D(10),
        document=document,
        acting_user=alice,
    )
    child = target_services.target_create(
        code="T-XSS-CB",
        organisation=cell,
        title=f"Chỉ tiêu con {PAYLOAD}",
        period="2024",
        shape="count",
        planned=D(4),
        acting_user=alice,
    )
    target_services.reading_record(
        target=target, cut_off=date(2024, 6, 30), value=D(6), note=PAYLOAD, acting_user=alice
    )
    target_services.reading_record(target=child, cut_off=date(2024, 6, 30), value=D(1), acting_user=alice)
    member = org_services.member_create(
        organisation=cell, full_name=f"Nguyễn {PAYLOAD}", gender="male", acting_user=alice
    )
    report = report_services.report_create(
        organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=None
    )
    report = report_services.report_update(
        report=report,
        title=f"Báo cáo {PAYLOAD}",
        results=f"Kết quả {PAYLOAD}\nDòng hai <b>đậm</b>",
        acting_user=None,
    )
    meeting = meeting_services.meeting_create(
        organisation=tree.dept,
        held_on=date(2024, 7, 4),
        place=PAYLOAD,
        chair=PAYLOAD,
        attendees=[meeting_services.AttendeeData(name=PAYLOAD)],
        acting_user=None,
    )
    return {
        "tree": tree,
        "cell": cell,
        "document": document,
        "task": task,
        "target": target,
        "member": member,
        "report": report,
        "meeting": meeting,
    }


def _assert_escaped(html: str, where: str) -> None:
    assert "<script>alert(1)" not in html, where
    assert "<img src=x" not in html, where
    assert "onerror=alert(1)>" not in html.replace("onerror=alert(1)&gt;", ""), where
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "\\u003Cscript\\u003E" in html, where


PAGES: dict[str, Any] = {
    "dashboard": lambda h: reverse("dashboard", args=[h["tree"].dept.pk]) + "?period=2024&cut_off=30/6/2024",
    "organisation list": lambda h: reverse("committees:organisation_list"),
    "organisation": lambda h: reverse("committees:organisation_detail", args=[h["cell"].pk]),
    "parent organisation": lambda h: reverse("committees:organisation_detail", args=[h["tree"].dept.pk]),
    "ratings": lambda h: reverse("committees:organisation_ratings", args=[h["tree"].dept.pk]),
    "members": lambda h: reverse("committees:member_list"),
    "member": lambda h: reverse("committees:member_detail", args=[h["member"].pk]),
    "member form": lambda h: reverse("committees:member_update", args=[h["member"].pk]),
    "documents": lambda h: reverse("resolutions:document_list"),
    "document": lambda h: reverse("resolutions:document_detail", args=[h["document"].pk]),
    "tasks": lambda h: reverse("resolutions:task_list"),
    "targets": lambda h: reverse("targets:target_list"),
    "target": lambda h: reverse("targets:target_detail", args=[h["target"].pk]),
    "target form": lambda h: reverse("targets:target_edit", args=[h["target"].pk]),
    "split": lambda h: reverse("targets:target_split", args=[h["target"].pk]),
    "document targets": lambda h: reverse("targets:document_targets", args=[h["document"].pk]),
    "entry grid": lambda h: reverse("targets:entry_grid", args=[h["tree"].dept.pk, "2024"]),
    "history": lambda h: reverse("committees:object_history", args=["targets.target", h["target"].pk]),
    "member history": lambda h: reverse(
        "committees:object_history", args=["committees.member", h["member"].pk]
    ),
    "audit list": lambda h: reverse("committees:audit_list"),
    "reports": lambda h: reverse("reports:report_list"),
    "report": lambda h: reverse("reports:report_detail", args=[h["report"].pk]),
    "report form": lambda h: reverse("reports:report_edit", args=[h["report"].pk]),
    "meetings": lambda h: reverse("reports:meeting_list"),
    "meeting": lambda h: reverse("reports:meeting_detail", args=[h["meeting"].pk]),
    "meeting form": lambda h: reverse("reports:meeting_edit", args=[h["meeting"].pk]),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_escape_markup(client: Client, hostile: dict[str, Any], erin: User, page: str) -> None:
    client.force_login(erin)
    response = client.get(PAGES[page](hostile))
    assert response.status_code == 200, page
    _assert_escaped(response.content.decode(), page)


@pytest.mark.parametrize("page", ["dashboard", "members", "entry grid"])
def test_htmx_fragments_escape_markup(client: Client, hostile: dict[str, Any], erin: User, page: str) -> None:
    client.force_login(erin)
    response = client.get(PAGES[page](hostile), headers={"HX-Request": "true"})
    assert response.status_code == 200
    _assert_escaped(response.content.decode(), f"{page} (htmx)")


def test_entry_save_fragment_escapes_markup(client: Client, hostile: dict[str, Any], alice: User) -> None:
    client.force_login(alice)
    target = hostile["target"]
    response = client.post(
        reverse("targets:entry_save", args=[target.pk]),
        {"value": "7", "kind": "official", "cut_off": "30/6/2024", "expected": "0", "note": PAYLOAD},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    _assert_escaped(response.content.decode(), "entry_save (htmx, conflict)")


def test_paste_and_number_check_echo_escaped(client: Client, hostile: dict[str, Any], alice: User) -> None:
    client.force_login(alice)
    pasted = client.post(reverse("resolutions:paste_find"), {"text": f"Theo {PAYLOAD} và 32-CT/TU"})
    _assert_escaped(pasted.content.decode(), "paste")
    checked = client.get(reverse("resolutions:number_check"), {"raw_number": PAYLOAD}).content.decode()
    assert "<script>alert(1)" not in checked and "<img src=x" not in checked


def test_pdf_prints_markup_as_text(hostile: dict[str, Any]) -> None:
    report = hostile["report"]
    html = render_html(report_context(report))
    # The HTML handed to WeasyPrint carries the markup only as escaped text.
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>đậm</b>" not in html
    pdf = render_pdf(report)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)
    compact = text.replace(" ", "")
    for literal in (SCRIPT, IMG, "<b>đậm</b>"):
        assert literal.replace(" ", "") in compact, literal
    assert "Chỉ tiêu <script>" in text or "Chỉtiêu<script>" in compact  # the target's title in appendix 1


def test_pdf_loads_nothing_but_its_fonts(tmp_path: Any) -> None:
    from PIL import Image

    secret = tmp_path / "secret.png"
    Image.new("RGB", (4, 4), "red").save(secret)
    fetched: list[str] = []
    import weasyprint.urls

    original = weasyprint.urls.URLFetcher.fetch

    def spy(self: Any, url: str, headers: Any = None) -> Any:
        fetched.append(url)
        return original(self, url, headers)

    weasyprint.urls.URLFetcher.fetch = spy  # type: ignore[method-assign]
    try:
        html = (
            f'<html><body><p>x</p><img src="{secret.as_uri()}">'
            f'<link rel="stylesheet" href="file:///etc/passwd"></body></html>'
        )
        pdf = html_to_pdf(html)
    finally:
        weasyprint.urls.URLFetcher.fetch = original  # type: ignore[method-assign]
    assert pdf.startswith(b"%PDF")
    # The fetcher refused each of them before opening anything: no image made it into the PDF.
    assert not any(url.startswith("http") or "secret" in url or "passwd" in url for url in fetched)
    reader = PdfReader(BytesIO(pdf))
    assert not any(page.images for page in reader.pages)
    # Whereas WeasyPrint's own fetcher would have embedded the picture.
    from weasyprint import HTML

    unguarded = HTML(string=html, base_url=str(tmp_path)).write_pdf()
    assert unguarded is not None and any(page.images for page in PdfReader(BytesIO(unguarded)).pages)
