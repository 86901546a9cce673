"""Vietnamese formats (DOMAIN.md §7): "23.000", "66,67%", "21/3/2024", "ngày 05 tháng 7 năm 2024", Roman numerals.

Pure functions, no Django: used by forms, templates, the PDF and the workbook alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from django.utils import translation


class VnValueError(ValueError):
    """Input that cannot be read as a Vietnamese number or date; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_SPACE_GROUPED = re.compile(r"^[-−+]?\d{1,3}([\s\u00a0\u202f]\d{3})+(,\d+)?%?$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# A leading group of thousands never starts with 0: "0.500" is not five hundred.
_GROUPED_DOT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
_GROUPED_COMMA_EN = re.compile(r"^\d{1,3}(,\d{3}){2,}(\.\d+)?$")
_PLAIN = re.compile(r"^(\d+(,\d+)?|,\d+)$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d+$")


def parse_decimal(text: str) -> Decimal:
    """Read a number as people type it: "23.000", "23000", "66,67", "1.885,4", "66,5%", "-3".

    A single dot followed by other than three digits ("168.9") is ambiguous and refused with a hint.
    """
    raw = text
    stripped = text.strip()
    if _SPACES.search(stripped) and not _SPACE_GROUPED.match(stripped):
        # Spaces may only group thousands ("23 000"); "12 34" is two numbers, not one.
        raise VnValueError(f"Giá trị «{stripped}» không phải là số.")
    cleaned = _SPACES.sub("", stripped).removesuffix("%")
    sign = ""
    if cleaned[:1] in ("-", "−", "+"):
        sign = "-" if cleaned[0] in ("-", "−") else ""
        cleaned = cleaned[1:]
    if not cleaned:
        raise VnValueError(f"Giá trị «{raw.strip()}» không phải là số.")
    if _PLAIN.match(cleaned):
        normal = cleaned.replace(",", ".")
        if normal.startswith("."):
            normal = "0" + normal
    elif _GROUPED_DOT.match(cleaned):
        normal = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED_COMMA_EN.match(cleaned):
        # "1,234,567" can only be English thousands: two or more comma groups are never a decimal.
        normal = cleaned.replace(",", "")
    elif _DOT_DECIMAL.match(cleaned):
        whole, frac = cleaned.split(".")
        raise VnValueError(
            f"«{raw.strip()}» không rõ: dùng dấu phẩy cho phần thập phân ({whole},{frac}) "
            f"hoặc dấu chấm cho hàng nghìn ({whole}.{frac.ljust(3, '0')[:3]})."
        )
    else:
        raise VnValueError(f"Giá trị «{raw.strip()}» không phải là số.")
    try:
        value = Decimal(sign + normal)
    except InvalidOperation:
        raise VnValueError(f"Giá trị «{raw.strip()}» không phải là số.") from None
    return value


_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date:
    """Read "21/3/2024", "05/07/2024" or ISO "2024-07-05"."""
    cleaned = text.strip()
    match = _DATE_ISO.match(cleaned)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DATE_DMY.match(cleaned)
        if not match:
            raise VnValueError(
                f"Ngày «{cleaned}» không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 30/6/2024."
            )
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise VnValueError(f"Ngày «{cleaned}» không tồn tại.") from None


def _quantize(value: Decimal, places: int, rounding: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def format_number(value: Decimal | int, places: int | None = 2, *, rounding: str = ROUND_HALF_UP) -> str:
    """ "23.000", "1.885,4", "66,67": dot thousands, comma decimals, trailing zeros dropped."""
    number = Decimal(value)
    if places is not None:
        # Enough precision for any size: the default 28 digits would round (or refuse) huge values.
        with localcontext() as context:
            context.prec = max(28, len(number.as_tuple().digits) + places + 2)
            number = _quantize(number, places, rounding)
    sign = "-" if number < 0 else ""
    text = format(number.copy_abs(), "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups) + ("," + frac if frac else "")
    return "0" if result == "0" else sign + result


def format_percent(value: Decimal, mode: str = "half_up") -> str:
    """ "60%", "66,67%" (half-up) or "66,66%" (truncate): up to two decimals, no space before %."""
    rounding = ROUND_DOWN if mode == "truncate" else ROUND_HALF_UP
    return format_number(value, 2, rounding=rounding) + "%"


def format_date(day: date) -> str:
    """ "21/3/2024": tables and running text, no zero padding."""
    return f"{day.day}/{day.month}/{day.year}"


def format_date_line(day: date, place: str = "") -> str:
    """ "TP. Hồ Chí Minh, ngày 05 tháng 7 năm 2024": days below 10 and months 1–2 zero-padded."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    line = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {line}" if place else line


def blank_date_line(year: int, place: str = "") -> str:
    """The date line of a draft, day and month left for the signer to write in:
    "TP. Hồ Chí Minh, ngày     tháng     năm 2024" (no-break spaces, so the gaps survive)."""
    blank = "\u00a0" * 5
    line = f"ngày{blank}tháng{blank}năm {year}"
    return f"{place}, {line}" if place else line


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def to_roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError(f"{number} has no Roman numeral")
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def from_roman(text: str) -> int:
    cleaned = text.strip().upper()
    values = {letters: value for value, letters in _ROMAN}
    total, i = 0, 0
    while i < len(cleaned):
        if cleaned[i : i + 2] in values:
            total += values[cleaned[i : i + 2]]
            i += 2
        elif cleaned[i] in values:
            total += values[cleaned[i]]
            i += 1
        else:
            raise ValueError(f"«{text}» is not a Roman numeral")
    if not cleaned or to_roman(total) != cleaned:
        raise ValueError(f"«{text}» is not a Roman numeral")
    return total


def fold(text: str) -> str:
    """Lower-case without diacritics, for accent-insensitive search: "Nguyễn Văn Đức" → "nguyen van duc".
    Cleaned first (`clean_text`), so a folded column matches the stored text, and a search its words."""
    text = clean_text(text)
    for letter in "đĐÐð":
        text = text.replace(letter, "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


# --- text people type: names, titles, codes (issue 19) ---------------------------------------------------

# Invisible characters that change how text is shown or compared but not what it says: the bidirectional
# controls (U+202E shows "năm 2025" reversed in the PDF) and the zero-width ones.
INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner, word joiner, BOM
)
# A regex rather than str.translate: 25× faster on a 1 KB title (10 µs against 255 µs for this step).
_INVISIBLE_CHARS = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
_LINE_SPACE = re.compile(r"[^\S\n]+")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Text as it should be stored: NFC (one code point per Vietnamese letter), no bidi or zero-width
    controls, whitespace runs collapsed to one space and trimmed. With `multiline`, line breaks are kept
    (each line cleaned, at most one blank line in a row) for written sections of a report."""
    text = _INVISIBLE_CHARS.sub("", unicodedata.normalize("NFC", text))
    if not multiline:
        return " ".join(text.split())
    lines = [_LINE_SPACE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# The marks Vietnamese letters carry: grave, acute, circumflex, tilde, breve, hook above, horn, dot below.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")
CODE_PUNCTUATION = "-/._"


def _code_letter(char: str) -> bool:
    """A Latin letter as Vietnamese writes it: a-z, đ, or a vowel with Vietnamese marks."""
    if char.isascii():
        return char.isalpha()
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], set(decomposed[1:])
    return base.isascii() and base.isalpha() and bool(marks) and marks <= _VIETNAMESE_MARKS


def code_problem(code: str) -> tuple[str, str] | None:
    """Why `code` (already NFC) is not a code: None, or (the first offending character, its description).

    A code is matched exactly, so a character that looks like another (Cyrillic "А" for Latin "A"),
    an invisible one, or a space would make a second code that people cannot tell from the first."""
    for char in code:
        if _code_letter(char) or char in "0123456789" or char in CODE_PUNCTUATION:
            continue
        return char, f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()
    return None


def both_languages(text: Callable[[], Any]) -> str:
    """A start-up line in Vietnamese, then in English in parentheses: whoever runs the first command may read
    either (scripts/bootstrap.sh does the same). `text` is called once per language."""
    with translation.override("vi"):
        vi = str(text())
    with translation.override("en"):
        en = str(text())
    return vi if vi == en else f"{vi} ({en})"
