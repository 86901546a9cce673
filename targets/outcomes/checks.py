"""The checks of one reading, with one set of messages, for every path that records readings: the entry
grid's form, the services (pages, htmx, API) and the workbook import, which reports them per cell.

`reading_problems` returns the first problem of each field ({"value": "Giá trị không được âm."}); empty
when the reading may be recorded. The caller decides how to say it: a ValidationError of the services, a
form's field errors, a row of the import's problem list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.fields import decimal_problem
from core.vn import format_date
from targets.outcomes.achievement import Shape, is_yes_no

RATE_SHAPES = (Shape.RATE_FLOOR, Shape.RATE_CEILING, Shape.RANGE)


class ReadTarget(Protocol):
    """What the checks need of a target: a stored Target, or a row of the workbook's targets sheet."""

    @property
    def shape(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def rank_out_of(self) -> int | None: ...
    @property
    def period_start(self) -> date: ...
    @property
    def period_end(self) -> date: ...


@dataclass(frozen=True)
class TargetFacts:
    """A ReadTarget of a target not stored yet (a row of the workbook)."""

    shape: str
    unit: str
    rank_out_of: int | None
    period_start: date
    period_end: date


def cut_off_problem(target: ReadTarget, cut_off: date) -> str:
    if target.period_start <= cut_off <= target.period_end:
        return ""
    return _("Ngày tính số liệu phải nằm trong kỳ %(start)s – %(end)s.") % {
        "start": format_date(target.period_start),
        "end": format_date(target.period_end),
    }


def _size_problem(field: str, number: Decimal) -> str:
    """Stored exactly or refused, whichever path records it (the bulk path has no full_clean): the
    column's size, then what SQLite would give back."""
    from targets.models import Reading

    try:
        Reading._meta.get_field(field).run_validators(number)  # type: ignore[union-attr]
    except ValidationError as error:
        return " ".join(error.messages)
    return decimal_problem(number) or ""


def value_problem(target: ReadTarget, value: Decimal | None, done: bool | None) -> str:
    if is_yes_no(target.shape):
        return _("Vui lòng chọn đạt hoặc chưa đạt.") if done is None else ""
    if value is None:
        return _("Vui lòng nhập giá trị.")
    size = _size_problem("value", value)
    if size:
        return size
    if value < 0:
        return _("Giá trị không được âm.")
    if target.shape in RATE_SHAPES and target.unit.strip() == "%" and value > 100:
        return _("Tỷ lệ không được lớn hơn 100%.")
    if target.shape == Shape.RANK:
        if value != value.to_integral_value() or value < 1:
            return _("Thứ hạng phải là số nguyên từ 1 trở lên.")
        if target.rank_out_of and value > target.rank_out_of:
            return _("Thứ hạng không được vượt quá tổng số %(n)s.") % {"n": target.rank_out_of}
    if target.shape == Shape.COUNT and value != value.to_integral_value():
        return _("Số nội dung phải là số nguyên.")
    return ""


def previous_problem(target: ReadTarget, previous: Decimal | None) -> str:
    if previous is None or is_yes_no(target.shape):
        return ""
    return _size_problem("previous", previous) or (_("Giá trị không được âm.") if previous < 0 else "")


def reading_problems(
    target: ReadTarget,
    *,
    cut_off: date | None,
    value: Decimal | None,
    done: bool | None,
    previous: Decimal | None = None,
) -> dict[str, str]:
    """Field → the first thing wrong with it; empty when the reading may be recorded. `cut_off` None: not
    checked here (a form reports its own parse error)."""
    problems = {
        "cut_off": cut_off_problem(target, cut_off) if cut_off is not None else "",
        "value": value_problem(target, value, done),
        "previous": previous_problem(target, previous),
    }
    return {field: message for field, message in problems.items() if message}


def check_reading(
    target: ReadTarget,
    *,
    cut_off: date,
    value: Decimal | None,
    done: bool | None,
    previous: Decimal | None = None,
    prefix: str = "",
) -> None:
    """`reading_problems` as the services raise it: a ValidationError per field."""
    problems = reading_problems(target, cut_off=cut_off, value=value, done=done, previous=previous)
    if problems:
        raise ValidationError({field: prefix + message for field, message in problems.items()})
