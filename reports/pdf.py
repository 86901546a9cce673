"""The report as an A4 PDF in the Party document layout (DOMAIN.md §6), rendered by WeasyPrint.

The HTML comes from templates/reports/pdf/; fonts are the Liberation Serif files shipped in static/fonts,
referenced by file path, so every machine renders the same glyphs whatever fonts it has installed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from reports.context import ReportContext, report_context
from reports.meeting_docs import meeting_doc_context
from reports.models import Meeting, Report

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def render_html(context: ReportContext) -> str:
    # An official document is Vietnamese whatever the language of the person who asked for it.
    with translation.override("vi"):
        return render_to_string(
            "reports/pdf/review.html" if context.is_review else "reports/pdf/report.html",
            {
                "c": context,
                "fonts": FONT_DIR.as_uri(),
                "margins": settings.CHITIEU_REPORT_MARGINS_MM,
            },
        )


def _local_fetcher() -> object:
    """WeasyPrint may read the shipped fonts and nothing else: no network, no other file. Every user text is
    escaped by the templates; this is the second lock, should markup ever slip through."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if path.is_relative_to(FONT_DIR.resolve()):
                    return super().fetch(url, headers)
            raise ValueError(f"the report may not load {url[:80]}")

    return LocalFetcher(allowed_protocols=("file",))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only workers need it

    pdf = HTML(string=html, base_url=str(FONT_DIR), url_fetcher=_local_fetcher()).write_pdf()
    if pdf is None:  # pragma: no cover - write_pdf returns bytes when no target is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf


def render_pdf(
    report: Report, *, cut_off: date | None = None, progress: Callable[[int], None] | None = None
) -> bytes:
    """The PDF of `report` from the data at its cut-off (or `cut_off`). `progress` hears 0–100."""
    step = progress or (lambda _pct: None)
    context = report_context(report, cut_off=cut_off)
    step(40)
    html = render_html(context)
    step(60)
    pdf = html_to_pdf(html)
    step(90)
    return pdf


MEETING_DOCUMENTS = {"bien-ban": "reports/pdf/minutes.html", "thong-bao": "reports/pdf/notice.html"}


def render_meeting_html(meeting: Meeting, which: str) -> str:
    """The minutes ("bien-ban") or the conclusion notice ("thong-bao") of a meeting, in the same layout."""
    with translation.override("vi"):
        return render_to_string(
            MEETING_DOCUMENTS[which],
            {
                "c": meeting_doc_context(meeting),
                "fonts": FONT_DIR.as_uri(),
                "margins": settings.CHITIEU_REPORT_MARGINS_MM,
            },
        )


def render_meeting_pdf(meeting: Meeting, which: str) -> bytes:
    return html_to_pdf(render_meeting_html(meeting, which))
