"""Seeds 001 (Nam Định, term review 2015-2020) and 003 (the 2020 article): the part the workbook does not
carry, their terms, committee seats and quality ratings. Everything else is data (demo/data/nam-dinh/,
demo/data/seed-003/)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from committees.models import (
    BodyKind,
    Position,
    RatingLevel,
)
from demo.loader import STORY_YEAR_2020, Loader

# =====================================================================================================
# Seed 001: Đảng bộ Sở LĐ-TB&XH tỉnh Nam Định, term review 2015-2020 (published 18/5/2020)
# =====================================================================================================

ND_CELL_COUNT = 10  # the chi bộ trực thuộc SLDTBXH-ND-CB01 … CB10


def load_nam_dinh(L: Loader) -> None:
    L.say(_("Đảng bộ tỉnh Nam Định (bài 001)"))
    # Published in May 2020, after the term 2015-2020: moved so that the new term starts in the anchor year.
    L.shift = L.anchor - STORY_YEAR_2020
    L.term("SLDTBXH-ND", 2015, 2020)
    term = L.term("SLDTBXH-ND", 2020, 2025)
    # A đảng bộ cơ sở of 49 members: a BCH of 7 without a standing committee (invented people).
    bch = BodyKind.BCH
    L.seats(
        term,
        [
            ("Bí thư", [(bch, Position.BI_THU)]),
            ("Phó Bí thư", [(bch, Position.PHO_BI_THU)]),
            *[("UV BCH", [(bch, Position.UY_VIEN_BCH)])] * 5,
        ],
    )
    # "100% chi bộ hoàn thành tốt nhiệm vụ trở lên" every year; the committee "trong sạch vững mạnh".
    L.rating("SLDTBXH-ND", 2017, RatingLevel.TSVM_MODEL)
    L.rating("SLDTBXH-ND", 2019, RatingLevel.EXCELLENT)
    for i in range(1, ND_CELL_COUNT + 1):
        L.rating(f"SLDTBXH-ND-CB{i:02d}", 2019, RatingLevel.EXCELLENT if i <= 3 else RatingLevel.GOOD)


# =====================================================================================================
# Seed 003: a department's Party committee in 2020, after its 9th congress. The article does not name
# the province, so the tree's root is the province's bloc committee, unnamed, rather than a guessed one.
# =====================================================================================================


def load_seed_003(L: Loader) -> None:
    L.say(_("Đảng bộ Sở Lao động - Thương binh và Xã hội, Đại hội lần thứ IX (bài 003)"))
    # The congress of 2020 and the targets of its first year: moved so that year is the anchor year.
    L.shift = L.anchor - STORY_YEAR_2020
    # BCH 13 (of whom BTV 3: Bí thư, Phó Bí thư, and an Ủy viên BTV who chairs the UBKT); UBKT 5.
    term = L.term("SLDTBXH-K", 2020, 2025, congress=9)
    bch, btv, ubkt = BodyKind.BCH, BodyKind.BTV, BodyKind.UBKT
    L.seats(
        term,
        [
            ("Bí thư", [(bch, Position.BI_THU), (btv, Position.BI_THU)]),
            ("Phó Bí thư", [(bch, Position.PHO_BI_THU), (btv, Position.PHO_BI_THU)]),
            (
                "UV BTV, Chủ nhiệm UBKT",
                [(bch, Position.UY_VIEN_BCH), (btv, Position.UY_VIEN_BTV), (ubkt, Position.CHU_NHIEM_UBKT)],
            ),
            (
                "UV BCH, Phó Chủ nhiệm UBKT",
                [(bch, Position.UY_VIEN_BCH), (ubkt, Position.PHO_CHU_NHIEM_UBKT)],
            ),
            *[("UV BCH", [(bch, Position.UY_VIEN_BCH)])] * 9,
        ],
        extra_ubkt=3,
    )
