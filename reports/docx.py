"""A Party document (DOMAIN.md §6, Hướng dẫn 36-HD/VPTW) as a Word file, from a plain description.

The description (`PartyDocument`) says what the page holds: the two-column masthead, the kind of document
and its subject, body blocks, the closing (Nơi nhận and signatures) and appendices with their tables.
`build_docx` lays it out as the PDF does (templates/reports/pdf/report.css): A4 portrait, the margins of
CHITIEU_REPORT_MARGINS_MM, Times New Roman 14 pt (LibreOffice substitutes the metric-equal Liberation
Serif), page numbers from page 2. Reports fill it from their PDF's HTML (reports/docx_report.py); a
minutes or a notice can fill it by hand in a few lines:

    build_docx(PartyDocument(
        masthead=Masthead(upper="ĐẢNG BỘ …", lower="ĐẢNG ỦY …", number="Số 12-TB/ĐU", date_line="…"),
        kind="THÔNG BÁO", subject="kết luận của Ban Thường vụ …",
        body=[Heading("I- …"), Paragraph("…")],
        closing=Closing(recipients=["Như trên,"], signatures=[Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "…")]),
    ))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from docx.api import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

FONT = "Times New Roman"
BODY_PT = 14
INDENT = Mm(10)  # first line of body paragraphs and headings, as the PDF's text-indent
A4 = (Mm(210), Mm(297))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Characters XML 1.0 cannot hold (control characters pasted from other programs): dropped, not refused.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The masthead reaches into the wide left margin, as printed Party documents do (report.css).
MASTHEAD_INTO_LEFT_MM, MASTHEAD_INTO_RIGHT_MM = 12, 5


# --- the description ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Masthead:
    upper: str  # the superior Party organisation, "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"
    lower: str  # the issuing committee, bold
    number: str  # "Số 15-BC/ĐU"
    date_line: str  # "TP. Hồ Chí Minh, ngày 05 tháng 7 năm 2024", italic
    national: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    draft: str = ""  # "DỰ THẢO": a boxed mark at the top right of the first page


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: "I- …" in capitals; 2: "1. …"


class Style(StrEnum):
    BODY = "body"  # justified, first line indented
    ITEM = "item"  # a "- …" line of a list, indented like the body
    CENTER = "center"
    PLAIN = "plain"  # left, no indent


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Style = Style.BODY
    bold: bool = False
    italic: bool = False
    size: float = BODY_PT


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Column:
    header: str
    width_mm: float | None = None  # None: an equal share of what the fixed columns leave
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Table:
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    empty: str = ""  # the one line across the table when it has no rows
    size: float = 11


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | PageBreak


@dataclass(frozen=True)
class Signature:
    authority: str  # "T/M BAN THƯỜNG VỤ"
    title: str  # "BÍ THƯ"
    name: str = ""


@dataclass(frozen=True)
class Closing:
    """Nơi nhận on the left, the signature on the right; without recipients and with two signatures
    (minutes: the secretary and the chair), one signature on each side."""

    recipients: Sequence[str] = ()
    signatures: Sequence[Signature] = ()
    recipients_head: str = "Nơi nhận:"


@dataclass(frozen=True)
class Appendix:
    """On a new page: its title, subject and reference line centred, then the table."""

    title: str  # "PHỤ LỤC 1"
    subject: str
    reference: str
    table: Table


@dataclass(frozen=True)
class PartyDocument:
    masthead: Masthead
    kind: str  # "BÁO CÁO", "BIÊN BẢN", "THÔNG BÁO", "KẾT LUẬN"
    subject: str = ""
    body: Sequence[Block] = ()
    closing: Closing | None = None
    appendices: Sequence[Appendix] = ()
    title: str = ""  # the file's properties
    author: str = ""
    margins_mm: tuple[int, int, int, int] | None = None  # top, right, bottom, left; None: the setting


def clean(text: str) -> str:
    return NOT_XML.sub("", text)


# --- layout -------------------------------------------------------------------------------------


def _font(
    target: Any, *, size: float | None = None, bold: bool | None = None, italic: bool | None = None
) -> None:
    """Times New Roman for every script slot, so Word never falls back to a theme font for a letter."""
    font = target.font
    font.name = FONT
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _spacing(p: DocxParagraph, *, before: float = 0, after: float = 0, line: float | None = None) -> None:
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line is not None:
        # "At least", never "exactly": stacked Vietnamese diacritics must not be clipped.
        fmt.line_spacing = Pt(line)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST


def _run(
    p: DocxParagraph,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    # A line break written "\n" (the issuer set on two lines as clerks break it) stays a line break.
    run = p.add_run()
    for index, part in enumerate(text.split("\n")):
        if index:
            run.add_break()
        run.add_text(clean(part))
    _font(run, size=size, bold=bold, italic=italic)
    if underline:
        run.underline = True


def _line(
    container: Any,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
    before: float = 0,
    after: float = 0,
    **run: Any,
) -> DocxParagraph:
    """A paragraph of one run; `first` reuses the empty paragraph a new table cell starts with."""
    p = container.paragraphs[0] if first else container.add_paragraph()
    p.alignment = align
    _spacing(p, before=before, after=after)
    if text:
        _run(p, text, **run)
    return p


# Word refuses a file whose properties are out of the schema's order, so each goes in its place.
TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                "tblLook", "tblCaption", "tblDescription")  # fmt: skip
P_PR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                     "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                     "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
P_PR_AFTER_OUTLINE = P_PR_AFTER_BORDER[P_PR_AFTER_BORDER.index("w:outlineLvl") + 1 :]


def _table_property(table: DocxTable, element: Any) -> None:
    tbl_pr = table._tbl.tblPr
    name = element.tag.rsplit("}", 1)[1]
    for old in tbl_pr.findall(qn(f"w:{name}")):
        tbl_pr.remove(old)
    later = TBL_PR_ORDER[TBL_PR_ORDER.index(name) + 1 :]
    tbl_pr.insert_element_before(element, *(f"w:{n}" for n in later))


def _no_borders(table: DocxTable) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _table_property(table, borders)


def _cell_margins(table: DocxTable, *, vertical_pt: float, horizontal_pt: float) -> None:
    """The PDF's cell padding; Word's default (1,9 mm a side) would wrap dates in the 19 mm column."""
    margins = OxmlElement("w:tblCellMar")
    for edge, points in (("top", vertical_pt), ("left", horizontal_pt), ("bottom", vertical_pt),
                         ("right", horizontal_pt)):  # fmt: skip
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(points * 20)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _table_property(table, margins)


def _fixed(table: DocxTable, widths: Sequence[float], *, indent_mm: float = 0) -> None:
    """Fixed column widths (mm), and an indent (negative: into the left margin)."""
    table.autofit = False  # w:tblLayout fixed
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(round(Mm(sum(widths)).twips)))
    total.set(qn("w:type"), "dxa")
    _table_property(table, total)
    if indent_mm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(round(Mm(indent_mm).twips)))
        ind.set(qn("w:type"), "dxa")
        _table_property(table, ind)
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _text_width_mm(margins: tuple[int, int, int, int]) -> float:
    return 210 - margins[1] - margins[3]


def _masthead(doc: Any, m: Masthead, width_mm: float) -> None:
    wide = width_mm + MASTHEAD_INTO_LEFT_MM + MASTHEAD_INTO_RIGHT_MM
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _cell_margins(table, vertical_pt=0, horizontal_pt=0)
    _fixed(table, [wide * 0.45, wide * 0.55], indent_mm=-MASTHEAD_INTO_LEFT_MM)
    left, right = table.rows[0].cells
    _line(left, m.upper, first=True, size=13)
    _line(left, m.lower, size=13, bold=True)
    _line(left, "*")
    _line(left, m.number, before=2)
    _line(right, m.national, first=True, size=15, bold=True, underline=True)
    _line(right, m.date_line, before=14, italic=True)


def _heading(doc: Any, block: Heading) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.first_line_indent = INDENT
    p.paragraph_format.keep_with_next = True
    _spacing(p, before=10 if block.level == 1 else 8, after=6, line=BODY_PT * 1.3)
    # The outline level puts the headings in Word's navigation pane, as the PDF's h2/h3 bookmarks.
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(block.level - 1))
    p._p.get_or_add_pPr().insert_element_before(outline, *P_PR_AFTER_OUTLINE)
    _run(p, block.text.upper() if block.level == 1 else block.text, bold=True)


ALIGN = {
    Style.BODY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    Style.ITEM: WD_ALIGN_PARAGRAPH.JUSTIFY,
    Style.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Style.PLAIN: WD_ALIGN_PARAGRAPH.LEFT,
}
CELL_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}


def _paragraph(doc: Any, block: Paragraph) -> None:
    p = doc.add_paragraph()
    p.alignment = ALIGN[block.style]
    if block.style in (Style.BODY, Style.ITEM):
        p.paragraph_format.first_line_indent = INDENT
    _spacing(p, after=6, line=block.size * 1.3)
    _run(p, block.text, size=block.size, bold=block.bold, italic=block.italic)


def _row_flag(row: Any, name: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(f"w:{name}"))


def _cell(cell: _Cell, text: str, align: WD_ALIGN_PARAGRAPH, style: Any, **run: Any) -> None:
    p = cell.paragraphs[0]
    p.style = style
    p.alignment = align
    if text:
        run_ = p.add_run(clean(text))
        run_.bold, run_.italic = run.get("bold"), run.get("italic")


def _grid_style(doc: Any, size: float) -> Any:
    """The paragraph style of a grid's cells: its size, no spacing; Times New Roman from Normal."""
    name = f"Chitieu Grid {size:g}"
    if name not in [s.name for s in doc.styles]:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    return doc.styles[name]


def _rows_xml(
    rows: Sequence[Sequence[str]], widths: Sequence[float], aligns: Sequence[Align], style: str
) -> Any:
    """The data rows in one parse. A province's appendix has tens of thousands of cells, and python-docx
    adds each element through a search of its siblings: 40 ms a row, against a few microseconds here."""
    cells = [
        f'<w:tc><w:tcPr><w:tcW w:w="{round(Mm(w).twips)}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{a.value}"/></w:pPr>'
        for w, a in zip(widths, aligns, strict=True)
    ]
    parts = [f'<w:tbl xmlns:w="{W_NS}">']
    for values in rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for start, value in zip(cells, values, strict=True):
            parts.append(start)
            if value:
                parts.append(f'<w:r><w:t xml:space="preserve">{escape(clean(value))}</w:t></w:r>')
            parts.append("</w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


def _grid(doc: Any, block: Table, width_mm: float) -> None:
    fixed = sum(c.width_mm for c in block.columns if c.width_mm is not None)
    free = [c for c in block.columns if c.width_mm is None]
    share = (width_mm - fixed) / len(free) if free else 0
    widths = [c.width_mm if c.width_mm is not None else share for c in block.columns]
    style = _grid_style(doc, block.size)
    table = doc.add_table(rows=1, cols=max(len(block.columns), 1))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, vertical_pt=2, horizontal_pt=2)
    header = table.rows[0]
    _row_flag(header, "tblHeader")  # repeated at the top of every page, as the PDF's thead
    _row_flag(header, "cantSplit")
    for cell, column in zip(header.cells, block.columns, strict=False):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell(cell, column.header, WD_ALIGN_PARAGRAPH.CENTER, style, bold=True)
    if block.columns:
        _fixed(table, widths)
    if block.rows:
        for tr in list(_rows_xml(block.rows, widths, [c.align for c in block.columns], style.style_id)):
            table._tbl.append(tr)
    elif block.empty:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        _cell(merged, block.empty, WD_ALIGN_PARAGRAPH.CENTER, style, italic=True)


def _page_break(doc: Any) -> None:
    p = doc.add_paragraph()
    _spacing(p)
    p.add_run().add_break(WD_BREAK.PAGE)


def _signature(cell: _Cell, signature: Signature, *, first: bool) -> None:
    _line(cell, signature.authority.upper(), first=first, bold=True)
    _line(cell, signature.title.upper(), bold=True)
    _line(cell, "").paragraph_format.space_after = Mm(22)  # with the empty line: the PDF's 28 mm to sign in
    _line(cell, signature.name, bold=True)


def _closing(doc: Any, closing: Closing, width_mm: float) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _cell_margins(table, vertical_pt=0, horizontal_pt=0)
    _fixed(table, [width_mm / 2, width_mm / 2])
    _row_flag(table.rows[0], "cantSplit")
    left, right = table.rows[0].cells
    signatures = list(closing.signatures)
    if closing.recipients or len(signatures) < 2:
        head = _line(left, closing.recipients_head, first=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=12,
                     bold=True, italic=True, underline=True)  # fmt: skip
        head.paragraph_format.space_before = Pt(14)
        for line in closing.recipients:
            _line(left, f"- {line}", align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
    else:  # minutes: two signatures side by side, on the same lines
        _signature(left, signatures.pop(0), first=True)
        left.paragraphs[0].paragraph_format.space_before = Pt(14)
    if signatures:
        _signature(right, signatures[-1], first=True)
        right.paragraphs[0].paragraph_format.space_before = Pt(14)


def _appendix(doc: Any, appendix: Appendix, width_mm: float) -> None:
    _page_break(doc)
    _line(doc, appendix.title, bold=True)
    _line(doc, appendix.subject, bold=True)
    _line(doc, appendix.reference, after=8, size=13, italic=True)
    _grid(doc, appendix.table, width_mm)


def _page_numbers(section: Any) -> None:
    """The page number centred at the top from page 2 on; the first page has none (DOMAIN.md §6)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field_.append(run)
    p._p.append(field_)
    _font(p.style, size=13)


def _draft_mark(section: Any, text: str) -> None:
    p = section.first_page_header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    border = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            element.set(qn(f"w:{key}"), value)
        border.append(element)
    p._p.get_or_add_pPr().insert_element_before(border, *P_PR_AFTER_BORDER)
    _run(p, text, size=11, bold=True)


def build_docx(document: PartyDocument) -> bytes:
    """The .docx file of `document`."""
    margins = document.margins_mm or tuple(settings.CHITIEU_REPORT_MARGINS_MM)
    top, right, bottom, left = margins
    doc = new_document()
    normal = doc.styles["Normal"]
    _font(normal, size=BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = Mm(max(top - 12, 5))
    _page_numbers(section)
    if document.masthead.draft:
        _draft_mark(section, document.masthead.draft)
    width = _text_width_mm((top, right, bottom, left))

    _masthead(doc, document.masthead, width)
    _line(doc, document.kind, before=14, size=16, bold=True)
    if document.subject:
        subject = _line(doc, document.subject, bold=True)
        subject.paragraph_format.left_indent = subject.paragraph_format.right_indent = Mm(width * 0.12)
    _line(doc, "-----", before=2, after=10)
    for block in document.body:
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, Table):
            _grid(doc, block, width)
        else:
            _page_break(doc)
    if document.closing is not None:
        _closing(doc, document.closing, width)
    for appendix in document.appendices:
        _appendix(doc, appendix, width)

    props = doc.core_properties
    props.title = document.title or f"{document.kind} {document.subject}".strip()
    props.author = props.last_modified_by = document.author or document.masthead.lower
    props.comments = ""
    props.language = "vi-VN"
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
