"""Properties of the Vietnamese number and date readers beyond tests/committees/test_vn_formats.py: huge and
precise numbers, every date, and any text failing only with a Vietnamese VnValueError."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from core.vn import VnValueError, format_date, format_number, parse_date, parse_decimal
from resolutions.numbering import format_reference, parse_number

VIETNAMESE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("0123456789.,-−+% /\u00a0\u202f\t\n\0aăâđêôơưÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬĐđ<>\"'&;=@eE"),
        st.characters(),
    ),
    max_size=40,
)


def _vietnamese(message: str) -> bool:
    return bool(message) and any(ord(ch) > 127 for ch in message)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_huge_integers_round_trip(n: int) -> None:
    text = format_number(n, None)
    assert parse_decimal(text) == n
    assert parse_decimal(text + "%") == n
    assert parse_decimal(format_number(n)) == n  # rounding to two places keeps every digit of a huge value


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**15), max_value=10**15, places=6, allow_nan=False, allow_infinity=False))
def test_precise_decimals_round_trip_unrounded(value: D) -> None:
    assert parse_decimal(format_number(value, None)) == value


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE_TEXT)
def test_any_text_is_a_number_or_a_vietnamese_refusal(text: str) -> None:
    try:
        value = parse_decimal(text)
    except VnValueError as error:
        assert _vietnamese(error.message), error.message
    else:
        assert value.is_finite()


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_date_round_trips(day: date) -> None:
    if day.year >= 1000:  # four-digit years are what people type
        assert parse_date(format_date(day)) == day
        assert parse_date(f"{day:%d/%m/%Y}") == day
        assert parse_date(f" {day.isoformat()} ") == day


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        VIETNAMESE_TEXT,
        st.tuples(st.integers(-5, 40), st.integers(-5, 15), st.integers(0, 99999)).map(
            lambda t: f"{t[0]}/{t[1]}/{t[2]}"
        ),
    )
)
def test_any_text_is_a_date_or_a_vietnamese_refusal(text: str) -> None:
    try:
        day = parse_date(text)
    except VnValueError as error:
        assert _vietnamese(error.message), error.message
    else:
        assert 1000 <= day.year <= 9999


NUMBERS = st.builds(
    lambda n, year, kind, issuer: f"{n}{'/' + str(year) if year else ''}-{kind}/{issuer}",
    st.integers(1, 9999),
    st.one_of(st.none(), st.integers(1990, 2030)),
    st.sampled_from(["CT", "NQ", "KH", "QĐ", "BC", "CTr", "HD", "TB", "KL", "ct", "nq"]),
    st.sampled_from(["TU", "TW", "ĐU", "DU", "ĐUCS", "CB", "TƯ"]),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NUMBERS, VIETNAMESE_TEXT))
def test_format_reference_round_trips(text: str) -> None:
    parsed = parse_number(text)
    if parsed.canonical is None or parsed.outcome not in ("VALID", "NORMALIZED", "SUGGEST"):
        assert parsed.outcome in ("INVALID", "DRAFT") or parsed.canonical is None
        if parsed.outcome == "INVALID":
            assert _vietnamese(parsed.message), parsed.message
        return
    for with_so in (True, False):
        written = format_reference(parsed, with_so=with_so)
        again = parse_number(written)
        assert again.canonical == parsed.canonical, (text, written, again.message)
        assert (again.number, again.year, again.type_code, again.system) == (
            parsed.number,
            parsed.year,
            parsed.type_code,
            parsed.system,
        )
