"""Rules of the annual quality rating (xếp loại chất lượng), DOMAIN.md §2. Pure functions, no queries.

- From 2025 (Quy định 366-QĐ/TW) a rating may carry a 100-point score, and the score decides the level:
  ≥ 90 HTXSNV, 70 to under 90 HTTNV, 50 to under 70 HTNV, under 50 KHTNV.
- Before 2018 organisations were rated "trong sạch vững mạnh (tiêu biểu)"; those categories are refused
  for later years and for members.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from committees.models import RatingLevel
from core.vn import format_number

SCORED_FROM_YEAR = 2025
LAST_TSVM_YEAR = 2017
# Highest band first: the first floor the score reaches gives the level.
SCORE_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), RatingLevel.EXCELLENT),
    (Decimal(70), RatingLevel.GOOD),
    (Decimal(50), RatingLevel.DONE),
    (Decimal(0), RatingLevel.FAILED),
)
TSVM_LEVELS = (RatingLevel.TSVM_MODEL, RatingLevel.TSVM)
# "hoàn thành tốt nhiệm vụ trở lên": the two upper levels, and the old TSVM categories, which ranked above it.
GOOD_OR_BETTER = (RatingLevel.EXCELLENT, RatingLevel.GOOD, *TSVM_LEVELS)
# Display order of the levels, best first.
LEVEL_ORDER = (*TSVM_LEVELS, RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.DONE, RatingLevel.FAILED)


def level_for_score(score: Decimal) -> str:
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": _("Điểm xếp loại phải từ 0 đến 100.")})
    for floor, level in SCORE_BANDS:
        if score >= floor:
            return str(level)
    raise AssertionError("unreachable: the last band starts at 0")


def resolve_level(*, year: int, level: str, score: Decimal | None, for_member: bool) -> str:
    """The level to store: derived from the score when there is one, checked against the year either way."""
    if score is not None:
        if year < SCORED_FROM_YEAR:
            raise ValidationError({"score": _("Chấm điểm theo Quy định 366-QĐ/TW chỉ áp dụng từ năm 2025.")})
        derived = level_for_score(score)
        if level and level != derived:
            raise ValidationError(
                {
                    "level": _(
                        "Mức xếp loại «%(level)s» không khớp với số điểm %(score)s (phải là «%(derived)s»)."
                    )
                    % {
                        "level": RatingLevel(level).label,
                        "score": format_number(score),
                        "derived": RatingLevel(derived).label,
                    }
                }
            )
        return derived
    if not level:
        raise ValidationError({"level": _("Cần chọn mức xếp loại hoặc nhập điểm.")})
    if level in TSVM_LEVELS:
        if for_member:
            raise ValidationError({"level": _("Mức «trong sạch vững mạnh» chỉ dùng cho tổ chức đảng.")})
        if year > LAST_TSVM_YEAR:
            raise ValidationError({"level": _("Mức «trong sạch vững mạnh» chỉ dùng cho các năm trước 2018.")})
    return level
