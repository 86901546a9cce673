from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.vn import (
    VnValueError,
    blank_date_line,
    fold,
    format_date,
    format_date_line,
    format_number,
    format_percent,
    from_roman,
    parse_date,
    parse_decimal,
    to_roman,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("23.000", D(23000)),
        ("23000", D(23000)),
        ("66,67", D("66.67")),
        ("1.885,4", D("1885.4")),
        ("66,5%", D("66.5")),
        ("-3", D(-3)),
        (" 23 000 ", D(23000)),
        ("1.234.567", D(1234567)),
        ("0", D(0)),
    ],
)
def test_parse_vietnamese_numbers(text: str, value: D) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["168.9", "1.5", "1.2345", "0.500"])
def test_dot_decimal_is_ambiguous(text: str) -> None:
    with pytest.raises(VnValueError, match="không rõ"):
        parse_decimal(text)


@pytest.mark.parametrize("text", ["abc", "", "12a", "1,2,3", "--1", "1.23.4", "12 34", "1.234.5"])
def test_text_in_a_number(text: str) -> None:
    with pytest.raises(VnValueError, match="không phải là số"):
        parse_decimal(text)


def test_formats() -> None:
    assert format_number(D(23000)) == "23.000"
    assert format_number(D("1885.40")) == "1.885,4"
    assert format_percent(D(200) / D(3)) == "66,67%"
    assert format_percent(D(200) / D(3), "truncate") == "66,66%"
    assert format_percent(D(60)) == "60%"
    assert format_date(date(2024, 3, 21)) == "21/3/2024"
    assert (
        format_date_line(date(2024, 7, 5), "TP. Hồ Chí Minh") == "TP. Hồ Chí Minh, ngày 05 tháng 7 năm 2024"
    )
    assert format_date_line(date(2024, 2, 15)) == "ngày 15 tháng 02 năm 2024"
    gap = "\u00a0" * 5  # a draft's report and meeting notice leave day and month to the signer
    assert blank_date_line(2024, "Hà Nội") == f"Hà Nội, ngày{gap}tháng{gap}năm 2024"
    assert blank_date_line(2025) == f"ngày{gap}tháng{gap}năm 2025"


@pytest.mark.parametrize(
    ("text", "day"),
    [("21/3/2024", date(2024, 3, 21)), ("05/07/2024", date(2024, 7, 5)), ("2024-07-05", date(2024, 7, 5))],
)
def test_parse_dates(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/2/2024", "2024/13/01", "hôm nay", "21-3"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(VnValueError):
        parse_date(text)


def test_roman_and_fold() -> None:
    assert to_roman(8) == "VIII" and to_roman(13) == "XIII" and from_roman("XV") == 15
    with pytest.raises(ValueError):
        from_roman("IIII")
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("Ðảng") == "dang"  # the look-alike Ð (U+00D0) that OCR and old fonts produce


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_number_round_trip(value: D) -> None:
    assert parse_decimal(format_number(value)) == value


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n: int) -> None:
    assert from_roman(to_roman(n)) == n


@given(st.text())
def test_fold_is_idempotent_and_parse_never_crashes(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    with contextlib.suppress(VnValueError):
        parse_decimal(text)
