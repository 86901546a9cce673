"""Periods as WORKBOOK.md codes them: 2024, 2024-H1, 2024-H2, 2024-Q3, 2024-9M, 2024-M05, 2020-2025."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "9m"
    YEAR = "year"
    TERM = "term"


class PeriodError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|(?P<nine>9M)|M(?P<month>0[1-9]|1[0-2])|(?P<end>\d{4})))?$"
)


@dataclass(frozen=True)
class Period:
    code: str
    kind: PeriodKind
    start: date
    end: date

    @property
    def year(self) -> int:
        return self.start.year

    def label(self) -> str:
        """The Vietnamese name a report uses: "6 tháng đầu năm 2024", "quý II/2024", "nhiệm kỳ 2020-2025"."""
        y = self.start.year
        if self.kind is PeriodKind.YEAR:
            return _("năm %(y)s") % {"y": y}
        if self.kind is PeriodKind.HALF:
            if self.start.month == 1:
                return _("6 tháng đầu năm %(y)s") % {"y": y}
            return _("6 tháng cuối năm %(y)s") % {"y": y}
        if self.kind is PeriodKind.QUARTER:
            return _("quý %(q)s/%(y)s") % {"q": _ROMAN_QUARTERS[(self.start.month - 1) // 3 + 1], "y": y}
        if self.kind is PeriodKind.NINE_MONTHS:
            return _("9 tháng năm %(y)s") % {"y": y}
        if self.kind is PeriodKind.MONTH:
            return _("tháng %(m)s/%(y)s") % {"m": self.start.month, "y": y}
        return _("nhiệm kỳ %(a)s-%(b)s") % {"a": y, "b": self.end.year}

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def elapsed(self, cut_off: date) -> Decimal | None:
        """Share of the period elapsed at `cut_off`, or None once the period is over."""
        if cut_off >= self.end:
            return None
        if cut_off < self.start:
            return Decimal(0)
        total = (self.end - self.start).days + 1
        return Decimal((cut_off - self.start).days + 1) / Decimal(total)

    def same_period_last_year(self) -> Period:
        if self.kind is PeriodKind.TERM:
            length = self.end.year - self.start.year
            return parse_period(f"{self.start.year - length}-{self.start.year}")
        return parse_period(f"{self.start.year - 1}{self.code[4:]}")

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        y = self.start.year
        if self.kind is PeriodKind.HALF:
            return parse_period(f"{y}-H1") if self.start.month == 7 else parse_period(f"{y - 1}-H2")
        if self.kind is PeriodKind.QUARTER:
            q = (self.start.month - 1) // 3 + 1
            return parse_period(f"{y}-Q{q - 1}") if q > 1 else parse_period(f"{y - 1}-Q4")
        if self.kind is PeriodKind.MONTH:
            m = self.start.month
            return parse_period(f"{y}-M{m - 1:02d}") if m > 1 else parse_period(f"{y - 1}-M12")
        return self.same_period_last_year()


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse_period(code: str) -> Period:
    text = code.strip().upper().replace("–", "-")
    match = _PATTERN.match(text)
    if not match:
        raise PeriodError(
            _("Kỳ «%(code)s» không hợp lệ: dùng 2024, 2024-H1, 2024-Q3, 2024-9M hoặc 2020-2025.")
            % {"code": code}
        )
    year = int(match["year"])
    if not 1930 <= year <= 2200:
        raise PeriodError(_("Năm %(y)s nằm ngoài khoảng cho phép.") % {"y": year})
    if match["half"]:
        half = int(match["half"])
        start, end = (
            (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))
        )
        return Period(f"{year}-H{half}", PeriodKind.HALF, start, end)
    if match["quarter"]:
        q = int(match["quarter"])
        return Period(f"{year}-Q{q}", PeriodKind.QUARTER, date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    if match["nine"]:
        return Period(f"{year}-9M", PeriodKind.NINE_MONTHS, date(year, 1, 1), date(year, 9, 30))
    if match["month"]:
        m = int(match["month"])
        return Period(f"{year}-M{m:02d}", PeriodKind.MONTH, date(year, m, 1), _month_end(year, m))
    if match["end"]:
        end_year = int(match["end"])
        if not year < end_year <= year + 10:
            raise PeriodError(
                _("Nhiệm kỳ «%(code)s» không hợp lệ: năm cuối phải sau năm đầu.") % {"code": code}
            )
        return Period(f"{year}-{end_year}", PeriodKind.TERM, date(year, 1, 1), date(end_year, 12, 31))
    return Period(str(year), PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))
