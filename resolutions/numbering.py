"""Document numbers (số, ký hiệu văn bản) of the Party and the State.

Pure functions, no Django: ``parse_number`` classifies one typed or pasted number, ``format_reference``
writes the "Số …" line. The code lists it reads are in ``resolutions.number_codes``; finding numbers and
citations in running text (``find_numbers``, ``find_citations``) in ``resolutions.number_search``.
The rules are DOMAIN.md §3.1: Party ``NN-TYPE/ISSUER``, State ``NN/TYPE-ISSUER`` or
``NN/YYYY/TYPE-ISSUER``, National Assembly ``NN/YYYY/QHkk``, State letters ``NN/ISSUER-UNIT``.

Outcomes: VALID (input already canonical), NORMALIZED (only typography changed), SUGGEST (a letter
or separator would change: a person confirms), DRAFT (number still blank), INVALID.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from resolutions.number_codes import (
    _LETTER_TYPE_WORDS,
    _NA_ISSUER,
    _NA_TYPE_WORDS,
    _PARTY_ISSUER_SHAPE,
    _STATE_ISSUER_SHAPE,
    KNOWN_ISSUERS,
    PARTY_TYPE_CODES,
    PARTY_TYPE_NAMES,
    STATE_TYPE_CODES,
    STATE_TYPE_NAMES,
    TYPE_WORDS,
    YEAR_REQUIRED_CODES,
    System,
)

Outcome = Literal["VALID", "NORMALIZED", "SUGGEST", "DRAFT", "INVALID"]


# --- result types ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    raw: str
    outcome: Outcome
    canonical: str | None = None
    number: int | None = None
    year: int | None = None
    type_code: str | None = None
    issuers: tuple[str, ...] = ()
    system: System | None = None
    message: str = ""
    legislature: int | None = None  # khóa of the National Assembly: 15 in 98/2023/QH15

    @property
    def is_usable(self) -> bool:
        return self.outcome in ("VALID", "NORMALIZED")


# --- typography -----------------------------------------------------------------------------------

_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SLASHES: Final = "\u2044\u2215\u29f8\uff0f"
_LOOKALIKES: Final = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SLASHES, "/")})
_ETH: Final = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})  # Ð/ð (Icelandic eth) look like Đ/đ

_TYPE_WORD_ALT: Final = "|".join(re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))
_TYPE_WORD_PREFIX: Final = re.compile(rf"({_TYPE_WORD_ALT})(?![^\W\d_])\s*", re.IGNORECASE)
_SO_PREFIX: Final = re.compile(r"số(?![^\W\d_])\s*:?\s*", re.IGNORECASE)
_SPACED_SEPARATOR: Final = re.compile(r"\s*([-/])\s*")

_LETTERS: Final = "A-Za-zĐđƯư"
_WORD: Final = re.compile(rf"[{_LETTERS}]+(?:\.[{_LETTERS}]+)*[0-9]*")
_CORE: Final = re.compile(
    r"(?P<num>[0-9]+|…+|\.{2,}|_+)?(?P<s0>[-/]|\s+)?(?:(?P<year>[0-9]{4})/)?(?P<rest>.+)", re.DOTALL
)

_PARTY_EXAMPLE: Final = "32-CT/TU"
_STATE_EXAMPLE: Final = "10/CT-UBND"


def _invalid(raw: str, message: str) -> ParsedNumber:
    return ParsedNumber(raw=raw, outcome="INVALID", message=message)


@dataclass(slots=True)
class _Notes:
    """What parsing changed: typographic fixes (NORMALIZED) and real changes (SUGGEST)."""

    normalized: list[str]
    suggested: list[str]

    def norm(self, note: str) -> None:
        if note not in self.normalized:
            self.normalized.append(note)

    def suggest(self, note: str) -> None:
        if note not in self.suggested:
            self.suggested.append(note)


def _clean(raw: str, notes: _Notes) -> tuple[str, str | None]:
    """Typography only: returns the bare number and the type word that preceded it, if any."""
    text = unicodedata.normalize("NFC", raw)
    if text != raw:
        notes.norm("chuẩn hóa mã Unicode (NFC)")
    mapped = text.translate(_LOOKALIKES)
    if mapped != text:
        notes.norm("thay dấu gạch, gạch chéo dạng khác bằng «-», «/»")
    text, mapped = mapped, mapped.translate(_ETH)
    if mapped != text:
        notes.norm("thay chữ Ð (U+00D0) bằng Đ")
    text = mapped
    stripped = text.strip()
    if stripped != text:
        notes.norm("bỏ khoảng trắng thừa")
    text = stripped

    type_word: str | None = None
    while True:
        if m := _SO_PREFIX.match(text):
            notes.norm("bỏ chữ «Số»")
        elif m := _TYPE_WORD_PREFIX.match(text):
            word = _canonical_type_word(m.group(1))
            type_word = type_word or word
            notes.norm(f"bỏ tên loại văn bản «{word}»")
        else:
            break
        text = text[m.end() :]

    without_dot = text.rstrip(". \t")
    if without_dot != text:
        notes.norm("bỏ dấu chấm ở cuối")
    text = without_dot
    collapsed = _SPACED_SEPARATOR.sub(r"\1", text)
    if collapsed != text:
        notes.norm("bỏ khoảng trắng quanh dấu «-», «/»")
    return collapsed, type_word


def _canonical_type_word(word: str) -> str:
    folded = word.casefold()
    return next((w for w in TYPE_WORDS if w.casefold() == folded), word)


# --- codes ----------------------------------------------------------------------------------------


def _d_variants(token: str) -> list[str]:
    """Spellings with some D read as Đ, fewest changes first (Đ is often typed as D)."""
    positions = [i for i, ch in enumerate(token) if ch in "Dd"][:8]
    variants: list[str] = []
    for count in range(1, min(len(positions), 4) + 1):
        for chosen in itertools.combinations(positions, count):
            chars = list(token)
            for i in chosen:
                chars[i] = "Đ"
            variants.append("".join(chars))
    return variants


def _lookup_code(token: str, codes: tuple[str, ...]) -> str | None:
    upper = token.upper()
    return next((code for code in codes if code.upper() == upper), None)


def _resolve_type(token: str, codes: tuple[str, ...], notes: _Notes | None) -> str | None:
    """The type code as the list spells it; a D→Đ reading is a suggestion, case is typography."""
    if code := _lookup_code(token, codes):
        if code != token and notes is not None:
            notes.norm("sửa chữ hoa, chữ thường theo danh mục")
        return code
    for variant in _d_variants(token):
        if code := _lookup_code(variant, codes):
            if notes is not None:
                notes.suggest("chữ D được hiểu là Đ")
            return code
    return None


@dataclass(frozen=True, slots=True)
class _Issuer:
    code: str
    system: System | None
    legislature: int | None = None

    def spelled(self) -> str:
        return self.code if self.legislature is None else f"{self.code}{self.legislature}"


def _classify_issuer(upper: str) -> _Issuer | None:
    """A known or well-shaped issuer (upper-cased input), None if nothing recognises it."""
    if na := _NA_ISSUER.fullmatch(upper):
        return _Issuer(na.group(1), "state", int(na.group(2)))
    if upper in KNOWN_ISSUERS:
        code, system = KNOWN_ISSUERS[upper]
        return _Issuer(code, system)
    if _PARTY_ISSUER_SHAPE.fullmatch(upper):
        return _Issuer(upper, "party")
    if _STATE_ISSUER_SHAPE.fullmatch(upper):
        return _Issuer(upper, "state")
    return None


def _resolve_issuer(token: str, notes: _Notes | None) -> _Issuer:
    upper = token.upper()
    if "Ư" in upper:
        # TƯ is the handwritten/OCR form of TW (Trung ương); elsewhere Ư stands for U.
        letter = "W" if upper.replace("Ư", "W") in KNOWN_ISSUERS else "U"
        if notes is not None:
            why = " (TƯ là cách viết tắt Trung ương)" if letter == "W" else ""
            notes.suggest(f"chữ Ư được hiểu là {letter}{why}")
        return _resolve_issuer(upper.replace("Ư", letter), notes)
    found = _classify_issuer(upper)
    if found is None or (upper not in KNOWN_ISSUERS and found.legislature is None):
        # Only a known issuer justifies reading D as Đ: unknown codes may really contain D.
        for variant in _d_variants(upper):
            if variant in KNOWN_ISSUERS:
                if notes is not None:
                    notes.suggest("chữ D được hiểu là Đ")
                code, system = KNOWN_ISSUERS[variant]
                return _Issuer(code, system)
    found = found or _Issuer(upper, None)
    if found.spelled() != token and notes is not None:
        notes.norm("sửa chữ hoa, chữ thường theo danh mục")
    return found


def _is_state_issuer(token: str) -> bool:
    if _lookup_code(token, PARTY_TYPE_CODES + STATE_TYPE_CODES):
        return False
    return _resolve_issuer(token, None).system == "state"


# --- parsing --------------------------------------------------------------------------------------


class _Refused(Exception):
    """A step of the grammar found the number invalid; its message says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class _Parts:
    """The number cut at its separators: serial, first separator, year, and the words after them."""

    num_text: str | None
    s0: str
    year_text: str | None
    words: list[str]
    seps: list[str]


@dataclass(slots=True)
class _Shape:
    """Which of the shapes of DOMAIN.md §3.1 the words make, and who issued it."""

    kind: Literal["na", "doc", "letter"]
    issuers: list[_Issuer]
    legislature: int | None = None
    type_code: str | None = None


def parse_number(text: str) -> ParsedNumber:
    """Classify one document number as typed or pasted; never raises.

    The steps of DOMAIN.md §3.1, each its own function: typography (_clean), the parts of the number
    (_parts), its shape and issuers (_shape), the system and type code (_type_code), the year (_year), the
    serial (_serial), then the canonical form (_canonical) and the verdict (_verdict)."""
    raw = text
    notes = _Notes([], [])
    try:
        parts, type_word = _parts(raw, notes)
        shape = _shape_of(parts.words, notes)
        system = _decide_system(
            shape.kind, parts.words[0], shape.issuers, parts.s0, parts.seps, parts.year_text
        )
        _type_code(shape, parts.words[0], system, notes)
        year = _year(parts, shape, system)
        number, draft = _serial(parts.num_text, notes)
    except _Refused as refused:
        return _invalid(raw, refused.message)
    _check_separators(shape.kind, system, parts.seps, notes)
    _check_type_word(type_word, shape.kind, system, shape.type_code, notes)
    canonical = _canonical(shape, system, "…" if draft else f"{number:02d}", year)
    outcome, message = _verdict(raw, canonical, draft, notes)
    return ParsedNumber(
        raw=raw,
        outcome=outcome,
        canonical=canonical,
        number=number,
        year=year,
        type_code=shape.type_code,
        issuers=tuple(i.code for i in shape.issuers),
        system=system,
        message=message,
        legislature=shape.legislature,
    )


def _parts(raw: str, notes: _Notes) -> tuple[_Parts, str | None]:
    """Typography fixed, the number cut into serial, separators, year and words (letters only)."""
    core, type_word = _clean(raw, notes)
    if not core:
        raise _Refused("Chưa nhập số, ký hiệu văn bản.")
    m = _CORE.fullmatch(core)
    if m is None:
        raise _Refused(_unrecognised())
    num_text, s0, year_text, rest = m.group("num"), m.group("s0") or "", m.group("year"), m["rest"]
    if num_text is None and not s0:
        raise _Refused(f"Thiếu số văn bản: cần dạng {_PARTY_EXAMPLE} hoặc {_STATE_EXAMPLE}.")
    if num_text is not None and len(num_text) > 9:
        raise _Refused(f"Số văn bản «{num_text}» quá dài.")
    pieces = re.split(r"([-/])", rest)
    words, seps = pieces[0::2], [s0, *pieces[1::2]]
    if not all(_WORD.fullmatch(w) for w in words):
        raise _Refused(_unrecognised())
    return _Parts(num_text, s0, year_text, words, seps), type_word


def _shape_of(words: list[str], notes: _Notes) -> _Shape:
    """National Assembly (98/2023/QH15), a document with a type code (32-CT/TU, 10/CT-UBND), or a State
    letter without one (123/UBND-VX)."""
    if len(words) == 1 and _NA_ISSUER.fullmatch(words[0].upper()):
        issuer = _resolve_issuer(words[0], notes)
        return _Shape("na", [issuer], legislature=issuer.legislature)
    if _resolve_type(words[0], PARTY_TYPE_CODES + STATE_TYPE_CODES, None) is not None:
        if len(words) == 1:
            raise _Refused(f"Thiếu cơ quan ban hành sau ký hiệu loại «{words[0]}».")
        return _Shape("doc", [_resolve_issuer(w, notes) for w in words[1:]])
    if _is_state_issuer(words[0]):
        return _Shape("letter", [_resolve_issuer(w, notes) for w in words])
    if len(words) == 1:
        raise _Refused(f"Thiếu ký hiệu loại hoặc cơ quan ban hành: cần dạng {_PARTY_EXAMPLE}.")
    raise _Refused(f"Không nhận ra ký hiệu loại văn bản «{words[0]}».")


def _type_code(shape: _Shape, word: str, system: System, notes: _Notes) -> None:
    """The type code, looked up in the list of its system (Party: HD 36; State: NĐ 30/2020)."""
    if shape.kind != "doc":
        return
    codes = PARTY_TYPE_CODES if system == "party" else STATE_TYPE_CODES
    shape.type_code = _resolve_type(word, codes, notes)
    if shape.type_code is None:
        body = "của Đảng" if system == "party" else "Nhà nước"
        raise _Refused(f"Ký hiệu «{word}» không có trong danh mục loại văn bản {body}.")
    if shape.legislature is None:
        shape.legislature = next((i.legislature for i in shape.issuers if i.legislature is not None), None)


def _year(parts: _Parts, shape: _Shape, system: System) -> int | None:
    """Party numbers and letters carry no year; National Assembly and State legal documents must."""
    if parts.year_text is None:
        if shape.kind == "na" or (system == "state" and shape.type_code in YEAR_REQUIRED_CODES):
            raise _Refused(_missing_year(parts.num_text, shape.type_code, shape.issuers))
        return None
    if system == "party" or shape.kind == "letter":
        raise _Refused(
            f"Số văn bản {'của Đảng' if system == 'party' else 'công văn'} không ghi năm ban hành."
        )
    year = int(parts.year_text)
    if not 1945 <= year <= 2100:
        raise _Refused(f"Năm ban hành {parts.year_text} không hợp lệ.")
    return year


def _serial(num_text: str | None, notes: _Notes) -> tuple[int | None, bool]:
    """The serial number, written with at least two digits (01); none (… or __) is a draft."""
    if num_text is None or not num_text.isdigit():
        return None, True
    number = int(num_text)
    if number == 0:
        raise _Refused("Số văn bản không thể là 0: số thứ tự bắt đầu từ 01.")
    if f"{number:02d}" != num_text:
        notes.norm("thêm số 0 ở đầu" if len(num_text) < 2 else "bỏ số 0 thừa ở đầu")
    return number, False


def _canonical(shape: _Shape, system: System, head: str, year: int | None) -> str:
    """The number as it is written: NN-TYPE/ISSUER (Party), NN/TYPE-ISSUER or NN/YYYY/TYPE-ISSUER (State),
    NN/YYYY/QHkk (National Assembly), NN/ISSUER-UNIT (State letter)."""
    issuer_text = "-".join(i.spelled() for i in shape.issuers)
    if shape.kind == "na":
        return f"{head}/{year}/{issuer_text}"
    if shape.kind == "letter":
        return f"{head}/{issuer_text}"
    if system == "party":
        return f"{head}-{shape.type_code}/{issuer_text}"
    dated = f"/{year}" if year is not None else ""
    return f"{head}{dated}/{shape.type_code}-{issuer_text}"


def _verdict(raw: str, canonical: str, draft: bool, notes: _Notes) -> tuple[Outcome, str]:
    """DRAFT without a serial; SUGGEST when a real change needs confirming; VALID when written exactly so;
    NORMALIZED when only the typography changed."""
    if draft:
        message = f"Văn bản chưa có số (dự thảo): {canonical}."
        if notes.suggested:
            message += f" Cần xác nhận: {'; '.join(notes.suggested)}."
        return "DRAFT", message
    if notes.suggested:
        return "SUGGEST", f"Có thể là {canonical}: {'; '.join(notes.suggested)}, cần xác nhận."
    if canonical == raw:
        return "VALID", ""
    return "NORMALIZED", f"Đã chuẩn hóa: {', '.join(notes.normalized or ['sửa cách viết'])}."


def _unrecognised() -> str:
    return (
        f"Không nhận ra số, ký hiệu văn bản: cần dạng {_PARTY_EXAMPLE} (Đảng) "
        f"hoặc {_STATE_EXAMPLE}, 30/2020/NĐ-CP (Nhà nước)."
    )


def _missing_year(num_text: str | None, type_code: str | None, issuers: list[_Issuer]) -> str:
    head = num_text if num_text and num_text.isdigit() else "…"
    issuer_text = "-".join(i.spelled() for i in issuers)
    if type_code is None:
        shape = f"{head}/<năm>/{issuer_text}"
        return f"Thiếu năm ban hành: số văn bản của Quốc hội phải có dạng {shape} (ví dụ 98/2023/QH15)."
    name = STATE_TYPE_NAMES[type_code]
    return f"Thiếu năm ban hành: số {name} phải có dạng {head}/<năm>/{type_code}-{issuer_text}."


def _decide_system(
    kind: str, type_token: str, issuers: list[_Issuer], s0: str, seps: list[str], year: str | None
) -> System:
    """The issuer decides; for an unknown issuer the type code, then the punctuation as written."""
    if kind != "doc":
        return "state"
    known = next((i.system for i in issuers if i.system is not None), None)
    if known is not None:
        return known
    in_party = _resolve_type(type_token, PARTY_TYPE_CODES, None) is not None
    in_state = _resolve_type(type_token, STATE_TYPE_CODES, None) is not None
    if in_party != in_state:
        return "party" if in_party else "state"
    if year is not None:
        return "state"
    if s0 in ("-", "/"):
        return "party" if s0 == "-" else "state"
    return "party" if seps[1] == "/" else "state"


def _check_separators(kind: str, system: System, seps: list[str], notes: _Notes) -> None:
    """Compare the separators written with the canonical ones; any change needs confirmation."""
    if kind == "doc" and system == "party":
        expected = ["-", "/"] + ["-"] * (len(seps) - 2)
        places = ["giữa số và loại", "trước cơ quan ban hành"]
    else:
        # After a year the type follows a "/" that the core pattern already consumed.
        expected = ["/"] + ["-"] * (len(seps) - 1)
        places = ["sau số", "trước cơ quan ban hành"]
    wrong = [i for i, (got, want) in enumerate(zip(seps, expected, strict=True)) if got != want]
    if wrong and wrong[0] == 0 and not seps[0].strip():
        notes.suggest(f"thêm dấu «{expected[0]}» còn thiếu giữa số và ký hiệu")
        wrong = wrong[1:]
    if not wrong:
        return
    if kind == "doc" and seps[:2] == ["/", "-"] and system == "party":
        notes.suggest("cơ quan Đảng ghi số theo kiểu Đảng (số-loại/cơ quan), không theo kiểu Nhà nước")
    elif kind == "doc" and seps[:2] == ["-", "/"] and system == "state":
        notes.suggest("cơ quan Nhà nước ghi số theo kiểu Nhà nước (số/loại-cơ quan), không theo kiểu Đảng")
    else:
        for i in wrong:
            place = places[i] if i < len(places) else "giữa các cơ quan ban hành"
            notes.suggest(f"dùng dấu «{expected[i]}» thay cho «{seps[i]}» {place}")


def _check_type_word(
    type_word: str | None, kind: str, system: System, type_code: str | None, notes: _Notes
) -> None:
    if type_word is None:
        return
    if kind == "na":
        agrees = type_word in _NA_TYPE_WORDS
    elif kind == "letter":
        agrees = type_word in _LETTER_TYPE_WORDS
    else:
        agrees = type_code in TYPE_WORDS.get(type_word, frozenset())
    if not agrees:
        if kind == "doc":
            names = PARTY_TYPE_NAMES if system == "party" else STATE_TYPE_NAMES
            what = f"ký hiệu {type_code} ({names.get(type_code or '', type_code)})"
        else:
            what = "số công văn" if kind == "letter" else "số văn bản của Quốc hội"
        notes.suggest(f"tên loại «{type_word}» không khớp với {what}")


# --- output ---------------------------------------------------------------------------------------


def format_reference(parsed: ParsedNumber, *, with_so: bool) -> str:
    """Write «Số 32-CT/TU» (Party, no colon) or «Số: 10/CT-UBND» (State); without "Số" on request."""
    if parsed.canonical is None:
        raise ValueError(f"Không có số hợp lệ để ghi: {parsed.raw!r}")
    if not with_so:
        return parsed.canonical
    return f"Số {parsed.canonical}" if parsed.system == "party" else f"Số: {parsed.canonical}"
