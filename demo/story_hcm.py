"""Seed 000's part written in code: the quality ratings of 2023 (demo.data.CODE_SHEETS). The organisations,
members, documents, targets, readings, tasks, the department's term, its committee seats, the 21st BCH
meeting, the report 15-BC/ĐU it discussed and the narratives of 2024-H1 are data (demo/data/hcm/)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from committees.models import RatingLevel
from demo.loader import STORY_YEAR, Loader

# The department's own 2024 programme, which the 55 tasks and most targets hang on: the article names no
# number for it, so the number is invented (and its title in the data says so).
HCM_PROGRAMME = "02-CTr/ĐU"

# The 14 đảng bộ cơ sở under the department, in the article's order: every fourth one rated excellent.
HCM_GRASSROOTS = [
    "DBCS-BOLA",
    "DBCS-TANDINH",
    "DBCS-THINGHE",
    "DBCS-BINHDUC",
    "DBCS-CHANHPHUHOA",
    "DBCS-DVVL",
    "DBCS-CDNN",
    "DBCS-CDKT",
    "DBCS-NHIXUAN",
    "DBCS-PHUVAN",
    "DBCS-TANHIEP",
    "DBCS-HIEPBINH",
    "DBCS-CTXH",
    "DBCS-TAMBINH",
]
HCM_CELL_COUNT = 24  # the chi bộ cơ sở CBCS-01 … CBCS-24


def load_hcm(L: Loader) -> None:
    L.say(_("Đảng bộ Thành phố Hồ Chí Minh (bài 000)"))
    L.shift = L.anchor - STORY_YEAR
    # Quality ratings of 2023: the department's by Thông báo 1675-TB/TU; those below it invented.
    L.rating("SLDTBXH-HCM", 2023, RatingLevel.EXCELLENT)
    for i, code in enumerate(HCM_GRASSROOTS):
        L.rating(code, 2023, RatingLevel.EXCELLENT if i % 4 == 0 else RatingLevel.GOOD)
    for i in range(1, HCM_CELL_COUNT + 1):
        L.rating(f"CBCS-{i:02d}", 2023, RatingLevel.DONE if i == 9 else RatingLevel.GOOD)
