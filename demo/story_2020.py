"""Seed 001 (Nam Định, term review 2015-2020): the part written in code, its quality ratings
(demo.data.CODE_SHEETS).
Everything else, terms and committee seats included, is data (demo/data/nam-dinh/); so is all of seed 003
(demo/data/seed-003/)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from committees.models import RatingLevel
from demo.loader import STORY_YEAR_2020, Loader

# =====================================================================================================
# Seed 001: Đảng bộ Sở LĐ-TB&XH tỉnh Nam Định, term review 2015-2020 (published 18/5/2020). Its terms
# 2015-2020 and 2020-2025 and the new term's BCH of 7 (no standing committee) are data.
# =====================================================================================================

ND_CELL_COUNT = 10  # the chi bộ trực thuộc SLDTBXH-ND-CB01 … CB10


def load_nam_dinh(L: Loader) -> None:
    L.say(_("Đảng bộ tỉnh Nam Định (bài 001)"))
    # Published in May 2020, after the term 2015-2020: moved so that the new term starts in the anchor year.
    L.shift = L.anchor - STORY_YEAR_2020
    # "100% chi bộ hoàn thành tốt nhiệm vụ trở lên" every year; the committee "trong sạch vững mạnh".
    L.rating("SLDTBXH-ND", 2017, RatingLevel.TSVM_MODEL)
    L.rating("SLDTBXH-ND", 2019, RatingLevel.EXCELLENT)
    for i in range(1, ND_CELL_COUNT + 1):
        L.rating(f"SLDTBXH-ND-CB{i:02d}", 2019, RatingLevel.EXCELLENT if i <= 3 else RatingLevel.GOOD)


# Seed 003 (a department's Party committee after its 9th congress of 2020) has no code part: its term
# 2020-2025 (BCH 13, of whom BTV 3; UBKT 5) is data, and the article gives it no rating.
