"""The report as a Word file, read from the very HTML its PDF is printed from.

`render_docx` renders templates/reports/pdf/report.html from `report_context`, as the PDF does, and
reads it into a `PartyDocument` (reports/docx.py): the figures, the sentences around them and the
appendix rows are the PDF's, character for character, so the two files cannot disagree and a change of
wording in the template reaches both. The reader knows the classes of report.css (masthead, doc-kind,
subject, h2/h3/p, closing, appendix and grid tables), so another Party document whose PDF template uses
them is read the same way.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from lxml import html as lxml_html

from reports.context import ReportContext, report_context
from reports.docx import (
    Align,
    Appendix,
    Block,
    Closing,
    Column,
    Heading,
    Masthead,
    Paragraph,
    PartyDocument,
    Signature,
    Style,
    Table,
    build_docx,
)
from reports.models import Report
from reports.pdf import render_html

# Column widths (mm) and alignment of the grid tables, by the class of their header cell, as report.css.
# The first class found wins, so "num pct" is a percentage column. CSS widths are of the text inside the
# cell; a Word column also holds the cell's padding (2 pt a side) and border.
COLUMN_WIDTHS = {"stt": 8, "unit": 13, "pct": 15, "num": 17, "assess": 25, "doc": 26, "lead": 34,
                 "due": 19, "state": 32}  # fmt: skip
COLUMN_ALIGN = {"stt": Align.CENTER, "unit": Align.CENTER, "num": Align.RIGHT, "due": Align.CENTER}
# Ordinary whitespace only: the draft's blank number ("Số      -BC/ĐU") is made of no-break spaces.
CELL_PADDING_MM = 1.6
SPACES = re.compile(r"[ \t\r\n]+")


def _text(element: Any) -> str:
    return SPACES.sub(" ", element.text_content()).strip()


def _one(root: Any, name: str) -> str:
    found = root.find_class(name)
    return _text(found[0]) if found else ""


def _lines(root: Any, name: str) -> str:
    """The text of a block set on several lines (its "line" children), the lines joined by "\n"."""
    found = root.find_class(name)
    if not found:
        return ""
    lines = found[0].find_class("line")
    return "\n".join(_text(line) for line in lines) if lines else _text(found[0])


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _column(th: Any) -> Column:
    classes = _classes(th)
    width = next((w + CELL_PADDING_MM for name, w in COLUMN_WIDTHS.items() if name in classes), None)
    align = next((a for name, a in COLUMN_ALIGN.items() if name in classes), Align.LEFT)
    return Column(_text(th), width, align)


def _table(element: Any) -> Table:
    columns = [_column(th) for th in element.iter("th")]
    rows, empty = [], ""
    for tr in element.iter("tr"):
        cells = [td for td in tr if td.tag == "td"]
        if len(cells) == 1 and "empty" in _classes(cells[0]):
            empty = _text(cells[0])
        elif cells:
            rows.append([_text(td) for td in cells])
    return Table(columns, rows, empty)


def _closing(element: Any) -> Closing:
    recipients = element.find_class("recipients")
    lines = []
    if recipients:
        for div in recipients[0].iter("div"):
            if "recipients-head" not in _classes(div):
                lines.append(_text(div).removeprefix("- "))
    # One signature cell, or two side by side as minutes sign (the secretary and the chair).
    cells = [td for td in element.iter("td") if "signature" in _classes(td)]
    return Closing(
        recipients=lines,
        signatures=[
            Signature(_one(td, "authority"), _one(td, "signer-title"), _one(td, "signer-name"))
            for td in cells
        ],
        recipients_head=_one(element, "recipients-head") or "Nơi nhận:",
    )


def party_document_from_html(page: str) -> PartyDocument:
    """The PartyDocument of a page laid out with the classes of templates/reports/pdf/report.css."""
    root = lxml_html.document_fromstring(page)
    body = root.body
    blocks: list[Block] = []
    closing = None
    appendices = []
    for element in body:
        classes = _classes(element)
        if element.tag == "h2":
            blocks.append(Heading(_text(element), 1))
        elif element.tag == "h3":
            blocks.append(Heading(_text(element), 2))
        elif element.tag == "p":
            blocks.append(Paragraph(_text(element), Style.ITEM if "item" in classes else Style.BODY))
        elif element.tag == "ol":
            items = (li for li in element if li.tag == "li")
            blocks += [Paragraph(f"{n}. {_text(li)}", Style.ITEM) for n, li in enumerate(items, start=1)]
        elif element.tag == "table" and "grid" in classes:
            blocks.append(_table(element))
        elif element.tag == "table" and "closing" in classes:
            closing = _closing(element)
        elif element.tag == "section" and "appendix" in classes:
            grid = [t for t in element.iter("table") if "grid" in _classes(t)]
            appendices.append(
                Appendix(
                    title=_one(element, "appendix-title"),
                    subject=_one(element, "appendix-subject"),
                    reference=_one(element, "appendix-ref"),
                    table=_table(grid[0]) if grid else Table([], []),
                )
            )
    party = root.find_class("party")
    author = root.xpath("//meta[@name='author']/@content")
    return PartyDocument(
        masthead=Masthead(
            upper=_lines(root, "issuer-upper"),
            lower=_lines(root, "issuer-lower"),
            number=_one(root, "number"),
            date_line=_one(root, "date-line"),
            national=_text(party[0]) if party else Masthead.national,
            draft=_one(root, "draft-mark"),
        ),
        kind=_one(root, "doc-kind"),
        subject=_one(root, "subject"),
        body=blocks,
        closing=closing,
        appendices=appendices,
        title=_text(root.find(".//title")) if root.find(".//title") is not None else "",
        author=author[0] if author else "",
    )


def context_to_docx(context: ReportContext) -> bytes:
    return build_docx(party_document_from_html(render_html(context)))


def render_docx(report: Report, *, cut_off: date | None = None) -> bytes:
    """The .docx of `report` from the data at its cut-off (or `cut_off`): the PDF's context and text."""
    return context_to_docx(report_context(report, cut_off=cut_off))
