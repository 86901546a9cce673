"""The loader every seed shares: lookups by stable key before creating, and the move of a story's dates
by whole years to the anchor."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext as _

from committees import services as org
from committees.models import (
    BodyKind,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    Position,
    QualityRating,
    RatingLevel,
    Term,
)
from committees.ratings import LAST_TSVM_YEAR, TSVM_LEVELS
from reports.demo.common import SEED, D
from reports.demo.people import (
    GIVEN_FEMALE,
    GIVEN_MALE,
    HOA_FAMILY,
    HOA_GIVEN_FEMALE,
    HOA_GIVEN_MALE,
    KHMER_FAMILY,
    KHMER_GIVEN_FEMALE,
    KHMER_GIVEN_MALE,
    KINH_FAMILY,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    RELIGIONS,
)
from resolutions import services as docs
from resolutions.models import Document, Task
from resolutions.numbering import parse_number
from targets import services as tgt
from targets.models import Reading, Target


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


def _d(value: Any) -> Decimal | None:
    """Decimals from the declarations below: ints, or strings with a Vietnamese decimal comma."""
    if value is None:
        return None
    return D(str(value).replace(",", "."))


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
    def __init__(self, out: Writer | None, anchor: int = STORY_YEAR) -> None:
        self.out = out
        self.anchor = anchor
        # Years added to every date of the story being loaded: set per article by its loader.
        self.shift = 0
        self.orgs: dict[str, Organisation] = {}
        self.documents: dict[str, Document] = {}
        self.names_used: set[str] = set()

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text + "\n")

    # --- organisations ---------------------------------------------------------------------------
    def organisation(
        self, code: str, kind: str, name: str, parent: str | None = None, **extra: Any
    ) -> Organisation:
        existing = Organisation.objects.filter(code=code).first()
        if existing is None:
            existing = org.organisation_create(
                code=code,
                kind=kind,
                name=name,
                parent=self.orgs[parent] if parent else None,
                acting_user=None,
                **extra,
            )
        self.orgs[code] = existing
        return existing

    def day(self, day: date) -> date:
        return shift_date(day, self.shift)

    def text(self, text: str) -> str:
        return shift_text(text, self.shift)

    def term(self, code: str, start: int, end: int, congress: int | None = None) -> Term:
        organisation = self.orgs[code]
        start, end = start + self.shift, end + self.shift
        term = Term.objects.filter(organisation=organisation, start_year=start).first()
        return term or org.term_create(
            organisation=organisation,
            start_year=start,
            end_year=end,
            congress_number=congress,
            acting_user=None,
        )

    # --- people ----------------------------------------------------------------------------------
    def person_name(self, rng: random.Random, female: bool, ethnicity: str = "Kinh") -> str:
        for _attempt in range(200):
            if ethnicity == "Khmer":
                given = rng.choice(KHMER_GIVEN_FEMALE if female else KHMER_GIVEN_MALE)
                name = f"{rng.choice(KHMER_FAMILY)} {'Thị ' if female else ''}{given}"
            elif ethnicity == "Hoa":
                given = rng.choice(HOA_GIVEN_FEMALE if female else HOA_GIVEN_MALE)
                name = f"{rng.choice(HOA_FAMILY)} {given}"
            else:
                middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
                given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
                name = f"{rng.choice(KINH_FAMILY)} {middle} {given}"
            if name not in self.names_used:
                self.names_used.add(name)
                return name
        raise RuntimeError("name parts exhausted")  # pragma: no cover - the parts give thousands of names

    def members(
        self,
        code: str,
        count: int,
        *,
        as_of: date,
        women: int | None = None,
        khmer: int = 0,
        hoa: int = 0,
        probationary: int = 0,
    ) -> None:
        """Give an organisation `count` members, generated from its code: the same members on every machine.

        Only on the first load: an organisation that already has members is left alone.
        """
        organisation = self.orgs[code]
        if Member.objects.filter(organisation=organisation).exists():
            return
        as_of = self.day(as_of)
        rng = random.Random(f"{SEED}:{code}")
        women = women if women is not None else round(count * D("0.42"))
        ethnicities = ["Khmer"] * khmer + ["Hoa"] * hoa + ["Kinh"] * (count - khmer - hoa)
        genders = [True] * women + [False] * (count - women)
        rng.shuffle(ethnicities)
        rng.shuffle(genders)
        for i in range(count):
            female, ethnicity = genders[i], ethnicities[i]
            is_probationary = i >= count - probationary
            if is_probationary:
                # Admitted within the last twelve months: still dự bị at `as_of`.
                admitted = as_of - timedelta(days=rng.randint(30, 330))
            else:
                admitted = date(as_of.year - rng.randint(2, 32), rng.randint(1, 12), rng.randint(1, 28))
            birth = date(admitted.year - rng.randint(20, 34), rng.randint(1, 12), rng.randint(1, 28))
            religion = ""
            if ethnicity == "Khmer":
                religion = "Phật giáo"
            elif rng.random() < 0.06:
                religion = rng.choice(RELIGIONS)
            org.member_create(
                organisation=organisation,
                full_name=self.person_name(rng, female, ethnicity),
                gender=Gender.FEMALE if female else Gender.MALE,
                birth_date=birth,
                ethnicity=ethnicity,
                religion=religion,
                admitted_on=admitted,
                official_on=None if is_probationary else admitted + timedelta(days=365),
                status=MemberStatus.PROBATIONARY if is_probationary else MemberStatus.OFFICIAL,
                acting_user=None,
            )

    def seats(
        self, term: Term, plan: Sequence[tuple[str, Sequence[tuple[str, str]]]], *, extra_ubkt: int = 0
    ) -> None:
        """Committee seats held by members of the organisation: one person may sit in several bodies.

        `plan` is a list of people, each with the seats they hold, e.g. the Bí thư sits in the BCH and the
        BTV; a UBKT member outside the BCH is added with `extra_ubkt`.
        """
        if term.seats.exists():
            return
        organisation = term.organisation
        pool = list(
            Member.objects.filter(
                organisation__path__startswith=organisation.path, status=MemberStatus.OFFICIAL
            ).order_by("admitted_on", "id")
        )
        people = [(seats, pool[i]) for i, (_who, seats) in enumerate(plan)]
        people += [([(BodyKind.UBKT, Position.UY_VIEN_UBKT)], pool[len(plan) + i]) for i in range(extra_ubkt)]
        for held, member in people:
            for body, position in held:
                org.seat_create(
                    term=term,
                    body=body,
                    position=position,
                    member=member,
                    start_date=date(term.start_year, 6, 1),
                    acting_user=None,
                )

    def rating(self, code: str, year: int, level: str) -> None:
        organisation = self.orgs[code]
        year += self.shift
        if level in TSVM_LEVELS and year > LAST_TSVM_YEAR:
            # The «trong sạch vững mạnh» levels ended with 2017; a story moved past it gets today's top level.
            level = RatingLevel.EXCELLENT
        if not QualityRating.objects.filter(organisation=organisation, year=year).exists():
            org.rating_record(year=year, level=level, organisation=organisation, acting_user=None)

    # --- documents, targets, tasks ---------------------------------------------------------------
    def document(
        self,
        number: str,
        title: str,
        issued_on: date,
        *,
        owner: str,
        issuer_name: str,
        issuer: str | None = None,
        term_label: str = "",
    ) -> Document:
        key = number
        number, title, term_label = self.text(number), self.text(title), self.text(term_label)
        issued_on = self.day(issued_on)
        canonical = parse_number(number).canonical
        existing = Document.objects.filter(canonical_number=canonical, issued_on=issued_on).first()
        document = existing or docs.document_create(
            raw_number=number,
            title=title,
            issued_on=issued_on,
            organisation=self.orgs[owner],
            issuer_name=issuer_name,
            issuer_organisation=self.orgs[issuer] if issuer else None,
            term_label=term_label,
            acting_user=None,
        )
        self.documents[key] = document
        return document

    def link(self, source: str, kind: str, target: str) -> None:
        # document_link is itself idempotent: an existing link is returned without an audit row.
        docs.document_link(
            source=self.documents[source], target=self.documents[target], kind=kind, acting_user=None
        )

    def target(
        self, code: str, owner: str, title: str, period: str, shape: str, unit: str = "", **plan: Any
    ) -> Target:
        code, title, period = self.text(code), self.text(title), self.text(period)
        existing = Target.objects.filter(code=code).first()
        if existing:
            return existing
        for key in ("planned", "planned_low", "planned_high", "baseline"):
            if key in plan:
                plan[key] = _d(plan[key])
        return tgt.target_create(
            code=code,
            organisation=self.orgs[owner],
            title=title,
            period=period,
            shape=shape,
            unit=unit,
            acting_user=None,
            **plan,
        )

    def reading(
        self, target: Target, cut_off: date, value: Any, *, previous: Any = None, note: str = ""
    ) -> None:
        cut_off = self.day(cut_off)
        if Reading.objects.filter(target=target, cut_off=cut_off).exists():
            return
        is_bool = isinstance(value, bool)
        tgt.reading_record(
            target=target,
            cut_off=cut_off,
            value=None if is_bool else _d(value),
            done=value if is_bool else None,
            previous=_d(previous),
            note=note,
            acting_user=None,
        )

    def task(
        self, code: str, document: str, owner: str, title: str, due_on: date | None, done_on: date | None
    ) -> None:
        code, title = self.text(code), self.text(title)
        due_on = self.day(due_on) if due_on else None
        done_on = self.day(done_on) if done_on else None
        if not Task.objects.filter(code=code).exists():
            docs.task_create(
                code=code,
                document=self.documents[document],
                organisation=self.orgs[owner],
                title=title,
                due_on=due_on,
                done_on=done_on,
                acting_user=None,
            )
