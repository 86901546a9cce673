"""Document numbers and citations found in running Vietnamese text: ``find_numbers`` (every full number,
checked by ``parse_number``) and ``find_citations`` (documents cited without their number). Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from resolutions.numbering import _DASHES, _LETTERS, _SLASHES, ParsedNumber, parse_number


@dataclass(frozen=True, slots=True)
class FoundNumber:
    start: int
    end: int
    text: str
    parsed: ParsedNumber


_SEP_CLASS: Final = f"\\-/{_DASHES}{_SLASHES}"
# Codes in running text start with a capital: lower-case runs are ordinary words, not codes.
_TEXT_WORD: Final = rf"[A-ZĐÐƯ][{_LETTERS}Ðð]*(?:\.[{_LETTERS}Ðð]+)*[0-9]*(?![\w&])"
# A number starts a token: not glued to a word, a digit, a decimal point or another separator
# ("hạng18/26", "1.885,4", "Covid-19"), except right after "số".
_NUMBER_START: Final = re.compile(rf"(?:(?<=[Ss]ố)|(?<=SỐ)|(?<![\w.,{_SEP_CLASS}]))[0-9]")
_TEXT_NUMBER: Final = re.compile(
    rf"[0-9]{{1,6}}(?P<s0>[^\S\r\n]*[{_SEP_CLASS}][^\S\r\n]*|[^\S\r\n]+)"
    rf"(?:[0-9]{{4}}[^\S\r\n]*[{_SEP_CLASS}][^\S\r\n]*)?"
    rf"(?P<w0>{_TEXT_WORD})"
    rf"(?P<w1>[^\S\r\n]*[{_SEP_CLASS}][^\S\r\n]*{_TEXT_WORD})?"
    rf"(?P<tail>(?:[{_SEP_CLASS}]{_TEXT_WORD})*)"
)
_TAIL_PART: Final = re.compile(rf"[{_SEP_CLASS}]{_TEXT_WORD}")
_SO_BEFORE: Final = re.compile(r"số\s*:?\s*$", re.IGNORECASE)
_FINDABLE: Final[frozenset[str]] = frozenset({"VALID", "NORMALIZED", "SUGGEST"})


def _candidate_ends(m: re.Match[str]) -> list[int]:
    """Possible ends of the number, longest first, so that a trailing word can be dropped."""
    ends = [m.end("w0")]
    if m.group("w1") is not None:
        ends.append(m.end("w1"))
    position = m.start("tail")
    for part in _TAIL_PART.finditer(m.string, position, m.end("tail")):
        ends.append(part.end())
    return sorted(set(ends), reverse=True)


def find_numbers(text: str) -> list[FoundNumber]:
    """Every document number in running text, in order, each occurrence with its span."""
    found: list[FoundNumber] = []
    position = 0
    for start_match in _NUMBER_START.finditer(text):
        start = start_match.start()
        if start < position:
            continue
        m = _TEXT_NUMBER.match(text, start)
        if m is None:
            continue
        # A number separated from its code by a bare space ("Số 09 KH/ĐU") only counts after "số".
        if m.group("s0").isspace() and not _SO_BEFORE.search(text, max(0, start - 12), start):
            continue
        for end in _candidate_ends(m):
            parsed = parse_number(text[start:end])
            if parsed.outcome in _FINDABLE:
                found.append(FoundNumber(start, end, text[start:end], parsed))
                position = end
                break
    return found


# --- partial citations ------------------------------------------------------------------------------
# Documents cited without their number: "Nghị quyết Đại hội XIII", "Kết luận Hội nghị Trung ương 4 khóa
# XII", "Chiến lược 2021–2030", "Chỉ thị 18 của UBND" (the number known, the symbol not). They are offered
# as suggestions, never taken for a number.
_CITED_KIND = (
    r"Nghị quyết|Chỉ thị|Kết luận|Quyết định|Quy định|Chiến lược|Chương trình hành động|Chương trình"
    r"|Kế hoạch|Thông báo kết luận|Thông báo|Hướng dẫn|Đề án|Nghị định|Thông tư|Luật"
)
_ROMAN = r"[IVXLC]+"
_CITATION = re.compile(
    rf"\b(?P<kind>{_CITED_KIND})\s+(?:"
    rf"(?P<congress>Đại hội(?:\s+(?:Đảng\s+toàn\s+quốc\s+)?(?:lần\s+thứ\s+)?{_ROMAN}|\s+Đảng\s+toàn\s+quốc\s+lần\s+thứ\s+{_ROMAN}))"
    rf"|(?P<plenum>Hội nghị(?:\s+lần\s+thứ)?\s+(?:\d{{1,2}}|{_ROMAN})\s+Ban Chấp hành Trung ương(?:\s+Đảng)?\s+khóa\s+{_ROMAN}"
    rf"|Hội nghị Trung ương\s+\d{{1,2}}\s+khóa\s+{_ROMAN})"
    rf"|(?P<span>(?:[^\s;.,:()]+\s+){{0,10}}?(?:giai đoạn\s+)?(?:19|20)\d\d\s*[–-]\s*(?:19|20)\d\d)"
    rf"|(?:số\s+)?(?!(?:19|20)\d\d\b)(?P<number>\d{{1,4}})(?![\d/–-])(?:\s+(?:của|ngày)\s+(?P<issuer>[^\s,.;:()]+(?:\s+[^\s,.;:()]+){{0,5}}?)(?=[,.;:()\n]|\s+(?:về|ngày|năm|đã|và|nhằm|tại)\b|$))?"
    rf")",
)


@dataclass(frozen=True, slots=True)
class FoundCitation:
    start: int
    end: int
    text: str


def find_citations(text: str, *, numbers: list[FoundNumber] | None = None) -> list[FoundCitation]:
    """Citations of documents without a full number, in order; none overlapping a full number."""
    taken = [(f.start, f.end) for f in (numbers if numbers is not None else find_numbers(text))]
    found: list[FoundCitation] = []
    for m in _CITATION.finditer(unicodedata.normalize("NFC", text)):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        found.append(FoundCitation(m.start(), m.end(), " ".join(m.group(0).split())))
    return found
