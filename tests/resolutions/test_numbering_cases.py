"""Tests for resolutions.numbering against DOMAIN.md §3.1, document-numbers.tsv and the shared seeds."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.number_codes import PARTY_TYPE_CODES, STATE_TYPE_CODES
from resolutions.number_search import FoundNumber, find_numbers
from resolutions.numbering import ParsedNumber, format_reference, parse_number

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TSV = SHARED / "domain" / "document-numbers.tsv"
SEEDS = SHARED / "seeds"

# --- document-numbers.tsv: every row, only the columns that are filled in -------------------------


def _tsv_rows() -> list[dict[str, str]]:
    with TSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{key: value or "" for key, value in row.items()} for row in reader]


TSV_ROWS = _tsv_rows()


def test_tsv_is_read_completely() -> None:
    # 47 cases today; the guard catches a broken path or delimiter, not the exact count.
    assert len(TSV_ROWS) >= 40
    assert {row["outcome"] for row in TSV_ROWS} == {"VALID", "NORMALIZED", "SUGGEST", "DRAFT", "INVALID"}


@pytest.mark.parametrize("row", TSV_ROWS, ids=[f"{r['outcome']}:{r['input']!r}" for r in TSV_ROWS])
def test_tsv_row(row: dict[str, str]) -> None:
    parsed = parse_number(row["input"])
    assert parsed.raw == row["input"]
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
    if row["outcome"] == "INVALID":
        assert parsed.canonical is None
        assert parsed.system is None


@pytest.mark.parametrize("row", TSV_ROWS, ids=[f"{r['outcome']}:{r['input']!r}" for r in TSV_ROWS])
def test_message_explains_every_non_valid_outcome(row: dict[str, str]) -> None:
    parsed = parse_number(row["input"])
    if parsed.outcome == "VALID":
        assert parsed.message == ""
    else:
        assert parsed.message.strip()
        # Vietnamese, not an English placeholder: every message carries Vietnamese letters.
        assert any(ch in parsed.message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỷỹý")


# --- further cases, from DOMAIN.md and real numbers outside the TSV --------------------------------


@pytest.mark.parametrize(
    ("text", "outcome", "canonical"),
    [
        ("08-QĐi/TW", "VALID", "08-QĐi/TW"),
        ("Quy định 08-QĐi/TW", "NORMALIZED", "08-QĐi/TW"),
        ("Quy định 47-QĐ/TW", "NORMALIZED", "47-QĐ/TW"),
        ("Kế hoạch 45-KH/ĐUCS", "NORMALIZED", "45-KH/ĐUCS"),
        ("Thông báo kết luận số 1675-TB/TU", "NORMALIZED", "1675-TB/TU"),
        ("Công văn 1742-CV/BTCTU", "NORMALIZED", "1742-CV/BTCTU"),
        ("Hướng dẫn 36-HD/VPTW", "NORMALIZED", "36-HD/VPTW"),
        ("Quyết định số 1649/QĐ-UBND", "NORMALIZED", "1649/QĐ-UBND"),
        ("Nghị quyết số 98/2023/QH15", "NORMALIZED", "98/2023/QH15"),
        ("QUYẾT ĐỊNH SỐ: 1649/QĐ-UBND", "NORMALIZED", "1649/QĐ-UBND"),
        ("Số 32 — CT ∕ TU", "NORMALIZED", "32-CT/TU"),
        ("Số 32-CT/TU\u00a0", "NORMALIZED", "32-CT/TU"),
        ("12-KH/ÐU", "NORMALIZED", "12-KH/ĐU"),  # Ð is U+00D0
        ("S\u00f4\u0301 32-CT/TU", "NORMALIZED", "32-CT/TU"),  # "Số" decomposed (NFD)
        ("01/2011/TT-BNV", "VALID", "01/2011/TT-BNV"),
        ("12-TT/TU", "VALID", "12-TT/TU"),  # Party Thông tri carries no year, unlike State Thông tư
        ("1206/2016/NQ-UBTVQH13", "VALID", "1206/2016/NQ-UBTVQH13"),
        ("629/2019/UBTVQH14", "VALID", "629/2019/UBTVQH14"),
        ("Luật 59/2020/QH14", "NORMALIZED", "59/2020/QH14"),
        ("5973/UBND-KT", "VALID", "5973/UBND-KT"),
        ("123/SLĐTBXH-VP", "VALID", "123/SLĐTBXH-VP"),
        ("Công văn số 5973/UBND-KT", "NORMALIZED", "5973/UBND-KT"),
        ("445-KL/TƯ", "SUGGEST", "445-KL/TW"),
        ("72-NQ-TW", "SUGGEST", "72-NQ/TW"),
        ("32/CT/TU", "SUGGEST", "32-CT/TU"),
        ("32CT/TU", "SUGGEST", "32-CT/TU"),
        ("32-CT/DU", "SUGGEST", "32-CT/ĐU"),
        ("5/HDND-VP", "SUGGEST", "05/HĐND-VP"),
        ("98-2023/QH15", "SUGGEST", "98/2023/QH15"),
        ("Chỉ thị 5973/UBND-KT", "SUGGEST", "5973/UBND-KT"),
        ("Số      -NQ/ĐU", "DRAFT", "…-NQ/ĐU"),
        ("…-BC/ĐU", "DRAFT", "…-BC/ĐU"),
        ("Số ____/QĐ-UBND", "DRAFT", "…/QĐ-UBND"),
        ("Số: /2024/NĐ-CP", "DRAFT", "…/2024/NĐ-CP"),
        ("01/TT-BNV", "INVALID", None),
        ("12/2020/NQ-TU", "INVALID", None),
        ("10/CV-UBND", "INVALID", None),  # CV is a Party code; State letters have no type code
        ("32-CT", "INVALID", None),
        ("Số 68 Trần Phú", "INVALID", None),
        ("21/3/2024", "INVALID", None),
        ("2020-2025", "INVALID", None),
        ("15/25", "INVALID", None),
        ("Covid-19", "INVALID", None),
        ("Số", "INVALID", None),
        ("   ", "INVALID", None),
        ("12/0999/QĐ-TTg", "INVALID", None),
        ("1" * 40 + "-NQ/TU", "INVALID", None),
    ],
)
def test_more_numbers(text: str, outcome: str, canonical: str | None) -> None:
    parsed = parse_number(text)
    assert (parsed.outcome, parsed.canonical) == (outcome, canonical), parsed.message


def test_national_assembly_number_exposes_legislature() -> None:
    parsed = parse_number("98/2023/QH15")
    assert parsed.issuers == ("QH",)
    assert parsed.legislature == 15
    assert parsed.type_code is None
    assert parsed.system == "state"
    assert parse_number("1206/2016/NQ-UBTVQH13").legislature == 13
    assert parse_number("32-CT/TU").legislature is None


def test_state_letter_has_no_type_and_keeps_the_unit_as_issuer() -> None:
    parsed = parse_number("5973/UBND-KT")
    assert (parsed.type_code, parsed.issuers, parsed.system, parsed.number) == (
        None,
        ("UBND", "KT"),
        "state",
        5973,
    )


def test_draft_keeps_type_and_issuer_but_no_number() -> None:
    parsed = parse_number("Số      -NQ/ĐU")
    assert (parsed.number, parsed.type_code, parsed.issuers, parsed.system) == (None, "NQ", ("ĐU",), "party")


def test_messages_name_what_changed() -> None:
    assert parse_number("Số 5-NQ/TU").message == "Đã chuẩn hóa: bỏ chữ «Số», thêm số 0 ở đầu."
    assert parse_number("66-QD/TW").message == "Có thể là 66-QĐ/TW: chữ D được hiểu là Đ, cần xác nhận."
    assert parse_number("30/NĐ-CP").message.startswith("Thiếu năm ban hành: số Nghị định phải có dạng")
    assert "Chỉ thị" in parse_number("Nghị quyết 32-CT/TU").message


def test_is_usable_only_for_valid_and_normalized() -> None:
    assert parse_number("32-CT/TU").is_usable
    assert parse_number("Số 32-CT/TU").is_usable
    assert not parse_number("66-QD/TW").is_usable
    assert not parse_number("-BC/ĐU").is_usable
    assert not parse_number("").is_usable


def test_parsed_number_is_frozen() -> None:
    parsed = parse_number("32-CT/TU")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.number = 5  # type: ignore[misc]


def test_code_lists_keep_their_spelling() -> None:
    assert PARTY_TYPE_CODES[:4] == ("CTrHĐ", "QĐi", "CTr", "TTr")
    party = "CTrHĐ QĐi CTr TTr TCo GGT NQ QĐ CT KL QC TT HD TB BC KH QH ĐA PA DA CV BB BS GM"
    state = "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ GM GGT NĐ TT TTLT"
    assert tuple(party.split()) == PARTY_TYPE_CODES
    assert set(state.split()) <= set(STATE_TYPE_CODES)


@pytest.mark.parametrize(
    ("text", "with_so", "expected"),
    [
        ("32-CT/TU", True, "Số 32-CT/TU"),
        ("10/CT-UBND", True, "Số: 10/CT-UBND"),
        ("30/2020/NĐ-CP", True, "Số: 30/2020/NĐ-CP"),
        ("Số 5-NQ/TU", False, "05-NQ/TU"),
        ("-BC/ĐU", True, "Số …-BC/ĐU"),
    ],
)
def test_format_reference(text: str, with_so: bool, expected: str) -> None:
    assert format_reference(parse_number(text), with_so=with_so) == expected


def test_format_reference_refuses_invalid() -> None:
    with pytest.raises(ValueError):
        format_reference(parse_number("CT/TU"), with_so=True)


# --- extraction from the seeds -----------------------------------------------------------------------

# Order of first appearance, checked by reading each article.
SEED_NUMBERS = {
    "000_c9226b3c87ef0e4d.txt": [
        "98/2023/QH15",
        "32-CT/TU",
        "33-CT/TU",
        "28-CT/TW",
        "53-CTrHĐ/TU",
        "10/CT-UBND",
        "1649/QĐ-UBND",
        "1675-TB/TU",
        "22-KH/TU",
    ],
    "001_83f30641def58ae7.txt": ["22/2013/QĐ-TTg", "18-NQ/TW", "19-NQ/TW"],
    "003_e3adc9b8743ffdeb.txt": ["20-CTr/ĐU"],
}


def _distinct(found: list[FoundNumber]) -> list[str | None]:
    return list(dict.fromkeys(f.parsed.canonical for f in found))


@pytest.mark.parametrize("name", sorted(SEED_NUMBERS))
def test_seed_extraction(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    found = find_numbers(text)
    assert _distinct(found) == SEED_NUMBERS[name]
    for item in found:
        assert text[item.start : item.end] == item.text
        assert item.parsed.outcome == "VALID"


@pytest.mark.parametrize("name", sorted(SEED_NUMBERS))
def test_seed_order_matches_first_position_in_text(name: str) -> None:
    # Independent of find_numbers: where each expected number first occurs in the article.
    text = (SEEDS / name).read_text(encoding="utf-8")
    positions = [text.index(number) for number in SEED_NUMBERS[name]]
    assert positions == sorted(positions)


def test_every_occurrence_is_returned() -> None:
    text = "Chỉ thị số 32-CT/TU ngày 21/3/2024; sau đó Chỉ thị 32-CT/TU được sơ kết."
    found = find_numbers(text)
    assert [f.text for f in found] == ["32-CT/TU", "32-CT/TU"]
    assert found[0].start == text.index("32-CT/TU")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theo Kế hoạch 45-KH/ĐUCS và Hướng dẫn 36-HD/VPTW.", ["45-KH/ĐUCS", "36-HD/VPTW"]),
        ("Quy định 08-QĐi/TW, Công văn 1742-CV/BTCTU", ["08-QĐi/TW", "1742-CV/BTCTU"]),
        ("Số: 06/QC-TT.HĐND-UBND ngày 5/1/2022", ["06/QC-TT.HĐND-UBND"]),
        ("Thông tư liên tịch 02/2011/TTLT-VPCP-BNV.", ["02/2011/TTLT-VPCP-BNV"]),
        ("Công văn 5973/UBND-KT về việc …", ["5973/UBND-KT"]),
        ("Nghị quyết 629/2019/UBTVQH14", ["629/2019/UBTVQH14"]),
        ("(Quyết định 977/QĐ-TTg)", ["977/QĐ-TTg"]),
        ("Chỉ thị số 32 - CT/TU ngày", ["32-CT/TU"]),
        ("Kế hoạch Số 09 KH/ĐU của Đảng ủy", ["09-KH/ĐU"]),
        ("Nghị định 30/2020/ND-CP", ["30/2020/NĐ-CP"]),
        ("Kết luận 445-KL/TƯ", ["445-KL/TW"]),
        ("Kế hoạch 22-KH/TU - BTV Thành ủy", ["22-KH/TU"]),
        ("Nghị quyết số18-NQ/TW", ["18-NQ/TW"]),
    ],
)
def test_find_numbers_in_sentences(text: str, expected: list[str]) -> None:
    assert [f.parsed.canonical for f in find_numbers(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 21/3/2024 và ngày 15-9-2021, tính đến 30/6.",
        "nhiệm kỳ 2020-2025, giai đoạn 2023 - 2025, Đại hội nhiệm kỳ 2025 -2030",
        "hoàn thành 15/25 nội dung, DDCI xếp hạng 9/20, 34/34 chỉ tiêu, xếp hạng18/26",
        "đại dịch Covid-19, COVID-19",
        "đạt 66,66% kế hoạch; tăng 2,44%; 100% chi bộ",
        "Đảng ủy Sở LĐ-TB&XH TP.HCM; Bộ LĐ-TB và XH",
        "03:02 PM 05/07/2024; 07:05, 18/05/2020",
        "kinh phí 1.885,4 tỷ đồng; từ 5.000-5.500 lao động",
        "Điện thoại: 0228.3849386; 028 3829 1234; 0912-345-678",
        "Tòa soạn: Số 68 Trần Phú, TP Nam Định",
        "Chỉ thị số 05 của Bộ Chính trị; Quy định 47 và Quy định 109; Nghị quyết 98",
        "Tết Thiếu nhi (1-6); HIV/AIDS; 35 nghìn người/năm",
        "Nghị quyết Trung ương 4 (khóa XII); 3 đề án, 8 chương trình",
        "Mục 2 - Kế hoạch; phần 3 - KẾ HOẠCH",
    ],
)
def test_find_numbers_ignores_non_numbers(text: str) -> None:
    assert find_numbers(text) == []


# --- fuzzing ------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *[str(n) for n in (0, 1, 5, 9, 10, 32, 98, 1649)],
        "05",
        "007",
        "2020",
        "2023",
        "…",
        "...",
        *PARTY_TYPE_CODES,
        *STATE_TYPE_CODES,
        *["ct", "qd", "QD", "ND", "Ctr", "XYZ"],
        *["TU", "TW", "ĐU", "ĐUCS", "DU", "TƯ", "UBND", "ubnd", "HĐND", "TT.HĐND", "CP", "TTg", "TTG"],
        *["VPCP", "BNV", "KT", "QH15", "UBTVQH14", "qh15", "Ð"],
        *["-", "/", " - ", " / ", "–", "—", "−", "⁄", " ", ".", ":", "  "],
        *["Số ", "Số: ", "số ", "Nghị định ", "Nghị quyết ", "Chỉ thị ", "Quy định ", "Công văn "],
    ]
)
_PLAUSIBLE = st.lists(_PIECES, max_size=9).map("".join)


def _check_parse_properties(text: str) -> None:
    parsed = parse_number(text)
    assert isinstance(parsed, ParsedNumber)
    assert parsed.raw == text
    if parsed.outcome != "VALID":
        assert parsed.message
    if parsed.outcome == "INVALID":
        assert parsed.canonical is None
    if parsed.canonical is not None and parsed.outcome in ("VALID", "NORMALIZED", "SUGGEST"):
        again = parse_number(parsed.canonical)
        assert again.outcome == "VALID", (text, parsed.canonical, again.message)
        assert again.canonical == parsed.canonical
        assert (again.number, again.year, again.type_code, again.issuers, again.system) == (
            parsed.number,
            parsed.year,
            parsed.type_code,
            parsed.issuers,
            parsed.system,
        )
    if parsed.outcome == "DRAFT":
        assert parsed.canonical is not None
        assert parse_number(parsed.canonical).canonical == parsed.canonical


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parse_never_raises_on_any_text(text: str) -> None:
    _check_parse_properties(text)


@settings(max_examples=1500, deadline=None)
@given(_PLAUSIBLE)
def test_parse_properties_on_plausible_numbers(text: str) -> None:
    _check_parse_properties(text)


def _check_find_properties(text: str) -> None:
    found = find_numbers(text)
    previous_end = 0
    for item in found:
        assert previous_end <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
        assert item.parsed.raw == item.text
        assert item.parsed.outcome in ("VALID", "NORMALIZED", "SUGGEST")
        previous_end = item.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_never_raises_on_any_text(text: str) -> None:
    _check_find_properties(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.sampled_from([" ", ", ", "ngày 21/3/2024", "\n"])), max_size=30))
def test_find_properties_on_plausible_text(pieces: list[str]) -> None:
    _check_find_properties("".join(pieces))
