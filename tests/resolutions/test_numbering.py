"""Document numbers: every row of document-numbers.tsv, the seed articles, and fuzzing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.number_codes import PARTY_TYPE_CODES, STATE_TYPE_CODES
from resolutions.number_search import find_numbers
from resolutions.numbering import format_reference, parse_number

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ROWS = list(
    csv.DictReader((SHARED / "domain" / "document-numbers.tsv").open(encoding="utf-8"), delimiter="\t")
)


@pytest.mark.parametrize("row", ROWS, ids=[repr(r["input"]) for r in ROWS])
def test_table_row(row: dict[str, str]) -> None:
    parsed = parse_number(row["input"])
    assert parsed.outcome == row["outcome"], parsed.message
    if row["canonical"]:
        assert parsed.canonical == row["canonical"]
    if row["number"]:
        assert parsed.number == int(row["number"])
    if row["year"]:
        assert parsed.year == int(row["year"])
    if row["type"]:
        assert parsed.type_code == row["type"]
    if row["issuers"]:
        assert parsed.issuers == tuple(row["issuers"].split(","))
    if parsed.outcome != "VALID":
        assert parsed.message, "every outcome but VALID explains itself in Vietnamese"
    if parsed.outcome == "INVALID":
        assert parsed.canonical is None


def test_table_covers_every_outcome() -> None:
    assert {r["outcome"] for r in ROWS} == {"VALID", "NORMALIZED", "SUGGEST", "DRAFT", "INVALID"}


@pytest.mark.parametrize(
    ("text", "outcome", "canonical"),
    [
        ("445-KL/TƯ", "SUGGEST", "445-KL/TW"),
        ("72-NQ-TW", "SUGGEST", "72-NQ/TW"),
        ("5973/UBND-KT", "VALID", "5973/UBND-KT"),
        ("629/2019/UBTVQH14", "VALID", "629/2019/UBTVQH14"),
        ("08-QĐi/TW", "VALID", "08-QĐi/TW"),
        ("Quy định số 08-QĐi/TW", "NORMALIZED", "08-QĐi/TW"),
        ("Số: 1649 / QĐ - UBND", "NORMALIZED", "1649/QĐ-UBND"),
        ("Chỉ thị số 33-CT/TU", "NORMALIZED", "33-CT/TU"),
        ("45-kh/đucs", "NORMALIZED", "45-KH/ĐUCS"),
        ("18/2020/QĐ-TTG", "NORMALIZED", "18/2020/QĐ-TTg"),
        ("12/2023/TT-BLĐTBXH", "VALID", "12/2023/TT-BLĐTBXH"),
        ("12/TT-BLĐTBXH", "INVALID", None),
        ("Số      -NQ/ĐU", "DRAFT", "…-NQ/ĐU"),
        ("15/25", "INVALID", None),
        ("2020-2025", "INVALID", None),
        ("Covid-19", "INVALID", None),
    ],
)
def test_more_cases(text: str, outcome: str, canonical: str | None) -> None:
    parsed = parse_number(text)
    assert (parsed.outcome, parsed.canonical) == (outcome, canonical), parsed.message


def test_system_and_reference() -> None:
    party, state = parse_number("32-CT/TU"), parse_number("10/CT-UBND")
    assert (party.system, state.system) == ("party", "state")
    assert format_reference(party, with_so=True) == "Số 32-CT/TU"
    assert format_reference(state, with_so=True) == "Số: 10/CT-UBND"


SEEDS = {
    "000_c9226b3c87ef0e4d.txt": "98/2023/QH15 32-CT/TU 33-CT/TU 28-CT/TW 53-CTrHĐ/TU 10/CT-UBND 1649/QĐ-UBND 1675-TB/TU 22-KH/TU",
    "001_83f30641def58ae7.txt": "22/2013/QĐ-TTg 18-NQ/TW 19-NQ/TW",
    "003_e3adc9b8743ffdeb.txt": "20-CTr/ĐU",
}


@pytest.mark.parametrize(("seed", "expected"), SEEDS.items())
def test_seed_articles_yield_exactly_their_numbers(seed: str, expected: str) -> None:
    text = (SHARED / "seeds" / seed).read_text(encoding="utf-8")
    found = find_numbers(text)
    assert list(dict.fromkeys(f.parsed.canonical for f in found)) == expected.split()
    for f in found:
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 21/3/2024 và 15-9-2021, 30/6",
        "nhiệm kỳ 2020-2025, giai đoạn 2023 - 2025",
        "hoàn thành 15/25 nội dung, 9/20, 34/34 chỉ tiêu, xếp hạng18/26",
        "dịch Covid-19 và H5N1",
        "tăng 2,44%, 1.885,4 tỷ đồng, lúc 15:30",
        "Sở LĐ-TB&XH TP.HCM, ĐT: 028-3829-1302",
        "Nghị quyết 98 và Chỉ thị 05 của Bộ Chính trị",
    ],
)
def test_find_numbers_ignores_what_is_not_a_number(text: str) -> None:
    assert find_numbers(text) == []


def test_find_numbers_in_order_with_spans() -> None:
    text = "Theo Kế hoạch số 45-KH/ĐUCS và Quyết định 1649/QĐ-UBND ngày 15/5/2024; Nghị định 30/2020/NĐ-CP."
    found = find_numbers(text)
    assert [f.parsed.canonical for f in found] == ["45-KH/ĐUCS", "1649/QĐ-UBND", "30/2020/NĐ-CP"]
    assert [text[f.start : f.end] for f in found] == [f.text for f in found]


pieces = st.sampled_from(
    [
        "Số",
        "Số:",
        " ",
        "-",
        "/",
        "–",
        ".",
        "0",
        "05",
        "32",
        "2020",
        "1649",
        *PARTY_TYPE_CODES,
        *STATE_TYPE_CODES,
        "TU",
        "TW",
        "ĐU",
        "UBND",
        "CP",
        "TTg",
        "QH15",
        "Ð",
        "Ư",
        "Nghị định",
        "Chỉ thị",
        "…",
    ]
)


@settings(max_examples=400)
@given(st.one_of(st.text(), st.lists(pieces, max_size=8).map("".join)))
def test_parse_never_raises_and_canonical_is_stable(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.outcome in {"VALID", "NORMALIZED", "SUGGEST", "DRAFT", "INVALID"}
    if parsed.outcome in ("VALID", "NORMALIZED", "SUGGEST"):
        assert parsed.canonical is not None
        again = parse_number(parsed.canonical)
        assert again.outcome == "VALID", (text, parsed.canonical, again.message)
        assert again.canonical == parsed.canonical


@given(st.text())
def test_find_numbers_never_raises_and_spans_are_ordered(text: str) -> None:
    found = find_numbers(text)
    last_end = -1
    for f in found:
        assert f.start >= last_end and text[f.start : f.end] == f.text
        last_end = f.end
