"""The code lists of document numbers: type codes and their names, known issuers and the shapes of unknown
ones (DOMAIN.md §3.1). Pure data and lookups, no Django.
"""

from __future__ import annotations

import re
from typing import Final, Literal

System = Literal["party", "state"]


# Hướng dẫn 36-HD/VPTW, Party type codes with their names. Longest codes first (DOMAIN.md order).
PARTY_TYPE_NAMES: Final[dict[str, str]] = {
    "CTrHĐ": "Chương trình hành động",
    "QĐi": "Quy định",
    "CTr": "Chương trình",
    "TTr": "Tờ trình",
    "TCo": "Thông cáo",
    "GGT": "Giấy giới thiệu",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TT": "Thông tri",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "QH": "Quy hoạch",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "DA": "Dự án",
    "CV": "Công văn",
    "BB": "Biên bản",
    "BS": "Bản sao",
    "GM": "Giấy mời",
}

# Nghị định 30/2020/NĐ-CP, Phụ lục III (administrative documents) plus the legal codes NĐ, TT,
# TTLT and NQLT that appear in N/YYYY/TYPE-ISSUER numbers.
STATE_TYPE_NAMES: Final[dict[str, str]] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}


def type_name(type_code: str, system: str) -> str:
    """The name of a type code in its system ("TT": "Thông tri" for the Party, "Thông tư" for the State),
    as a report cites the document; "" for no code or an unknown one."""
    names = PARTY_TYPE_NAMES if system == "party" else STATE_TYPE_NAMES
    return names.get(type_code, "")


PARTY_TYPE_CODES: Final[tuple[str, ...]] = tuple(PARTY_TYPE_NAMES)
STATE_TYPE_CODES: Final[tuple[str, ...]] = tuple(STATE_TYPE_NAMES)

# State legal documents that are always numbered with their year (NĐ 30/2020 Điều 15, Luật ban hành
# văn bản quy phạm pháp luật): without it the number does not identify the document.
YEAR_REQUIRED_CODES: Final[frozenset[str]] = frozenset({"NĐ", "TT", "TTLT", "NQLT"})

# Type words written before a number ("Nghị định 30/2020/NĐ-CP") and the codes they agree with.
# Built from the code names, plus spellings the press uses for the same thing.
_EXTRA_TYPE_WORDS: Final[dict[str, frozenset[str]]] = {
    "Quy định": frozenset({"QĐ"}),  # Party rules before QĐi existed: "Quy định 47-QĐ/TW"
    "Chương trình hành động": frozenset({"CTr"}),
    "Chương trình": frozenset({"CTrHĐ"}),
    "Thông báo kết luận": frozenset({"TB", "KL"}),
    "Thông cáo báo chí": frozenset({"TC", "TCo"}),
    "Luật": frozenset(),
    "Bộ luật": frozenset(),
    "Pháp lệnh": frozenset(),
}


def _build_type_words() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for names in (PARTY_TYPE_NAMES, STATE_TYPE_NAMES):
        for code, name in names.items():
            words.setdefault(name, set()).add(code)
    for name, codes in _EXTRA_TYPE_WORDS.items():
        words.setdefault(name, set()).update(codes)
    return {name: frozenset(codes) for name, codes in words.items()}


TYPE_WORDS: Final[dict[str, frozenset[str]]] = _build_type_words()

# Type words that fit numbers without a type code (National Assembly, State letters).
_NA_TYPE_WORDS: Final[frozenset[str]] = frozenset({"Luật", "Bộ luật", "Nghị quyết", "Pháp lệnh"})
_LETTER_TYPE_WORDS: Final[frozenset[str]] = frozenset({"Công văn"})

# Known issuers, spelled as they must be stored. Mixed case matters (TTg); the others are upper case.
PARTY_ISSUERS: Final[tuple[str, ...]] = (
    "TW", "TU", "HU", "QU", "TXU", "ĐU", "ĐUK", "ĐUCS", "ĐUCQ", "CB", "ĐĐ", "BCSĐ",
    "VPTW", "VPTU", "BTCTW", "BTCTU", "UBKTTW", "UBKTTU", "BTGTW", "BTGTU", "BDVTW", "BDVTU",
    "BNCTW", "BNCTU", "BCĐTW", "BCĐTU", "BKTTW", "BTGDVTW", "BCSĐCP", "ĐUQSTW", "ĐUCA",
)  # fmt: skip
STATE_ISSUERS: Final[tuple[str, ...]] = (
    "QH", "UBTVQH", "CP", "TTg", "VPCP", "UBND", "HĐND", "TT.HĐND", "TTHĐND", "UBMTTQ", "MTTQ",
    "BNV", "BTC", "BYT", "BCA", "BQP", "BCT", "BXD", "BTP", "BNG", "BGDĐT", "BKHĐT", "BKHCN",
    "BTTTT", "BTNMT", "BNNPTNT", "BNNMT", "BGTVT", "BVHTTDL", "BLĐTBXH", "BDTTG", "UBDT", "NHNN",
    "TTCP", "KTNN", "TANDTC", "VKSNDTC", "BHXH", "SNgV",
)  # fmt: skip
KNOWN_ISSUERS: Final[dict[str, tuple[str, System]]] = {
    **{code.upper(): (code, "party") for code in PARTY_ISSUERS},
    **{code.upper(): (code, "state") for code in STATE_ISSUERS},
}

# Unknown issuers are classed by shape: Party committees end in TW/TU/HU/QU/TXU or start with ĐU,
# ĐĐ, BCSĐ; State bodies carry UBND/HĐND or are a Sở (S + department initials).
_PARTY_ISSUER_SHAPE: Final = re.compile(r"(?:.*(?:TW|TU|HU|QU|TXU)|ĐU.*|ĐĐ.*|BCSĐ.*)")
_STATE_ISSUER_SHAPE: Final = re.compile(r"(?:.*(?:UBND|HĐND).*|S[A-ZĐ]{2,})")
_NA_ISSUER: Final = re.compile(r"(UBTVQH|QH)([1-9][0-9]?)")
