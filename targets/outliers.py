"""Validation on entry, as DHIS2 does it: a value far from what the organisation reported before, or from
what its siblings report for the same target, is accepted only with a note and listed for the approver.

"Far" is a ratio to the median of the references (settings.CHITIEU_OUTLIER_RATIO, 3 by default: more than
three times above or below), judged only with enough references (CHITIEU_OUTLIER_MIN_REFERENCES).
The references are, on one side, the organisation's own history: the current values of its targets with
the same title and shape in other periods at the same day of the year (figures are often cumulative, so
31/7 is compared with 31/7 of earlier years, never with a year-end total); on the other, the values of the
sibling organisations' targets with the same title, shape and period at the same cut-off.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from django.conf import settings
from django.utils.translation import gettext as _

from core.vn import format_number

OWN_HISTORY = 8  # the latest values of the organisation's own history taken as references


@dataclass(frozen=True)
class Verdict:
    reference: Decimal
    against: str  # "own" or "siblings"

    def message(self, value: Decimal) -> str:
        whose = (
            _("số liệu cùng thời điểm các năm trước của tổ chức")
            if self.against == "own"
            else _("số liệu của các tổ chức cùng cấp")
        )
        return _(
            "Giá trị %(value)s khác xa %(whose)s (trung vị %(median)s). "
            "Nếu số liệu đúng, vui lòng ghi chú giải thích rồi lưu lại."
        ) % {"value": format_number(value), "whose": whose, "median": format_number(self.reference)}


def _far(value: Decimal, references: list[Decimal]) -> Decimal | None:
    if len(references) < settings.CHITIEU_OUTLIER_MIN_REFERENCES:
        return None
    middle = Decimal(median(references))
    if middle <= 0:
        return None
    ratio = settings.CHITIEU_OUTLIER_RATIO
    if value > middle * ratio or value < middle / ratio:
        return middle
    return None


def judge(value: Decimal | None, own: list[Decimal], siblings: list[Decimal]) -> Verdict | None:
    """Why `value` is an outlier, or None when it is not (or cannot be judged)."""
    if value is None:
        return None
    middle = _far(value, own)
    if middle is not None:
        return Verdict(middle, "own")
    middle = _far(value, siblings)
    if middle is not None:
        return Verdict(middle, "siblings")
    return None
