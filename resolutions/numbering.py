"""Document numbers (số, ký hiệu) as DOMAIN.md §3.1 writes them: parse, normalise, suggest, find in text.

Party:  NN-TYPE/ISSUER          32-CT/TU, 53-CTrHĐ/TU, 08-QĐi/TW
State:  NN/TYPE-ISSUER          10/CT-UBND; legal documents NN/YYYY/TYPE-ISSUER: 30/2020/NĐ-CP
Letter: NN/ISSUER-UNIT          5973/UBND-KT (no type)
Assembly: NN/YYYY/QHkk          98/2023/QH15, 629/2019/UBTVQH14

Outcomes: VALID (already canonical), NORMALIZED (only typography changed), SUGGEST (a letter or separator
would change: a person must confirm), DRAFT (number still blank), INVALID. Pure: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

PARTY_TYPE_CODES = tuple(
    [
        "CTrHĐ",
        "QĐi",
        "CTr",
        "TTr",
        "TCo",
        "GGT",
        "NQ",
        "QĐ",
        "CT",
        "KL",
        "QC",
        "TT",
        "HD",
        "TB",
        "BC",
        "KH",
        "QH",
        "ĐA",
        "PA",
        "DA",
        "CV",
        "BB",
        "BS",
        "GM",
    ]
)
STATE_TYPE_CODES = tuple(
    [
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TC",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "GM",
        "GGT",
        "NĐ",
        "TT",
        "TTLT",
    ]
)
# State legal documents whose number is meaningless without its year (DOMAIN.md §3.1).
YEAR_REQUIRED = frozenset({"NĐ", "TT", "TTLT"})

# Issuers whose spelling is mixed case; every other issuer is written in capitals.
MIXED_CASE_ISSUERS = {"TTG": "TTg"}
STATE_ISSUERS = frozenset(
    [
        "UBND",
        "HĐND",
        "CP",
        "TTg",
        "VPCP",
        "BNV",
        "BTC",
        "BLĐTBXH",
        "BYT",
        "BGDĐT",
        "BCA",
        "BQP",
        "BTP",
        "BKHĐT",
        "BTNMT",
        "BXD",
        "BCT",
        "BNNPTNT",
        "BTTTT",
        "BVHTTDL",
        "BGTVT",
        "BKHCN",
        "NHNN",
        "TANDTC",
        "VKSNDTC",
        "KTNN",
        "CTN",
        "UBMTTQ",
        "SLĐTBXH",
        "SYT",
        "SGDĐT",
        "STC",
        "SNV",
    ]
)
# A Party issuer ends in the committee it belongs to: Trung ương, tỉnh/thành ủy, đảng ủy, huyện ủy, …
_PARTY_ISSUER = re.compile(r"(TW|TU|ĐU|HU|QU|TXU|TPU|ĐUK|ĐUCS|ĐUQS|CB|ĐB)$")

TYPE_WORDS = {
    "nghị định": "NĐ",
    "nghị quyết": "NQ",
    "chỉ thị": "CT",
    "quyết định": "QĐ",
    "quy định": "QĐi",
    "kết luận": "KL",
    "kế hoạch": "KH",
    "chương trình hành động": "CTrHĐ",
    "chương trình": "CTr",
    "thông báo": "TB",
    "thông tư liên tịch": "TTLT",
    "thông tư": "TT",
    "hướng dẫn": "HD",
    "công văn": "CV",
    "báo cáo": "BC",
    "tờ trình": "TTr",
    "đề án": "ĐA",
    "phương án": "PA",
    "quy chế": "QC",
    "luật": "",
}
# Type words that name the same kind of document under either code ("Quy định" is QĐi for the Party).
_TYPE_WORD_ALIASES = {"QĐi": {"QĐi", "QyĐ", "QĐ"}, "QĐ": {"QĐ", "QĐi"}, "CTr": {"CTr", "CTrHĐ"}}

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹘﹣－"), "-")
_SLASHES = dict.fromkeys(map(ord, "⁄∕⧸／"), "/")
_LETTERS = "A-Za-zĐđƯưÐ"
_CODE = rf"[{_LETTERS}]+"
_ISSUER = rf"[{_LETTERS}]+(?:\.[{_LETTERS}]+)*"
_ISSUERS = rf"{_ISSUER}(?:-{_ISSUER})*"

_PARTY = re.compile(rf"^(?P<n>\d+)-(?P<type>{_CODE})/(?P<iss>{_ISSUERS})$")
_STATE = re.compile(rf"^(?P<n>\d+)/(?:(?P<y>\d{{4}})/)?(?P<type>{_CODE})-(?P<iss>{_ISSUERS})$")
_ASSEMBLY = re.compile(r"^(?P<n>\d+)/(?:(?P<y>\d{4})/)?(?P<body>UBTVQH|QH)(?P<k>\d{1,2})$", re.IGNORECASE)
_PARTY_HYPHENS = re.compile(rf"^(?P<n>\d+)-(?P<type>{_CODE})-(?P<iss>{_ISSUER})$")
_MISSING_HYPHEN = re.compile(rf"^(?P<n>\d+)\s+(?P<type>{_CODE})/(?P<iss>{_ISSUERS})$")
_DRAFT_PARTY = re.compile(rf"^[.…_\s]*-(?P<type>{_CODE})/(?P<iss>{_ISSUERS})$")
_DRAFT_STATE = re.compile(rf"^[.…_\s]*/(?:(?P<y>\d{{4}})/)?(?P<type>{_CODE})-(?P<iss>{_ISSUERS})$")


@dataclass(frozen=True)
class ParsedNumber:
    raw: str
    outcome: str
    canonical: str | None = None
    number: int | None = None
    year: int | None = None
    type_code: str | None = None
    issuers: tuple[str, ...] = ()
    system: str | None = None
    legislature: int | None = None
    message: str = ""
    notes: tuple[str, ...] = field(default=(), repr=False)

    @property
    def is_usable(self) -> bool:
        return self.outcome in ("VALID", "NORMALIZED")


def _invalid(raw: str, message: str) -> ParsedNumber:
    return ParsedNumber(raw=raw, outcome="INVALID", message=message)


def _code_in(code: str, codes: tuple[str, ...]) -> str | None:
    """The code as the list spells it, matched ignoring case; None if it is not in the list."""
    for known in codes:
        if known.casefold() == code.casefold():
            return known
    return None


def _issuer_spelling(issuer: str) -> str:
    upper = issuer.upper()
    return MIXED_CASE_ISSUERS.get(upper, upper)


def _is_party_issuer(issuer: str) -> bool:
    return bool(_PARTY_ISSUER.search(issuer.upper())) and issuer.upper() not in {
        i.upper() for i in STATE_ISSUERS
    }


def _is_state_issuer(issuer: str) -> bool:
    return issuer.upper() in {i.upper() for i in STATE_ISSUERS}


def _pad(number: int) -> str:
    return f"{number:02d}"


@dataclass
class _Work:
    """What normalising changed so far: typography (notes) and letters or separators (suggestions)."""

    notes: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    type_word: str | None = None


def _clean(raw: str, work: _Work) -> str:
    text = unicodedata.normalize("NFC", raw).strip()
    if "Ð" in text:
        text = text.replace("Ð", "Đ")
        work.notes.append("chữ Ð được thay bằng Đ")
    translated = text.translate(_DASHES).translate(_SLASHES)
    if translated != text:
        work.notes.append("dấu gạch hoặc gạch chéo được chuẩn hóa")
        text = translated
    prefix = re.match(r"^số\s*:?\s*", text, re.IGNORECASE)
    if prefix:
        text = text[prefix.end() :]
        work.notes.append("bỏ chữ «Số»")
    lowered = text.lower()
    for word in sorted(TYPE_WORDS, key=len, reverse=True):
        if lowered.startswith(word + " ") or lowered.startswith(word + " số"):
            text = text[len(word) :].strip()
            work.type_word = word
            work.notes.append(f"bỏ chữ «{word.capitalize()}»")
            rest = re.match(r"^số\s*:?\s*", text, re.IGNORECASE)
            if rest:
                text = text[rest.end() :]
            break
    spaced = re.sub(r"\s*([-/])\s*", r"\1", text)
    if spaced != text:
        work.notes.append("bỏ khoảng trắng quanh dấu - và /")
        text = spaced
    if text.endswith("."):
        text = text.rstrip(".")
        work.notes.append("bỏ dấu chấm cuối")
    return text.strip()


def _resolve_type(code: str, codes: tuple[str, ...], work: _Work) -> str | None:
    known = _code_in(code, codes)
    if known is not None:
        if known != code:
            work.notes.append(f"chữ hoa/thường theo danh mục: {known}")
        return known
    with_dd = _code_in(code.replace("D", "Đ").replace("d", "đ"), codes)
    if with_dd is not None:
        work.suggestions.append(f"chữ D được hiểu là Đ ({code} → {with_dd})")
        return with_dd
    return None


def _resolve_issuers(issuers: str, work: _Work) -> tuple[str, ...]:
    result = []
    for issuer in issuers.split("-"):
        spelled = _issuer_spelling(issuer)
        if "Ư" in spelled and _is_party_issuer(spelled.replace("Ư", "W")):
            fixed = spelled.replace("Ư", "W")
            work.suggestions.append(f"chữ Ư có thể là W do nhận dạng sai ({spelled} → {fixed})")
            spelled = fixed
        elif spelled != issuer:
            work.notes.append("chữ hoa/thường của cơ quan ban hành")
        result.append(spelled)
    return tuple(result)


def _number(text: str, work: _Work) -> int:
    number = int(text)
    if number and text != _pad(number) and not (number >= 10 and text == str(number)):
        work.notes.append("thêm hoặc bỏ số 0 ở đầu")
    return number


def _check_type_word(type_code: str, work: _Work) -> None:
    if work.type_word is None:
        return
    expected = TYPE_WORDS[work.type_word]
    if expected and type_code not in _TYPE_WORD_ALIASES.get(expected, {expected}):
        work.suggestions.append(
            f"chữ «{work.type_word.capitalize()}» không khớp với ký hiệu {type_code}; giữ theo ký hiệu"
        )


def _finish(raw: str, work: _Work, **fields: object) -> ParsedNumber:
    canonical = fields["canonical"]
    assert isinstance(canonical, str)
    if work.suggestions:
        message = f"Có thể là {canonical}: " + "; ".join(work.suggestions) + ". Cần xác nhận."
        return ParsedNumber(raw=raw, outcome="SUGGEST", message=message, notes=tuple(work.notes), **fields)  # type: ignore[arg-type]
    if canonical == raw:
        return ParsedNumber(raw=raw, outcome="VALID", message="Số, ký hiệu hợp lệ.", **fields)  # type: ignore[arg-type]
    notes = work.notes or ["chuẩn hóa cách viết"]
    message = f"Đã chuẩn hóa thành {canonical}: " + "; ".join(dict.fromkeys(notes)) + "."
    return ParsedNumber(raw=raw, outcome="NORMALIZED", message=message, notes=tuple(notes), **fields)  # type: ignore[arg-type]


def parse_number(text: str) -> ParsedNumber:
    """Parse a typed or pasted document number. Never raises."""
    raw = text if isinstance(text, str) else str(text)
    work = _Work()
    try:
        cleaned = _clean(raw, work)
    except (ValueError, IndexError):
        return _invalid(raw, "Không đọc được số, ký hiệu văn bản.")
    if not cleaned:
        return _invalid(raw, "Chưa nhập số, ký hiệu văn bản.")
    for parse in (_parse_assembly, _parse_state, _parse_party, _parse_misplaced, _parse_draft):
        result = parse(raw, cleaned, work)
        if result is not None:
            return result
    return _invalid(raw, _why_invalid(cleaned))


def _why_invalid(cleaned: str) -> str:
    if not re.search(r"\d", cleaned):
        return "Thiếu số văn bản: số, ký hiệu phải có dạng 32-CT/TU hoặc 10/CT-UBND."
    if "/" not in cleaned:
        return "Thiếu cơ quan ban hành: số, ký hiệu phải có dạng 32-CT/TU hoặc 10/CT-UBND."
    return "Không nhận ra số, ký hiệu văn bản: dạng đúng là 32-CT/TU (Đảng) hoặc 10/CT-UBND (Nhà nước)."


def _parse_assembly(raw: str, cleaned: str, work: _Work) -> ParsedNumber | None:
    match = _ASSEMBLY.match(cleaned)
    if not match:
        return None
    number = _number(match["n"], work)
    if number == 0:
        return _invalid(raw, "Số văn bản không được là 0.")
    if not match["y"]:
        return _invalid(raw, "Thiếu năm ban hành: số văn bản của Quốc hội có dạng 98/2023/QH15.")
    body = match["body"].upper()
    if body != match["body"]:
        work.notes.append("chữ hoa")
    canonical = f"{_pad(number)}/{match['y']}/{body}{int(match['k'])}"
    return _finish(
        raw,
        work,
        canonical=canonical,
        number=number,
        year=int(match["y"]),
        type_code=None,
        issuers=(body,),
        system="state",
        legislature=int(match["k"]),
    )


def _state_fields(
    raw: str,
    work: _Work,
    number_text: str,
    year: str | None,
    code: str,
    issuers: str,
    *,
    swapped: bool = False,
) -> ParsedNumber | None:
    number = _number(number_text, work)
    type_code = _resolve_type(code, STATE_TYPE_CODES, work)
    issuer_tuple = _resolve_issuers(issuers, work)
    if type_code is None:
        # NN/ISSUER-UNIT: a State letter (công văn) has no type code.
        letter_issuer = _issuer_spelling(code)
        if year is None and _is_state_issuer(letter_issuer) and not swapped:
            if number == 0:
                return _invalid(raw, "Số văn bản không được là 0.")
            canonical = f"{_pad(number)}/{letter_issuer}-{'-'.join(issuer_tuple)}"
            return _finish(
                raw,
                work,
                canonical=canonical,
                number=number,
                year=None,
                type_code=None,
                issuers=(letter_issuer, *issuer_tuple),
                system="state",
            )
        return None
    if number == 0:
        return _invalid(raw, "Số văn bản không được là 0.")
    if type_code in YEAR_REQUIRED and year is None:
        return _invalid(raw, f"Thiếu năm ban hành: số {type_code} phải có dạng 30/2020/{type_code}-CP.")
    _check_type_word(type_code, work)
    year_part = f"{year}/" if year else ""
    canonical = f"{_pad(number)}/{year_part}{type_code}-{'-'.join(issuer_tuple)}"
    return _finish(
        raw,
        work,
        canonical=canonical,
        number=number,
        year=int(year) if year else None,
        type_code=type_code,
        issuers=issuer_tuple,
        system="state",
    )


def _party_fields(raw: str, work: _Work, number_text: str, code: str, issuers: str) -> ParsedNumber | None:
    number = _number(number_text, work)
    type_code = _resolve_type(code, PARTY_TYPE_CODES, work)
    if type_code is None:
        return None
    if number == 0:
        return _invalid(raw, "Số văn bản không được là 0.")
    issuer_tuple = _resolve_issuers(issuers, work)
    _check_type_word(type_code, work)
    canonical = f"{_pad(number)}-{type_code}/{'-'.join(issuer_tuple)}"
    return _finish(
        raw,
        work,
        canonical=canonical,
        number=number,
        year=None,
        type_code=type_code,
        issuers=issuer_tuple,
        system="party",
    )


def _parse_state(raw: str, cleaned: str, work: _Work) -> ParsedNumber | None:
    match = _STATE.match(cleaned)
    if not match:
        return None
    issuers = match["iss"]
    if (
        match["y"] is None
        and "-" not in issuers
        and _is_party_issuer(issuers)
        and _code_in(match["type"], PARTY_TYPE_CODES)
    ):
        # 32/CT-TU: a Party document written State style.
        work.suggestions.append("văn bản của Đảng viết theo kiểu văn bản nhà nước (NN-LOẠI/CƠ QUAN)")
        return _party_fields(raw, work, match["n"], match["type"], issuers)
    return _state_fields(raw, work, match["n"], match["y"], match["type"], issuers)


def _parse_party(raw: str, cleaned: str, work: _Work) -> ParsedNumber | None:
    match = _PARTY.match(cleaned)
    if not match:
        return None
    issuers = match["iss"]
    if _is_state_issuer(issuers.split("-")[0]):
        # 10-CT/UBND: a State document written Party style.
        work.suggestions.append("văn bản nhà nước viết theo kiểu văn bản của Đảng (NN/LOẠI-CƠ QUAN)")
        return _state_fields(raw, work, match["n"], None, match["type"], issuers, swapped=True)
    return _party_fields(raw, work, match["n"], match["type"], issuers)


def _parse_misplaced(raw: str, cleaned: str, work: _Work) -> ParsedNumber | None:
    match = _PARTY_HYPHENS.match(cleaned)
    if match and _is_party_issuer(_issuer_spelling(match["iss"]).replace("Ư", "W")):
        work.suggestions.append("dấu gạch ngang ở chỗ của dấu gạch chéo")
        return _party_fields(raw, work, match["n"], match["type"], match["iss"])
    match = _MISSING_HYPHEN.match(cleaned)
    if match:
        work.suggestions.append("thiếu dấu gạch ngang giữa số và loại văn bản")
        return _party_fields(raw, work, match["n"], match["type"], match["iss"])
    return None


def _parse_draft(raw: str, cleaned: str, work: _Work) -> ParsedNumber | None:
    match = _DRAFT_PARTY.match(cleaned)
    if match:
        type_code = _resolve_type(match["type"], PARTY_TYPE_CODES, work)
        if type_code is None:
            return None
        issuers = _resolve_issuers(match["iss"], work)
        return ParsedNumber(
            raw=raw,
            outcome="DRAFT",
            canonical=f"…-{type_code}/{'-'.join(issuers)}",
            type_code=type_code,
            issuers=issuers,
            system="party",
            message="Văn bản dự thảo: chưa có số.",
        )
    match = _DRAFT_STATE.match(cleaned)
    if match:
        type_code = _resolve_type(match["type"], STATE_TYPE_CODES, work)
        if type_code is None:
            return None
        issuers = _resolve_issuers(match["iss"], work)
        year_part = f"{match['y']}/" if match["y"] else ""
        return ParsedNumber(
            raw=raw,
            outcome="DRAFT",
            canonical=f"…/{year_part}{type_code}-{'-'.join(issuers)}",
            type_code=type_code,
            issuers=issuers,
            system="state",
            year=int(match["y"]) if match["y"] else None,
            message="Văn bản dự thảo: chưa có số.",
        )
    return None


@dataclass(frozen=True)
class FoundNumber:
    start: int
    end: int
    text: str
    parsed: ParsedNumber


_WORD_CHARS = rf"0-9{_LETTERS}"
_CANDIDATE = re.compile(
    rf"(?<![{_WORD_CHARS}/\-.])"
    rf"(?:"
    rf"\d{{1,5}}/\d{{4}}/(?:UBTVQH|QH)\d{{1,2}}"  # National Assembly
    rf"|\d{{1,5}}/(?:\d{{4}}/)?[{_LETTERS}]{{1,6}}-{_ISSUERS}"  # State
    rf"|\d{{1,5}}\s?[-–]\s?[{_LETTERS}]{{1,6}}\s?/\s?{_ISSUERS}"  # Party
    rf")"
    rf"(?![{_WORD_CHARS}])"
)


def find_numbers(text: str) -> list[FoundNumber]:
    """Every document number in running text, in order, with its span; dates, fractions and names are not."""
    found = []
    for match in _CANDIDATE.finditer(text or ""):
        candidate = match.group(0)
        parsed = parse_number(candidate)
        if parsed.outcome in ("VALID", "NORMALIZED", "SUGGEST"):
            found.append(FoundNumber(match.start(), match.end(), candidate, parsed))
    return found


def format_reference(parsed: ParsedNumber, *, with_so: bool = True) -> str:
    """ "Số 32-CT/TU" for the Party (no colon), "Số: 10/CT-UBND" for the State."""
    number = parsed.canonical or ""
    if not with_so:
        return number
    return f"Số {number}" if parsed.system == "party" else f"Số: {number}"
