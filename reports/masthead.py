"""Where the issuer block of the report's first page breaks its lines, as a clerk sets it.

The issuer column is narrow (45% of the masthead), and a committee name such as "ĐẢNG ỦY SỞ LAO ĐỘNG -
THƯƠNG BINH VÀ XÃ HỘI" does not fit on one line. Left to the renderer it breaks wherever the line is full
("… - THƯƠNG / BINH VÀ XÃ HỘI"), splitting a name; a clerk breaks after the dash and balances the lines
("ĐẢNG ỦY SỞ LAO ĐỘNG - / THƯƠNG BINH VÀ XÃ HỘI"). The lines are chosen here, measured with the
advance widths of the shipped font, and printed one per line without further wrapping, so a long superior
name takes two lines inside its column instead of running under the right-hand header.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path

from django.conf import settings

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PT_PER_MM = 72 / 25.4
A4_WIDTH_MM = 210
# templates/reports/pdf/report.css: the masthead is 17 mm wider than the text and its issuer cell 45% of it.
MASTHEAD_EXTRA_MM = 17
ISSUER_SHARE = 0.45
ISSUER_SIZE_PT = 13
# Room kept free in each line: the measure ignores kerning, and a line must never touch the column's edge.
SAFETY = 0.98
# Words a line should not end on: they belong to the words after them (a line may start with them).
_JOINING = {"VÀ", "CỦA", "VỀ", "TẠI", "CÁC", "CHO", "VỚI"}
# Vietnamese writes each syllable apart, so a space may fall inside a word ("CƠ QUAN", "LAO ĐỘNG"). The
# words of organisation names that a break must not split; a break elsewhere is always preferred.
_WORDS = {
    tuple(word.split())
    for word in (
        "ĐẢNG ỦY",
        "ĐẢNG BỘ",
        "CHI BỘ",
        "CƠ QUAN",
        "DOANH NGHIỆP",
        "THÀNH PHỐ",
        "HỒ CHÍ",
        "CHÍ MINH",
        "LAO ĐỘNG",
        "THƯƠNG BINH",
        "XÃ HỘI",
        "TRUNG TÂM",
        "GIÁO DỤC",
        "ĐÀO TẠO",
        "Y TẾ",
        "TÀI CHÍNH",
        "KẾ HOẠCH",
        "ĐẦU TƯ",
        "NÔNG NGHIỆP",
        "PHÁT TRIỂN",
        "NÔNG THÔN",
        "CÔNG AN",
        "QUÂN SỰ",
        "KHOA HỌC",
        "CÔNG NGHỆ",
        "VĂN HÓA",
        "THỂ THAO",
        "DU LỊCH",
        "TƯ PHÁP",
        "NỘI VỤ",
        "XÂY DỰNG",
        "GIAO THÔNG",
        "VẬN TẢI",
        "TÀI NGUYÊN",
        "MÔI TRƯỜNG",
        "CÔNG THƯƠNG",
        "NGOẠI VỤ",
        "THÔNG TIN",
        "TRUYỀN THÔNG",
        "BỆNH VIỆN",
        "ĐẠI HỌC",
        "CAO ĐẲNG",
        "UỶ BAN",
        "ỦY BAN",
        "NHÂN DÂN",
        "MẶT TRẬN",
        "TỔ QUỐC",
        "BÀ RỊA",
        "VŨNG TÀU",
        "HÀ NỘI",
        "ĐÀ NẴNG",
        "CẦN THƠ",
        "HẢI PHÒNG",
        "NAM ĐỊNH",
        "CHÍNH QUYỀN",
    )
}


def _segment_words(words: list[str], start: int, step: int) -> int:
    """How many words from `start` in direction `step` before a dash or the end of the name."""
    count, i = 0, start
    while 0 <= i < len(words) and words[i] != "-":
        count, i = count + 1, i + step
    return count


@cache
def _advances(bold: bool) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency; only PDF rendering needs it

    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    font = TTFont(FONT_DIR / name, lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, int(font["head"].unitsPerEm)


def text_width_pt(text: str, *, bold: bool, size_pt: float = ISSUER_SIZE_PT) -> float:
    widths, units = _advances(bold)
    fallback = widths[ord("M")]
    return sum(widths.get(ord(ch), fallback) for ch in unicodedata.normalize("NFC", text)) * size_pt / units


def issuer_width_pt(margins_mm: Sequence[float]) -> float:
    """The width of the issuer column for page margins (top, right, bottom, left) in millimetres."""
    text_mm = A4_WIDTH_MM - float(margins_mm[1]) - float(margins_mm[3])
    return (text_mm + MASTHEAD_EXTRA_MM) * ISSUER_SHARE * PT_PER_MM * SAFETY


def break_lines(text: str, *, width_pt: float, bold: bool, size_pt: float = ISSUER_SIZE_PT) -> list[str]:
    """The fewest lines that fit `width_pt`, broken at spaces; among those, the most even, preferring a
    break after a dash and never before one, nor after a joining word ("VÀ"). A single word wider than the
    column gets a line of its own."""
    words = text.split()
    if not words:
        return []
    n = len(words)

    def width(i: int, j: int) -> float:
        return text_width_pt(" ".join(words[i:j]), bold=bold, size_pt=size_pt)

    # best[i]: (lines, cost, breaks) for words[i:]; lines first, so a name that fits on one line keeps it.
    best: list[tuple[int, float, list[int]]] = [(0, 0.0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            w = width(i, j)
            if w > width_pt and j > i + 1:
                break
            if j < n and words[j] == "-":
                continue  # a line never starts with the dash
            lines, cost, breaks = best[j]
            slack = max(width_pt - w, 0.0) / width_pt
            line_cost = slack * slack
            if j < n and words[j - 1] == "-":
                if _segment_words(words, j - 2, -1) >= 2 and _segment_words(words, j, 1) >= 3:
                    # The clerk's break between the two halves of a joined name: "… LAO ĐỘNG -" /
                    # "THƯƠNG BINH VÀ XÃ HỘI".
                    line_cost -= 0.5
                else:
                    line_cost += 1.0  # "BÀ RỊA - VŨNG TÀU", "DÂN - CHÍNH - ĐẢNG": one name, kept whole
            elif j < n and (
                words[j - 1].upper() in _JOINING or (words[j - 1].upper(), words[j].upper()) in _WORDS
            ):
                line_cost += 1.0
            elif j < n and words[j].upper() == "VÀ":
                line_cost -= 0.2  # "… CƠ QUAN" / "VÀ DOANH NGHIỆP …"
            options.append((lines + 1, cost + line_cost, [j, *breaks]))
        if not options:  # only a lone word fits, and a dash follows it: the dash goes on the next line
            lines, cost, breaks = best[i + 1]
            options.append((lines + 1, cost + 1.0, [i + 1, *breaks]))
        best[i] = min(options, key=lambda option: (option[0], option[1]))
    starts = [0, *best[0][2]]
    return [" ".join(words[start:end]) for start, end in pairwise(starts)]


def issuer_level_lines(text: str, *, lower: bool) -> list[str]:
    """One level of the issuer block, line by line, in the column the configured page margins leave: the
    upper level (the superior organisation) in regular type, the lower (the issuing committee) in bold."""
    column = issuer_width_pt(settings.CHITIEU_REPORT_MARGINS_MM)
    return break_lines(text, width_pt=column, bold=lower)
