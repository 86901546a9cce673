"""What every part of the demo shares: the moves of a story's dates by whole years to the anchor (the one
definition the data files and the code both use), the summary a load prints, and the lookup by stable key
before creating for what the demo writes in code (quality ratings, demo.data.CODE_SHEETS)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.utils.translation import gettext as _

from committees import services as org
from committees.models import (
    Organisation,
    QualityRating,
    RatingLevel,
)
from committees.ratings import LAST_TSVM_YEAR, TSVM_LEVELS


class Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class DemoSummary:
    organisations: int
    members: int
    seats: int
    documents: int
    targets: int
    readings: int
    tasks: int
    meetings: int
    ratings: int
    users: int
    audit_written: int  # audit rows this run wrote: 0 on a second run

    def lines(self) -> list[tuple[str, int]]:
        return [
            (_("tổ chức đảng"), self.organisations),
            (_("đảng viên"), self.members),
            (_("thành viên cấp ủy"), self.seats),
            (_("văn bản"), self.documents),
            (_("chỉ tiêu"), self.targets),
            (_("số liệu"), self.readings),
            (_("nhiệm vụ"), self.tasks),
            (_("hội nghị"), self.meetings),
            (_("xếp loại chất lượng"), self.ratings),
            (_("tài khoản"), self.users),
            (_("dòng nhật ký mới"), self.audit_written),
        ]


# A year in a text ("năm 2024", "25/12/2023", "98/2023/QH15", "HCM-2024-GQVL", "2020-2025"), not a digit
# group of a larger number (165.165, 2.000).
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?!\d)")

# The half-year the articles' story is set in (seed 000's report is of 2024-H1); the other two articles
# are set in 2020. The demo moves each story by whole years so that this moment is the anchor's.
STORY_YEAR = 2024
STORY_YEAR_2020 = 2020


def default_anchor(today: date) -> int:
    """The year whose first half the demo's story is set in: the latest first half-year that has ended
    (on 3/12/2026, 2026: the reporting cycle of 2026-H1 is the one under way)."""
    return today.year if today.month >= 7 else today.year - 1


def shift_date(day: date, years: int) -> date:
    # 29/2 has no twin in most years: the 28th stands in for it.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def shift_text(text: str, years: int) -> str:
    """Every year in `text` moved by `years` (dates, periods, terms, document numbers, codes)."""
    if not years:
        return text
    return _YEAR.sub(lambda m: str(int(m.group()) + years), text)


class Loader:
    """Writes what the data files do not hold, each object looked up by its stable key before it is
    created, as `acting_user` (the demo's administrator, who also imported the data files)."""

    def __init__(self, out: Writer | None, anchor: int, acting_user: Any) -> None:
        self.out = out
        self.anchor = anchor
        self.user = acting_user
        # Years added to every date of the story being loaded: set per article by its loader.
        self.shift = 0
        self.orgs = {o.code: o for o in Organisation.objects.all()}

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text + "\n")

    def rating(self, code: str, year: int, level: str) -> None:
        organisation = self.orgs[code]
        year += self.shift
        if level in TSVM_LEVELS and year > LAST_TSVM_YEAR:
            # The «trong sạch vững mạnh» levels ended with 2017; a story moved past it gets today's top level.
            level = RatingLevel.EXCELLENT
        if not QualityRating.objects.filter(organisation=organisation, year=year).exists():
            org.rating_record(year=year, level=level, organisation=organisation, acting_user=self.user)
