"""Demo data built from the shared seed articles (../shared/seeds): organisations, members, committee
seats, documents, targets with readings, tasks, ratings, a meeting, and one login per role.

Every person's name is invented (generated from name parts with a fixed seed); the persons the articles
name never appear. Organisations, documents and figures are the articles'; where the demo had to invent
something (the names of units the article does not list, a programme number, a date the article leaves
out) the data says so.

The demo spans every app, so it lives in the right-most one. Everything is written through the services,
and loading twice changes nothing: each object is looked up by its stable key (organisation code, target
code, document number, username, …) before it is created.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import services as org
from committees.models import (
    AuditEntry,
    BodyKind,
    BodyMembership,
    Gender,
    Member,
    MemberStatus,
    Organisation,
    OrganisationKind,
    Position,
    QualityRating,
    RatingLevel,
    RoleKind,
    Term,
)
from committees.ratings import LAST_TSVM_YEAR, TSVM_LEVELS
from reports import services as rep
from reports.models import Meeting
from resolutions import services as docs
from resolutions.models import Document, LinkKind, Task
from resolutions.numbering import parse_number
from targets import services as tgt
from targets.cycle import Transition
from targets.models import Reading, Submission, Target
from targets.periods import parse_period

K = OrganisationKind
D = Decimal
SEED = 20240705  # the day seed 000 was published

# --- Logins ------------------------------------------------------------------------------------------

# One password for every demo login, printed by `manage.py demo_logins`; it passes Django's validators.
DEMO_PASSWORD = "ChiTieu@2024"
ADMIN = "admin"
# (username, role kind or ADMIN for the superuser, organisation code or None for everything)
LOGINS: list[tuple[str, str, str | None]] = [
    ("admin", ADMIN, None),
    ("canbo", RoleKind.STAFF, "SLDTBXH-HCM"),
    ("lanhdao", RoleKind.LEADER, "SLDTBXH-HCM"),
    ("thuky", RoleKind.SECRETARY, "SLDTBXH-HCM"),
    ("canbo.syt", RoleKind.STAFF, "SYT-HCM"),
    ("lanhdao.nd", RoleKind.LEADER, "SLDTBXH-ND"),
    ("lanhdao.k", RoleKind.LEADER, "SLDTBXH-K"),
    # A member of the city committee's inspection commission (inspections/).
    ("kiemtra", RoleKind.INSPECTOR, "TU-HCM"),
]

# --- Invented person names: parts only, combined with a fixed seed --------------------------------------


def _parts(text: str) -> list[str]:
    return text.split()


KINH_FAMILY = _parts(
    "Nguyễn Nguyễn Nguyễn Nguyễn Trần Trần Lê Lê Phạm Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô "
    "Dương Lý Đinh Đoàn Trương Mai Tô Tạ Lưu Châu"
)
MIDDLE_MALE = _parts("Văn Văn Minh Quốc Hữu Đức Thanh Công Ngọc Hoàng Tấn Thành Duy Anh Gia")
MIDDLE_FEMALE = _parts("Thị Thị Thị Ngọc Thu Thanh Kim Mỹ Bích Hồng Thùy Phương Hoài Diễm")
GIVEN_MALE = _parts(
    "An Bình Cường Dũng Đạt Hải Hiếu Hòa Hùng Huy Khang Khoa Kiên Lâm Long Lộc Nam Nghĩa Nhân Phát "
    "Phong Phúc Quân Quang Sang Sơn Tài Tâm Thắng Thiện Thịnh Toàn Trí Trung Tuấn Việt Vinh Vũ"
)
GIVEN_FEMALE = _parts(
    "Anh Cúc Chi Diệp Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hương Huyền Lan Liên Linh Loan Mai My "
    "Nga Ngân Nhung Oanh Phượng Quyên Tâm Thảo Thúy Trâm Trang Trinh Tuyết Uyên Vân Vy Xuân Yến"
)
HOA_FAMILY = _parts("Lâm Quách Trương Mã Tăng Lưu Diệp Lý Hứa Thái")
HOA_GIVEN_MALE = _parts("Vĩnh Phát Quốc Cường Kiến Hoa Gia Huy Chấn Hưng Thiên Minh")
HOA_GIVEN_FEMALE = _parts("Mỹ Linh Tú Anh Ngọc Lan Huệ Mẫn Khiết Như Bảo Trân")
KHMER_FAMILY = _parts("Thạch Sơn Kim Danh Lâm Chau Huỳnh")
KHMER_GIVEN_MALE = ["Sà Rết", "Sóc Khom", "Sa Vên", "Rây", "Phol", "Sươl", "Ra Đa", "Sô Phól"]
KHMER_GIVEN_FEMALE = ["Sa Ry", "Chanh Na", "Sô Phia", "Sà Rum", "Ni Ta", "Sóc Thi", "Mơ Ni"]
RELIGIONS = ["Phật giáo"] * 6 + ["Công giáo"] * 3 + ["Cao Đài", "Tin Lành"]


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


# =====================================================================================================
# Seed 000: Đảng ủy Sở LĐ-TB&XH TP.HCM, mid-2024 (hội nghị BCH lần thứ 21, mở rộng, 4/7/2024)
# =====================================================================================================

MID_2024, MID_2023, END_2023 = date(2024, 6, 30), date(2023, 6, 30), date(2023, 12, 31)

CENTRE_CELLS = ("Hành chính - Tổng hợp", "Y tế - Điều trị", "Công tác xã hội")
SCHOOL_CELLS = ("Khoa Cơ khí - Động lực", "Khoa Điện - Điện tử", "Các phòng chức năng")
REHAB_CELLS = ("Hành chính - Tổ chức", "Quản lý học viên", "Y tế - Giáo dục - Lao động trị liệu")

# (code, name, members, its chi bộ trực thuộc). The first five are those the article names: cells of 30
# or more members upgraded to đảng bộ cơ sở in 2024. The other nine are invented after the kinds of unit
# a Department of Labour runs (employment centre, vocational colleges, rehabilitation and social centres).
HCM_GRASSROOTS: list[tuple[str, str, int, tuple[str, ...]]] = [
    ("DBCS-BOLA", "Đảng bộ Cơ sở Cai nghiện ma túy Bố Lá", 38, REHAB_CELLS),
    ("DBCS-TANDINH", "Đảng bộ Trung tâm Điều dưỡng tâm thần Tân Định", 34, CENTRE_CELLS),
    ("DBCS-THINGHE", "Đảng bộ Trung tâm Bảo trợ trẻ em tàn tật mồ côi Thị Nghè", 31, CENTRE_CELLS[::2]),
    ("DBCS-BINHDUC", "Đảng bộ Trung tâm Bảo trợ xã hội Bình Đức", 33, CENTRE_CELLS),
    ("DBCS-CHANHPHUHOA", "Đảng bộ Trung tâm Bảo trợ xã hội Chánh Phú Hòa", 36, CENTRE_CELLS),
    (
        "DBCS-DVVL",
        "Đảng bộ Trung tâm Dịch vụ việc làm Thành phố",
        36,
        ("Văn phòng Trung tâm", "Sàn giao dịch việc làm", "Thông tin thị trường lao động"),
    ),
    ("DBCS-CDNN", "Đảng bộ Trường Cao đẳng nghề Thành phố", 35, SCHOOL_CELLS),
    ("DBCS-CDKT", "Đảng bộ Trường Cao đẳng Kỹ thuật - Công nghệ Thành phố", 34, SCHOOL_CELLS),
    ("DBCS-NHIXUAN", "Đảng bộ Cơ sở Cai nghiện ma túy Nhị Xuân", 32, REHAB_CELLS),
    ("DBCS-PHUVAN", "Đảng bộ Cơ sở Cai nghiện ma túy Phú Văn", 33, REHAB_CELLS[:2]),
    ("DBCS-TANHIEP", "Đảng bộ Trung tâm Bảo trợ xã hội Tân Hiệp", 31, CENTRE_CELLS[:2]),
    ("DBCS-HIEPBINH", "Đảng bộ Trung tâm Dưỡng lão Hiệp Bình", 30, CENTRE_CELLS[:2]),
    (
        "DBCS-CTXH",
        "Đảng bộ Trung tâm Công tác xã hội Thành phố",
        32,
        ("Văn phòng Trung tâm", "Tư vấn - Hỗ trợ"),
    ),
    ("DBCS-TAMBINH", "Đảng bộ Trung tâm Nuôi dưỡng bảo trợ trẻ em Tam Bình", 30, CENTRE_CELLS[::2]),
]

# The 24 chi bộ cơ sở: the department's own offices and its smaller units (names invented after them).
HCM_CELLS = [
    "Văn phòng Sở",
    "Phòng Lao động - Việc làm",
    "Phòng Giáo dục nghề nghiệp",
    "Phòng Chính sách bảo hiểm xã hội",
    "Phòng Tiền lương - Quan hệ lao động",
    "Phòng An toàn lao động",
    "Phòng Người có công",
    "Phòng Bảo trợ xã hội",
    "Phòng Trẻ em - Bình đẳng giới",
    "Phòng Phòng, chống tệ nạn xã hội",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tổ chức cán bộ",
    "Thanh tra Sở",
    "Văn phòng Điều phối giảm nghèo",
    "Quỹ Bảo trợ trẻ em Thành phố",
    "Ban Quản lý Nghĩa trang liệt sĩ Thành phố",
    "Trung tâm Điều dưỡng người có công",
    "Trung tâm Kiểm định kỹ thuật an toàn",
    "Trung tâm Thông tin và Dịch vụ",
    "Cơ sở xã hội Nhật Hồng",
    "Làng Thiếu niên Thủ Đức",
    "Trường Trung cấp nghề Thủ Thiêm",
    "Trường Trung cấp Kỹ thuật nghiệp vụ Nam Sài Gòn",
    "Trung tâm Hỗ trợ thanh niên công nhân",
]

# (number as written in the article, title, issued on, issuer, issuing organisation in the tree, term)
HCM_DOCUMENTS: list[tuple[str, str, date, str, str | None, str]] = [
    (
        "98/2023/QH15",
        "về thí điểm một số cơ chế, chính sách đặc thù phát triển Thành phố Hồ Chí Minh",
        date(2023, 6, 24),
        "Quốc hội",
        None,
        "",
    ),
    (
        "42-NQ/TW",
        "về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và "
        "bảo vệ Tổ quốc trong giai đoạn mới (Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII)",
        date(2023, 11, 24),
        "Ban Chấp hành Trung ương",
        None,
        "2021-2026",
    ),
    (
        "28-CT/TW",
        "về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em đáp ứng yêu cầu phát triển đất nước "
        "phồn vinh, hạnh phúc",
        date(2023, 12, 25),
        "Bộ Chính trị",
        None,
        "2021-2026",
    ),
    (
        "32-CT/TU",
        "về tăng cường sự lãnh đạo của Đảng đối với công tác giảm nghèo bền vững trên địa bàn Thành phố "
        "Hồ Chí Minh",
        date(2024, 3, 21),
        "Ban Thường vụ Thành ủy",
        "TU-HCM",
        "2020-2025",
    ),
    (
        "33-CT/TU",
        "về thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị về tăng cường công tác chăm sóc, "
        "giáo dục và bảo vệ trẻ em đáp ứng yêu cầu phát triển đất nước phồn vinh, hạnh phúc",
        date(2024, 4, 26),
        "Thành ủy Thành phố Hồ Chí Minh",
        "TU-HCM",
        "2020-2025",
    ),
    (
        "53-CTrHĐ/TU",
        # The article gives no date and the exchange workbook requires one: the date is invented, and says so.
        "thực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII về “Tiếp tục đổi "
        "mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ Tổ quốc "
        "trong giai đoạn mới” trên địa bàn Thành phố (ngày ban hành là dữ liệu minh họa)",
        date(2024, 2, 1),
        "Thành ủy Thành phố Hồ Chí Minh",
        "TU-HCM",
        "2020-2025",
    ),
    (
        "10/CT-UBND",
        "về tăng cường công tác quản lý Nhà nước về lao động, việc làm và giáo dục nghề nghiệp trên địa bàn "
        "Thành phố",
        date(2024, 5, 23),
        "Ủy ban nhân dân Thành phố",
        None,
        "",
    ),
    (
        "1649/QĐ-UBND",
        "về phê duyệt Chiến lược lao động và việc làm trên địa bàn Thành phố giai đoạn 2023 - 2025 và tầm "
        "nhìn đến năm 2030",
        date(2024, 5, 15),
        "Ủy ban nhân dân Thành phố",
        None,
        "",
    ),
    (
        "1675-TB/TU",
        "về kết quả đánh giá, xếp loại chất lượng năm 2023 (Đảng ủy Sở Lao động - Thương binh và Xã hội "
        "hoàn thành xuất sắc nhiệm vụ)",
        date(2024, 5, 4),
        "Ban Thường vụ Thành ủy",
        "TU-HCM",
        "2020-2025",
    ),
    (
        "22-KH/TU",
        "về sắp xếp tổ chức đảng, đảng viên và đội ngũ cán bộ chuyên trách",
        date(2021, 1, 27),
        "Ban Thường vụ Thành ủy",
        "TU-HCM",
        "2020-2025",
    ),
]
# The department's own 2024 programme, which the 55 tasks and most targets hang on: the article names no
# number for it, so the number is invented (and the title says so).
HCM_PROGRAMME = "02-CTr/ĐU"

# Seed 000's 2024 figures at 30/6/2024, then the department's other targets of the year: 34 in all, all
# "đang triển khai thực hiện" (34/34). Values use a decimal comma where they have decimals.
# (code, title, unit, shape, plan, value at 30/6/2024, previous (growth: same period 2023; rank: 2022),
#  the document that set it)
HCM_TARGETS: list[tuple[str, str, str, str, dict[str, Any], Any, Any, str]] = [
    ("UBND", "Nội dung trình UBND Thành phố", "nội dung", "count", {"planned": 25}, 15, None, HCM_PROGRAMME),
    (
        "CTCT",
        "Nội dung chương trình công tác của Sở",
        "nội dung",
        "count",
        {"planned": 30},
        20,
        None,
        HCM_PROGRAMME,
    ),
    # 165.165 against 161.230 is +2,4406%: 2,44% rounded half-up and truncated alike.
    ("GQVL", "Giải quyết việc làm", "lượt người", "growth", {}, 165165, 161230, "1649/QĐ-UBND"),
    # 72.152 against 71.050 is +1,5510%: 1,55% either way.
    ("CHOVL", "Số chỗ việc làm mới", "chỗ", "growth", {}, 72152, 71050, "1649/QĐ-UBND"),
    (
        "DDCI",
        "Chỉ số năng lực cạnh tranh cấp sở, ban, ngành và địa phương (DDCI)",
        "hạng",
        "rank",
        {"planned": 10, "rank_out_of": 20},
        9,
        20,
        HCM_PROGRAMME,
    ),
    (
        "PAR",
        "Chỉ số cải cách hành chính (PAR Index)",
        "hạng",
        "rank",
        {"planned": 20, "rank_out_of": 26},
        18,
        22,
        HCM_PROGRAMME,
    ),
    # The same two indicators against the year's plan; their 30/6 values are those of the growth rows.
    (
        "VLMOI",
        "Giải quyết việc làm cho người lao động",
        "lượt người",
        "quantity",
        {"planned": 320000},
        165165,
        None,
        "1649/QĐ-UBND",
    ),
    ("CHOVLM", "Tạo chỗ việc làm mới", "chỗ", "quantity", {"planned": 140000}, 72152, None, "1649/QĐ-UBND"),
    (
        "XKLD",
        "Đưa người lao động đi làm việc ở nước ngoài theo hợp đồng",
        "người",
        "quantity",
        {"planned": 3500},
        1620,
        None,
        "10/CT-UBND",
    ),
    (
        "TSDN",
        "Tuyển sinh giáo dục nghề nghiệp",
        "người",
        "quantity",
        {"planned": 450000},
        236000,
        None,
        "10/CT-UBND",
    ),
    ("LDQDT", "Tỷ lệ lao động qua đào tạo", "%", "rate_floor", {"planned": 87}, "86,5", None, "10/CT-UBND"),
    (
        "LDBC",
        "Tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ",
        "%",
        "range",
        {"planned_low": 40, "planned_high": 42},
        "40,6",
        None,
        "10/CT-UBND",
    ),
    (
        "TNTT",
        "Tỷ lệ thất nghiệp khu vực thành thị (dưới 2,5%)",
        "%",
        "rate_ceiling",
        {"planned": "2,5", "strict": True},
        "2,41",
        None,
        "1649/QĐ-UBND",
    ),
    (
        "HONGHEO",
        "Tỷ lệ hộ nghèo, hộ cận nghèo theo chuẩn nghèo Thành phố giảm 1 - 1,5 điểm %",
        "điểm %",
        "reduction",
        {"planned_low": 1, "planned_high": "1,5", "baseline": "2,84", "reduction_unit": "points"},
        "2,12",
        None,
        "32-CT/TU",
    ),
    (
        "GNBV",
        "Hộ thoát nghèo bền vững theo Chỉ thị 32-CT/TU",
        "hộ",
        "quantity",
        {"planned": 5000},
        2410,
        None,
        "32-CT/TU",
    ),
    (
        "BHXH",
        "Tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội",
        "%",
        "rate_floor",
        {"planned": 43},
        "41,2",
        None,
        HCM_PROGRAMME,
    ),
    (
        "BHTN",
        "Tỷ lệ lực lượng lao động tham gia bảo hiểm thất nghiệp",
        "%",
        "rate_floor",
        {"planned": 38},
        "37,1",
        None,
        HCM_PROGRAMME,
    ),
    (
        "NCC",
        "100% hộ gia đình người có công có mức sống bằng hoặc cao hơn mức sống trung bình của dân cư",
        "",
        "maintain",
        {},
        True,
        None,
        "53-CTrHĐ/TU",
    ),
    (
        "TREEM",
        "Trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc",
        "%",
        "rate_floor",
        {"planned": 90},
        92,
        None,
        "33-CT/TU",
    ),
    (
        "XPTE",
        "Phường, xã đạt tiêu chuẩn phù hợp với trẻ em",
        "%",
        "rate_floor",
        {"planned": 85},
        "83,5",
        None,
        "33-CT/TU",
    ),
    (
        "BTXH",
        "Đối tượng bảo trợ xã hội nhận trợ cấp qua tài khoản",
        "%",
        "rate_floor",
        {"planned": 80},
        74,
        None,
        "53-CTrHĐ/TU",
    ),
    (
        "CNMT",
        "Người nghiện ma túy được điều trị, cai nghiện",
        "người",
        "quantity",
        {"planned": 6000},
        3150,
        None,
        HCM_PROGRAMME,
    ),
    (
        "DVC",
        "Hồ sơ dịch vụ công trực tuyến toàn trình",
        "%",
        "rate_floor",
        {"planned": 80},
        83,
        None,
        HCM_PROGRAMME,
    ),
    (
        "TTHC",
        "Thủ tục hành chính được số hóa kết quả giải quyết",
        "%",
        "rate_floor",
        {"planned": 100},
        96,
        None,
        HCM_PROGRAMME,
    ),
    (
        "KNTC",
        "Đơn khiếu nại, tố cáo được giải quyết đúng hạn",
        "%",
        "rate_floor",
        {"planned": 95},
        97,
        None,
        HCM_PROGRAMME,
    ),
    (
        "TNLD",
        "Số vụ tai nạn lao động chết người (không quá)",
        "vụ",
        "rate_ceiling",
        {"planned": 45, "strict": False},
        21,
        None,
        "10/CT-UBND",
    ),
    (
        "KTGS",
        "Cuộc kiểm tra, giám sát theo chương trình của Đảng ủy",
        "cuộc",
        "count",
        {"planned": 12},
        6,
        None,
        HCM_PROGRAMME,
    ),
    ("KNDV", "Đảng viên mới được kết nạp", "người", "quantity", {"planned": 60}, 27, None, HCM_PROGRAMME),
    (
        "BDCT",
        "Cán bộ, đảng viên được bồi dưỡng lý luận chính trị",
        "người",
        "quantity",
        {"planned": 250},
        140,
        None,
        HCM_PROGRAMME,
    ),
    (
        "DVK",
        "Mô hình «Dân vận khéo» được công nhận",
        "mô hình",
        "count",
        {"planned": 14},
        8,
        None,
        HCM_PROGRAMME,
    ),
    # Rated at the end of the year: no reading yet at 30/6.
    (
        "CBTT",
        "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        "%",
        "rate_floor",
        {"planned": 90},
        None,
        None,
        HCM_PROGRAMME,
    ),
    (
        "DVHTT",
        "Đảng viên hoàn thành tốt nhiệm vụ trở lên",
        "%",
        "rate_floor",
        {"planned": 90},
        None,
        None,
        HCM_PROGRAMME,
    ),
    (
        "TBDH",
        "Thành lập các Tiểu ban phục vụ Đại hội Đảng bộ Sở nhiệm kỳ 2025 - 2030",
        "",
        "milestone",
        {},
        True,
        None,
        HCM_PROGRAMME,
    ),
    (
        "PASX",
        "Phương án sắp xếp tổ chức đảng, đảng viên và cán bộ chuyên trách theo Kế hoạch 22-KH/TU",
        "",
        "milestone",
        {},
        True,
        None,
        "22-KH/TU",
    ),
]

# The same targets in 2023, so "cùng kỳ năm trước" shows: (value at 30/6/2023, value at 31/12/2023).
# Growth and rank rows carry their previous values themselves; milestones were 2024's own.
HCM_2023: dict[str, tuple[Any, Any]] = {
    "UBND": (13, 26),
    "CTCT": (17, 30),
    "VLMOI": (161230, 323500),
    "CHOVLM": (71050, 141200),
    "XKLD": (1480, 3620),
    "TSDN": (221000, 455300),
    "LDQDT": ("86,1", "86,9"),
    "LDBC": ("39,8", "40,2"),
    "TNTT": ("2,62", "2,55"),
    "GNBV": (1980, 4870),
    "BHXH": ("40,3", "42,1"),
    "BHTN": ("36,2", "37,4"),
    "NCC": (True, True),
    "TREEM": (90, 93),
    "BTXH": (61, 78),
    "CNMT": (2870, 5960),
    "DVC": (71, 79),
    "TTHC": (88, 97),
    "KNTC": (96, 97),
    "TNLD": (24, 47),
    "KTGS": (5, 12),
    "KNDV": (24, 58),
    "BDCT": (128, 262),
    "DVK": (7, 13),
    "CBTT": (None, 92),
    "DVHTT": (None, 91),
}

# A few targets of grassroots committees and cells, so that rollups have children:
# (organisation code, suffix, title, unit, shape, planned, value at 30/6/2024)
HCM_UNIT_TARGETS: list[tuple[str, str, str, str, str, Any, Any]] = [
    ("DBCS-BOLA", "KN", "Đảng viên mới được kết nạp", "người", "quantity", 4, 1),
    (
        "DBCS-BOLA",
        "CN",
        "Học viên hoàn thành cai nghiện, tái hòa nhập cộng đồng",
        "người",
        "quantity",
        900,
        470,
    ),
    ("DBCS-TANDINH", "KN", "Đảng viên mới được kết nạp", "người", "quantity", 3, 2),
    ("DBCS-THINGHE", "KN", "Đảng viên mới được kết nạp", "người", "quantity", 3, 3),
    ("DBCS-BINHDUC", "BD", "Đảng viên được bồi dưỡng chuyên đề", "%", "rate_floor", 100, 88),
    ("DBCS-CHANHPHUHOA", "BD", "Đảng viên được bồi dưỡng chuyên đề", "%", "rate_floor", 100, 100),
    ("DBCS-DVVL", "VL", "Người lao động được giới thiệu việc làm", "lượt người", "quantity", 60000, 32400),
    ("DBCS-DVVL", "PH", "Phiên giao dịch việc làm tổ chức", "phiên", "count", 48, 25),
    ("DBCS-CDNN", "TS", "Tuyển sinh trình độ cao đẳng, trung cấp", "người", "quantity", 3200, 2100),
    ("DBCS-CDKT", "TS", "Tuyển sinh trình độ cao đẳng, trung cấp", "người", "quantity", 2800, 1350),
    ("CBCS-02", "TV", "Doanh nghiệp được tư vấn pháp luật lao động", "doanh nghiệp", "quantity", 400, 230),
    ("CBCS-13", "TT", "Cuộc thanh tra, kiểm tra chuyên ngành", "cuộc", "count", 40, 21),
]

# 55 "nội dung đầu việc" of the department's 2024 programme: at 30/6/2024, 20 finished before their
# deadline, none late, 35 under way within their deadline. (title, due)
HCM_TASKS: list[tuple[str, date]] = [
    ("Ban hành Chương trình công tác năm 2024 của Đảng ủy Sở", date(2024, 1, 31)),
    (
        "Hướng dẫn các chi bộ, đảng bộ cơ sở xây dựng kế hoạch thực hiện nghị quyết năm 2024",
        date(2024, 2, 15),
    ),
    ("Tổng kết phong trào thi đua yêu nước năm 2023, phát động thi đua năm 2024", date(2024, 2, 29)),
    ("Ban hành kế hoạch triển khai Chỉ thị 32-CT/TU về giảm nghèo bền vững", date(2024, 4, 30)),
    ("Ban hành kế hoạch thực hiện Chỉ thị 33-CT/TU về chăm sóc, bảo vệ trẻ em", date(2024, 5, 31)),
    ("Tham mưu dự thảo Chỉ thị của UBND Thành phố về quản lý lao động, việc làm", date(2024, 5, 31)),
    ("Trình UBND Thành phố Chiến lược lao động và việc làm giai đoạn 2023 - 2025", date(2024, 5, 31)),
    ("Tổ chức Ngày hội việc làm quý I", date(2024, 3, 31)),
    ("Tổ chức Ngày hội việc làm quý II", date(2024, 6, 30)),
    ("Kiểm tra công tác chi trả trợ cấp bảo trợ xã hội quý I", date(2024, 4, 15)),
    ("Quyết định nâng cấp 5 chi bộ cơ sở có từ 30 đảng viên thành đảng bộ cơ sở", date(2024, 6, 30)),
    ("Thành lập Tiểu ban nhân sự, Tiểu ban văn kiện, Tiểu ban tổ chức phục vụ Đại hội", date(2024, 6, 30)),
    ("Xây dựng phương án sắp xếp tổ chức đảng theo Kế hoạch 22-KH/TU", date(2024, 6, 30)),
    ("Sơ kết công tác cải cách hành chính quý I", date(2024, 4, 20)),
    ("Cập nhật cơ sở dữ liệu người có công trên hệ thống dùng chung", date(2024, 5, 31)),
    ("Tổ chức lớp bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy cơ sở", date(2024, 5, 31)),
    ("Tổ chức lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú", date(2024, 6, 15)),
    ("Kiểm tra việc thực hiện quy chế dân chủ tại 4 đơn vị sự nghiệp", date(2024, 6, 30)),
    ("Giám sát chuyên đề công tác phát triển đảng viên tại 3 đảng bộ cơ sở", date(2024, 6, 30)),
    ("Báo cáo kết quả thực hiện Nghị quyết 98/2023/QH15 trong lĩnh vực của Sở", date(2024, 6, 30)),
    # Under way at 30/6/2024, within their deadlines.
    ("Tổng kết 10 năm thực hiện Chỉ thị 05-CT/TW tại Đảng bộ Sở", date(2024, 9, 30)),
    ("Tổ chức Ngày hội việc làm quý III", date(2024, 9, 30)),
    ("Tổ chức Ngày hội việc làm quý IV", date(2024, 12, 15)),
    ("Trình UBND Thành phố đề án hỗ trợ người lao động mất việc làm", date(2024, 9, 30)),
    ("Trình UBND Thành phố kế hoạch giảm nghèo bền vững năm 2025", date(2024, 11, 30)),
    ("Trình UBND Thành phố kế hoạch chăm sóc người có công dịp 27/7", date(2024, 7, 15)),
    (
        "Tổ chức thăm, tặng quà người có công nhân kỷ niệm 77 năm Ngày Thương binh - Liệt sĩ",
        date(2024, 7, 27),
    ),
    ("Rà soát hộ nghèo, hộ cận nghèo năm 2024", date(2024, 11, 30)),
    ("Đánh giá chỉ số DDCI và PAR Index năm 2024, đề ra giải pháp nâng hạng", date(2024, 10, 31)),
    ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn lại", date(2024, 12, 31)),
    ("Tích hợp dịch vụ công trực tuyến toàn trình lên Cổng dịch vụ công quốc gia", date(2024, 9, 30)),
    ("Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024", date(2024, 7, 10)),
    ("Tổng kết công tác xây dựng Đảng năm 2024", date(2024, 12, 31)),
    ("Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2024", date(2024, 12, 31)),
    ("Kiểm tra tổ chức đảng cấp dưới khi có dấu hiệu vi phạm (theo chương trình)", date(2024, 11, 30)),
    ("Giám sát chuyên đề việc thực hiện nhiệm vụ của cấp ủy viên", date(2024, 10, 31)),
    ("Xây dựng dự thảo văn kiện Đại hội Đảng bộ Sở nhiệm kỳ 2025 - 2030", date(2024, 12, 31)),
    ("Rà soát, đánh giá hệ thống chỉ tiêu nhiệm kỳ 2020 - 2025", date(2024, 10, 31)),
    ("Xây dựng quy hoạch cấp ủy nhiệm kỳ 2025 - 2030", date(2024, 9, 30)),
    ("Tổ chức lớp bồi dưỡng lý luận chính trị cho đảng viên mới", date(2024, 8, 31)),
    ("Kết nạp đảng viên mới đạt chỉ tiêu năm 2024", date(2024, 12, 31)),
    ("Hoàn thành chỉ tiêu tuyển sinh giáo dục nghề nghiệp năm 2024", date(2024, 12, 31)),
    ("Kiểm tra an toàn, vệ sinh lao động tại doanh nghiệp", date(2024, 11, 30)),
    ("Thanh tra việc chấp hành pháp luật về bảo hiểm xã hội tại doanh nghiệp", date(2024, 10, 31)),
    ("Triển khai Tháng hành động vì trẻ em", date(2024, 7, 31)),
    ("Tổ chức Tết Trung thu cho trẻ em tại các cơ sở bảo trợ", date(2024, 9, 17)),
    ("Sơ kết công tác phòng, chống ma túy, cai nghiện 9 tháng", date(2024, 10, 15)),
    ("Rà soát người có công chưa được giải quyết chế độ, đề xuất giải quyết", date(2024, 12, 31)),
    ("Tu bổ các công trình ghi công liệt sĩ", date(2024, 12, 15)),
    ("Xây dựng mô hình «Dân vận khéo» năm 2024", date(2024, 11, 30)),
    ("Tổ chức hội thao cán bộ, công chức, viên chức ngành", date(2024, 8, 31)),
    ("Chuẩn bị kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước", date(2024, 12, 31)),
    ("Triển khai nền tảng dùng chung quản lý đối tượng bảo trợ xã hội", date(2024, 11, 30)),
    ("Đánh giá kết quả thực hiện Chương trình hành động 53-CTrHĐ/TU năm 2024", date(2024, 12, 15)),
    ("Ban hành Chương trình công tác năm 2025 của Đảng ủy Sở", date(2024, 12, 31)),
]
HCM_TASKS_DONE = 20

# Ongoing ("thường xuyên") tasks the Thành ủy directives give the department: they have no deadline and
# stay out of the 20/55, which counts the programme's tasks only.
HCM_ONGOING_TASKS: list[tuple[str, str]] = [
    ("32-CT/TU", "Tuyên truyền, quán triệt Chỉ thị 32-CT/TU đến cán bộ, đảng viên"),
    ("32-CT/TU", "Theo dõi hộ thoát nghèo, hỗ trợ hộ tái nghèo, phát sinh nghèo"),
    ("33-CT/TU", "Phối hợp bảo vệ trẻ em có hoàn cảnh đặc biệt tại cộng đồng"),
    ("53-CTrHĐ/TU", "Theo dõi, đôn đốc thực hiện chính sách xã hội trên địa bàn"),
]


def _load_hcm(L: Loader) -> None:
    L.say(_("Đảng bộ Thành phố Hồ Chí Minh (bài 000)"))
    L.shift = L.anchor - STORY_YEAR
    L.organisation(
        "TU-HCM",
        K.PROVINCIAL,
        "Đảng bộ Thành phố Hồ Chí Minh",
        committee_name="Thành ủy Thành phố Hồ Chí Minh",
        issuer_code="TU",
        place_name="TP. Hồ Chí Minh",
    )
    L.organisation(
        "SLDTBXH-HCM",
        K.UPPER_GRASSROOTS,
        "Đảng bộ Sở Lao động - Thương binh và Xã hội",
        parent="TU-HCM",
        committee_name="Đảng ủy Sở Lao động - Thương binh và Xã hội",
        issuer_code="ĐU",
    )
    for code, name, members, cells in HCM_GRASSROOTS:
        L.organisation(
            code,
            K.GRASSROOTS_COMMITTEE,
            name,
            parent="SLDTBXH-HCM",
            committee_name=name.replace("Đảng bộ", "Đảng ủy", 1),
            issuer_code="ĐU",
        )
        # Members meet in the chi bộ trực thuộc; each one stays under 30.
        for i, cell in enumerate(cells, start=1):
            cell_code = f"{code}-CB{i}"
            L.organisation(cell_code, K.CELL, f"Chi bộ {cell}", parent=code, issuer_code="CB")
            share = members // len(cells) + (1 if i <= members % len(cells) else 0)
            L.members(
                cell_code, share, as_of=MID_2024, hoa=1 if i == 1 else 0, probationary=1 if i == 2 else 0
            )
    for i, name in enumerate(HCM_CELLS, start=1):
        code = f"CBCS-{i:02d}"
        L.organisation(code, K.GRASSROOTS_CELL, f"Chi bộ {name}", parent="SLDTBXH-HCM", issuer_code="CB")
        L.members(
            code,
            5 + (i * 7) % 10,
            as_of=MID_2024,
            hoa=1 if i % 6 == 0 else 0,
            khmer=1 if i in (5, 17) else 0,
            probationary=1 if i % 4 == 1 else 0,
        )
    # A small sibling department, so that a role's scope can be seen to stop at the department.
    L.organisation(
        "SYT-HCM",
        K.UPPER_GRASSROOTS,
        "Đảng bộ Sở Y tế",
        parent="TU-HCM",
        committee_name="Đảng ủy Sở Y tế",
        issuer_code="ĐU",
    )
    for i, name in enumerate(["Văn phòng Sở Y tế", "Phòng Nghiệp vụ Y"], start=1):
        L.organisation(f"SYT-CB{i}", K.GRASSROOTS_CELL, f"Chi bộ {name}", parent="SYT-HCM", issuer_code="CB")
        L.members(f"SYT-CB{i}", 12 - i, as_of=MID_2024)

    # Term 2020-2025, Đại hội Đảng bộ Sở lần thứ VIII: BCH 17, BTV 5, UBKT 5 (invented sizes and people).
    term = L.term("SLDTBXH-HCM", 2020, 2025, congress=8)
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
            ("UV BTV", [(bch, Position.UY_VIEN_BCH), (btv, Position.UY_VIEN_BTV)]),
            ("UV BTV", [(bch, Position.UY_VIEN_BCH), (btv, Position.UY_VIEN_BTV)]),
            (
                "UV BCH, Phó Chủ nhiệm UBKT",
                [(bch, Position.UY_VIEN_BCH), (ubkt, Position.PHO_CHU_NHIEM_UBKT)],
            ),
            *[("UV BCH", [(bch, Position.UY_VIEN_BCH)])] * 11,
        ],
        extra_ubkt=3,
    )

    # Quality ratings of 2023: the department's by Thông báo 1675-TB/TU; those below it invented.
    L.rating("SLDTBXH-HCM", 2023, RatingLevel.EXCELLENT)
    for i, (code, *_rest) in enumerate(HCM_GRASSROOTS):
        L.rating(code, 2023, RatingLevel.EXCELLENT if i % 4 == 0 else RatingLevel.GOOD)
    for i in range(1, len(HCM_CELLS) + 1):
        L.rating(f"CBCS-{i:02d}", 2023, RatingLevel.DONE if i == 9 else RatingLevel.GOOD)

    # Documents of the city committee, and those from outside the tree, are kept by the city committee: every
    # organisation below it reads them (committees.access.with_ancestors_q).
    for number, title, issued, issuer_name, issuer, term_label in HCM_DOCUMENTS:
        L.document(
            number,
            title,
            issued,
            owner=issuer or "TU-HCM",
            issuer_name=issuer_name,
            issuer=issuer,
            term_label=term_label,
        )
    L.document(
        HCM_PROGRAMME,
        "Chương trình công tác năm 2024 của Đảng ủy Sở (số hiệu là dữ liệu minh họa)",
        date(2024, 1, 10),
        owner="SLDTBXH-HCM",
        issuer_name="Đảng ủy Sở Lao động - Thương binh và Xã hội",
        issuer="SLDTBXH-HCM",
        term_label="2020-2025",
    )
    L.link("33-CT/TU", LinkKind.IMPLEMENTS, "28-CT/TW")
    L.link("53-CTrHĐ/TU", LinkKind.IMPLEMENTS, "42-NQ/TW")
    L.link(HCM_PROGRAMME, LinkKind.IMPLEMENTS, "32-CT/TU")
    L.link(HCM_PROGRAMME, LinkKind.IMPLEMENTS, "33-CT/TU")

    for position, (code, title, unit, shape, plan, value, previous, document) in enumerate(
        HCM_TARGETS, start=1
    ):
        target = L.target(
            f"HCM-2024-{code}",
            "SLDTBXH-HCM",
            title,
            "2024",
            shape,
            unit,
            position=position,
            document=L.documents[document],
            **plan,
        )
        if value is not None:
            L.reading(target, MID_2024, value, previous=previous)
        if code in HCM_2023:
            mid, end = HCM_2023[code]
            last = L.target(
                f"HCM-2023-{code}", "SLDTBXH-HCM", title, "2023", shape, unit, position=position, **plan
            )
            if mid is not None:
                L.reading(last, MID_2023, mid)
            L.reading(last, END_2023, end)

    for owner, suffix, title, unit, shape, planned, value in HCM_UNIT_TARGETS:
        target = L.target(f"HCM-2024-{owner}-{suffix}", owner, title, "2024", shape, unit, planned=planned)
        L.reading(target, MID_2024, value)

    for n, (title, due) in enumerate(HCM_TASKS, start=1):
        # The first 20 were finished a few days to a few weeks before their deadline.
        done = due - timedelta(days=2 + (n * 5) % 19) if n <= HCM_TASKS_DONE else None
        L.task(f"HCM-2024-NV{n:02d}", HCM_PROGRAMME, "SLDTBXH-HCM", title, due, done)
    for n, (document, title) in enumerate(HCM_ONGOING_TASKS, start=1):
        L.task(f"HCM-TX{n:02d}", document, "SLDTBXH-HCM", title, None, None)

    _load_hcm_meeting(L, term)


# The guest of the superior committee; the department's own people come from its standing committee seats.
# Names are invented, as everywhere in the demo.
HCM_MEETING_GUEST = (
    "Phan Thị Thu Hằng",
    "Ủy viên Ban Thường vụ Thành ủy, Chủ nhiệm Ủy ban Kiểm tra Thành ủy",
)
SEAT_TITLES = {
    Position.BI_THU: "Bí thư Đảng ủy, Giám đốc Sở",
    Position.PHO_BI_THU: "Phó Bí thư Đảng ủy Sở",
    Position.UY_VIEN_BTV: "Ủy viên Ban Thường vụ Đảng ủy, Phó Giám đốc Sở",
}
HCM_REPORT_TEXT = {
    "results": (
        "Thực hiện chủ đề năm của Thành ủy «Tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong "
        "sạch, vững mạnh. Tập trung thực hiện hiệu quả Nghị quyết 98/2023/QH15 của Quốc hội» và chủ đề của Sở "
        "«Xây dựng Đảng bộ trong sạch, vững mạnh, đẩy mạnh chuyển đổi số - cải cách hành chính, nâng cao ý thức "
        "phục vụ người dân và doanh nghiệp».\n"
        "Đảng ủy Sở được Ban Thường vụ Thành ủy đánh giá hoàn thành xuất sắc nhiệm vụ năm 2023 tại Thông báo "
        "số 1675-TB/TU ngày 4/5/2024. Thành lập Tiểu ban nhân sự, Tiểu ban văn kiện, Tiểu ban tổ chức phục vụ "
        "Đại hội; xây dựng phương án sắp xếp tổ chức đảng theo Kế hoạch số 22-KH/TU ngày 27/1/2021 của Ban "
        "Thường vụ Thành ủy; ban hành 5 quyết định nâng cấp đảng bộ cơ sở từ các chi bộ cơ sở có từ 30 đảng "
        "viên trở lên.\n"
        "Công tác kiểm tra, giám sát, kỷ luật của Đảng được quan tâm lãnh đạo, chỉ đạo và tổ chức thực hiện "
        "toàn diện; công tác dân vận tiếp tục đạt kết quả khá toàn diện."
    ),
    "limitations": (
        "Một số chỉ tiêu còn chậm tiến độ so với kế hoạch năm; việc rà soát hệ thống chỉ tiêu nhiệm kỳ "
        "2020-2025 cần khẩn trương hơn để chuẩn bị Đại hội nhiệm kỳ 2025-2030."
    ),
    "directions": (
        "Tiếp tục triển khai các chương trình, đề án, kế hoạch trình UBND Thành phố, chương trình công tác "
        "của Sở và các chỉ tiêu năm 2024 đảm bảo đúng nội dung và tiến độ.\n"
        "Đẩy mạnh cải cách thủ tục hành chính, chuyển đổi số, nâng cao chất lượng dịch vụ công trực tuyến.\n"
        "Thực hiện tốt công tác an sinh xã hội, giảm nghèo bền vững, đền ơn đáp nghĩa; chuẩn bị Đại hội "
        "Đảng bộ Sở nhiệm kỳ 2025-2030."
    ),
    "recommendations": "Đề nghị Ban Thường vụ Thành ủy tiếp tục quan tâm chỉ đạo, hỗ trợ Đảng bộ Sở.",
}


def _load_hcm_meeting(loader: Loader, term: Term) -> None:
    """Seed 000's 21st extended BCH meeting (4/7/2024) and the report 15-BC/ĐU it discussed."""
    from reports.models import Report

    dept = loader.orgs["SLDTBXH-HCM"]
    seats = list(
        term.seats.filter(body=BodyKind.BTV, position__in=list(SEAT_TITLES))
        .select_related("member")
        .order_by("position", "id")
    )
    order = list(SEAT_TITLES)
    seats.sort(key=lambda seat: order.index(Position(seat.position)))
    secretary = seats[0].display_name if seats else ""
    attendees = [rep.AttendeeData(HCM_MEETING_GUEST[0], HCM_MEETING_GUEST[1], True)] + [
        rep.AttendeeData(seat.display_name, SEAT_TITLES[Position(seat.position)], False) for seat in seats
    ]
    if Meeting.objects.filter(organisation=dept, number=21).exists():
        return
    text = loader.text
    report = rep.report_create(
        organisation=dept,
        kind="semi_annual",
        period=text("2024-H1"),
        cut_off=loader.day(date(2024, 6, 30)),
        acting_user=None,
        signer_name=secretary,
        recipients="- Ban Thường vụ Thành ủy (để báo cáo),\n- Văn phòng Thành ủy,\n"
        "- Các đồng chí Ủy viên Ban Chấp hành Đảng bộ Sở,\n- Các cấp ủy trực thuộc,\n- Lưu Văn phòng Đảng ủy.",
        **{part: text(words) for part, words in HCM_REPORT_TEXT.items()},
    )
    rep.meeting_create(
        organisation=dept,
        held_on=loader.day(date(2024, 7, 4)),
        term=term,
        number=21,
        extended=True,
        place="Hội trường Sở Lao động - Thương binh và Xã hội",
        chair=secretary,
        agenda=text(
            "Đánh giá công tác xây dựng Đảng, xây dựng chính quyền, công tác dân vận 6 tháng đầu năm; "
            "triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2024."
        ),
        conclusions=text(
            "Bổ sung, hoàn chỉnh báo cáo và Nghị quyết, đặc biệt là nhiệm vụ trọng tâm những tháng "
            "cuối năm 2024."
        ),
        attendees=attendees,
        reports=[report],
        acting_user=None,
    )
    rep.report_issue(
        report=Report.objects.get(pk=report.pk),
        number="15-BC/ĐU",
        dated=loader.day(date(2024, 7, 5)),
        acting_user=None,
    )


# =====================================================================================================
# Seed 001: Đảng bộ Sở LĐ-TB&XH tỉnh Nam Định, term review 2015-2020 (published 18/5/2020)
# =====================================================================================================

ND_CELLS = [
    ("Văn phòng Sở", 7),
    ("Phòng Lao động - Việc làm", 6),
    ("Phòng Người có công", 5),
    ("Phòng Bảo trợ xã hội", 5),
    ("Thanh tra Sở", 5),
    ("Phòng Kế hoạch - Tài chính", 5),
    ("Chi cục Phòng, chống tệ nạn xã hội", 4),
    ("Phòng Giáo dục nghề nghiệp", 4),
    ("Phòng Bảo vệ, chăm sóc trẻ em - Bình đẳng giới", 4),
    ("Phòng Tổ chức cán bộ", 4),
]  # 10 chi bộ trực thuộc, 49 đảng viên

# The 2020-2025 term targets the article lists; "hàng năm" ones are per-year quantities.
ND_TERM_TARGETS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    ("VL", "Giải quyết việc làm mới hàng năm", "lượt người", "quantity", {"planned": 30000}),
    ("XK", "Xuất khẩu lao động hàng năm", "người", "quantity", {"planned": 2000}),
    ("DN", "Tuyển mới đào tạo nghề hàng năm", "người", "quantity", {"planned": 35000}),
    ("QDT", "Tỷ lệ lao động qua đào tạo nghề", "%", "rate_floor", {"planned": 51}),
    ("VLQDT", "Tỷ lệ lao động có việc làm qua đào tạo", "%", "rate_floor", {"planned": 80}),
    (
        "HN",
        "Tỷ lệ hộ nghèo không thuộc chính sách bảo trợ xã hội (dưới 0,15%)",
        "%",
        "rate_ceiling",
        {"planned": "0,15", "strict": True},
    ),
    ("BHYT", "100% trẻ em dưới 6 tuổi được cấp thẻ BHYT", "", "maintain", {}),
    (
        "NCC",
        "100% hộ gia đình người có công có mức sống bằng hoặc cao hơn mức trung bình nơi cư trú",
        "",
        "maintain",
        {},
    ),
    (
        "NCCT",
        "Người có công và thân nhân được hưởng chế độ hàng tháng",
        "người",
        "quantity",
        {"planned": 47000},
    ),
    ("TE", "Trẻ em có hoàn cảnh đặc biệt được hưởng chính sách", "trẻ em", "quantity", {"planned": 5000}),
    (
        "BTXH",
        "Người hưởng trợ cấp bảo trợ xã hội hàng tháng tại cộng đồng",
        "người",
        "quantity",
        {"planned": 80000},
    ),
    ("CNCS", "Cai nghiện ma túy tại cơ sở cai nghiện hàng năm", "người", "quantity", {"planned": 300}),
    ("CNCD", "Cai nghiện ma túy tại cộng đồng hàng năm", "người", "quantity", {"planned": 300}),
    ("TSVM", "Giữ vững danh hiệu tổ chức cơ sở đảng trong sạch vững mạnh", "", "maintain", {}),
]


def _load_nam_dinh(L: Loader) -> None:
    L.say(_("Đảng bộ tỉnh Nam Định (bài 001)"))
    # Published in May 2020, after the term 2015-2020: moved so that the new term starts in the anchor year.
    L.shift = L.anchor - STORY_YEAR_2020
    L.organisation(
        "TU-ND",
        K.PROVINCIAL,
        "Đảng bộ tỉnh Nam Định",
        committee_name="Tỉnh ủy Nam Định",
        issuer_code="TU",
        place_name="Nam Định",
    )
    L.organisation(
        "ĐUK-ND",
        K.BLOC,
        "Đảng bộ Khối các cơ quan tỉnh Nam Định",
        parent="TU-ND",
        committee_name="Đảng ủy Khối các cơ quan tỉnh",
        issuer_code="ĐUK",
    )
    L.organisation(
        "SLDTBXH-ND",
        K.GRASSROOTS_COMMITTEE,
        "Đảng bộ Sở Lao động - Thương binh và Xã hội tỉnh Nam Định",
        parent="ĐUK-ND",
        committee_name="Đảng ủy Sở Lao động - Thương binh và Xã hội tỉnh Nam Định",
        issuer_code="ĐU",
    )
    as_of = date(2020, 5, 18)
    for i, (name, size) in enumerate(ND_CELLS, start=1):
        code = f"SLDTBXH-ND-CB{i:02d}"
        L.organisation(code, K.CELL, f"Chi bộ {name}", parent="SLDTBXH-ND", issuer_code="CB")
        L.members(code, size, as_of=as_of, probationary=1 if i in (2, 5) else 0)
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
    for i in range(1, len(ND_CELLS) + 1):
        L.rating(f"SLDTBXH-ND-CB{i:02d}", 2019, RatingLevel.EXCELLENT if i <= 3 else RatingLevel.GOOD)

    for number, title, issued, issuer_name, term_label in [
        (
            "18-NQ/TW",
            "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt "
            "động hiệu lực, hiệu quả",
            date(2017, 10, 25),
            "Ban Chấp hành Trung ương",
            "2016-2021",
        ),
        (
            "19-NQ/TW",
            "về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các "
            "đơn vị sự nghiệp công lập",
            date(2017, 10, 25),
            "Ban Chấp hành Trung ương",
            "2016-2021",
        ),
        (
            "22/2013/QĐ-TTg",
            "về hỗ trợ người có công với cách mạng về nhà ở",
            date(2013, 4, 26),
            "Thủ tướng Chính phủ",
            "",
        ),
    ]:
        L.document(number, title, issued, owner="SLDTBXH-ND", issuer_name=issuer_name, term_label=term_label)

    # The term review: 18 new members against a target of 10 (180%, "vượt 80% chỉ tiêu").
    admitted = L.target(
        "ND-1520-KN",
        "SLDTBXH-ND",
        "Kết nạp đảng viên mới trong nhiệm kỳ",
        "2015-2020",
        "quantity",
        "người",
        planned=10,
    )
    L.reading(admitted, as_of, 18)
    for position, (code, title, unit, shape, plan) in enumerate(ND_TERM_TARGETS, start=1):
        L.target(f"ND-2025-{code}", "SLDTBXH-ND", title, "2020-2025", shape, unit, position=position, **plan)


# =====================================================================================================
# Seed 003: a department's Party committee in 2020, after its 9th congress. The article does not name
# the province, so the tree's root is the province's bloc committee, unnamed, rather than a guessed one.
# =====================================================================================================

# (name, members, women, Khmer): 4 chi bộ of administrative offices, 3 of public service units.
K_CELLS = [
    ("Văn phòng Sở", 24, 10, 1),
    ("Phòng Lao động - Việc làm - Giáo dục nghề nghiệp", 20, 8, 0),
    ("Phòng Người có công - Bảo trợ xã hội", 19, 8, 1),
    ("Thanh tra Sở", 14, 6, 0),
    ("Trung tâm Dịch vụ việc làm", 22, 9, 1),
    ("Trung tâm Bảo trợ xã hội", 21, 9, 0),
    ("Cơ sở Cai nghiện ma túy", 17, 7, 0),
]  # 137 đảng viên, 57 nữ, 3 Khmer

K_TARGETS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    (
        "HN",
        "Tỷ lệ hộ nghèo chung giảm (chuẩn nghèo tiếp cận đa chiều) 1 - 1,5%",
        "điểm %",
        "reduction",
        {"planned_low": 1, "planned_high": "1,5"},
    ),
    (
        "HNK",
        "Tỷ lệ hộ nghèo đồng bào dân tộc Khmer giảm 2 - 3%",
        "điểm %",
        "reduction",
        {"planned_low": 2, "planned_high": 3},
    ),
    ("VL", "Giải quyết việc làm mới", "người", "quantity", {"planned": 23000}),
    ("XK", "Trong đó xuất khẩu lao động", "người", "quantity", {"planned": 900}),
    (
        "TN",
        "Tỷ lệ thất nghiệp khu vực thành thị (dưới 2,5%)",
        "%",
        "rate_ceiling",
        {"planned": "2,5", "strict": True},
    ),
    ("QDT", "Tỷ lệ lao động qua đào tạo", "%", "rate_floor", {"planned": 67}),
    (
        "VB",
        "Trong đó có văn bằng, chứng chỉ công nhận kết quả đào tạo",
        "%",
        "range",
        {"planned_low": 33, "planned_high": 35},
    ),
    ("DT", "100% tổ chức đoàn thể ở cơ sở đạt vững mạnh", "", "maintain", {}),
    ("DVT", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", "rate_floor", {"planned": 90}),
    ("DVXS", "Trong đó đảng viên hoàn thành xuất sắc nhiệm vụ", "%", "rate_floor", {"planned": 20}),
    (
        "CBCC",
        "Cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ trở lên",
        "%",
        "rate_floor",
        {"planned": 80},
    ),
    ("KN", "Bồi dưỡng, kết nạp đảng viên mới", "người", "quantity", {"planned": 3}),
    ("DVK", "Mô hình «Dân vận khéo»", "mô hình", "count", {"planned": 7}),
    (
        "HTLT",
        "Mô hình «Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh»",
        "mô hình",
        "count",
        {"planned": 7},
    ),
]


def _load_seed_003(L: Loader) -> None:
    L.say(_("Đảng bộ Sở Lao động - Thương binh và Xã hội, Đại hội lần thứ IX (bài 003)"))
    # The congress of 2020 and the targets of its first year: moved so that year is the anchor year.
    L.shift = L.anchor - STORY_YEAR_2020
    L.organisation(
        "ĐUK-K",
        K.BLOC,
        "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh",
        committee_name="Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh",
        issuer_code="ĐUK",
    )
    L.organisation(
        "SLDTBXH-K",
        K.GRASSROOTS_COMMITTEE,
        "Đảng bộ Sở Lao động - Thương binh và Xã hội",
        parent="ĐUK-K",
        committee_name="Đảng ủy Sở Lao động - Thương binh và Xã hội",
        issuer_code="ĐU",
    )
    for i, (name, size, women, khmer) in enumerate(K_CELLS, start=1):
        code = f"SLDTBXH-K-CB{i}"
        L.organisation(code, K.CELL, f"Chi bộ {name}", parent="SLDTBXH-K", issuer_code="CB")
        L.members(
            code, size, as_of=date(2020, 5, 31), women=women, khmer=khmer, probationary=1 if i == 5 else 0
        )
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
    L.document(
        "20-CTr/ĐU",
        "thực hiện Nghị quyết Đại hội Đảng bộ Sở lần thứ IX, nhiệm kỳ 2020 - 2025",
        date(2020, 4, 27),
        owner="SLDTBXH-K",
        issuer_name="Đảng ủy Sở Lao động - Thương binh và Xã hội",
        issuer="SLDTBXH-K",
        term_label="2020-2025",
    )
    for position, (code, title, unit, shape, plan) in enumerate(K_TARGETS, start=1):
        L.target(
            f"K-2020-{code}",
            "SLDTBXH-K",
            title,
            "2020",
            shape,
            unit,
            position=position,
            document=L.documents["20-CTr/ĐU"],
            **plan,
        )


def _load_users(L: Loader) -> None:
    for username, kind, org_code in LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            if kind == ADMIN:
                user = User.objects.create_superuser(username=username, password=DEMO_PASSWORD, email="")
            else:
                user = User.objects.create_user(username=username, password=DEMO_PASSWORD)
        if org_code is not None:
            org.role_grant(user=user, organisation=L.orgs[org_code], kind=kind, acting_user=None)


_NARRATIVE = {
    "results": (
        "Quán triệt kịp thời các văn bản của cấp trên; duy trì sinh hoạt chi bộ định kỳ và chuyên đề. "
        "Các chỉ tiêu 6 tháng đầu năm cơ bản đạt tiến độ; hoàn thành công tác kết nạp đảng viên theo kế hoạch."
    ),
    "shortcomings": "Một số nội dung sinh hoạt chuyên đề còn chung chung; việc cập nhật số liệu có lúc chậm.",
    "causes": "Nhiệm vụ chuyên môn nhiều; một số cấp ủy viên mới, chưa quen việc.",
    "directions": (
        "Tập trung hoàn thành các chỉ tiêu còn chậm; nâng chất lượng sinh hoạt chi bộ; "
        "chuẩn bị tốt công tác đánh giá, xếp loại cuối năm."
    ),
}


def _load_cycle(L: Loader) -> None:
    """The anchor's first half-year (2024-H1 in the article) under the HCM department: most
    organisations have submitted with their narrative, one was returned with a comment, one is late;
    nothing is approved yet (the department approves once every organisation directly under it has
    submitted). The department itself has sent up its figures with the report 15-BC/ĐU it issued, so
    the cycle and the report tell the same story."""
    period = parse_period(f"{L.anchor}-H1")
    dept = L.orgs["SLDTBXH-HCM"]
    if Submission.objects.filter(period=period.code, organisation__path__startswith=dept.path).exists():
        return
    L.say(_("Kỳ báo cáo %(period)s: nộp, trả lại, quá hạn") % {"period": period.label()})
    children = list(dept.children.filter(valid_to__isnull=True).order_by("path"))
    for i, child in enumerate(children[:-1]):
        for grandchild in child.children.filter(valid_to__isnull=True).order_by("path"):
            tgt.narrative_save(organisation=grandchild, period=period, acting_user=None, **_NARRATIVE)
            tgt.submission_transition(
                organisation=grandchild, period=period, transition=Transition.SUBMIT, acting_user=None
            )
        texts = {
            **_NARRATIVE,
            "results": f"{_NARRATIVE['results']} Kết nạp {1 + i % 4} đảng viên; {80 + i % 15}% đảng viên "
            "được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
        }
        tgt.narrative_save(organisation=child, period=period, acting_user=None, **texts)
        tgt.submission_transition(
            organisation=child, period=period, transition=Transition.SUBMIT, acting_user=None
        )
    if len(children) > 2:
        tgt.submission_transition(
            organisation=children[-2],
            period=period,
            transition=Transition.RETURN,
            comment="Bổ sung số liệu kết nạp đảng viên và phần nguyên nhân hạn chế.",
            acting_user=None,
        )
    tgt.narrative_save(organisation=dept, period=period, acting_user=None, **_NARRATIVE)
    tgt.submission_transition(
        organisation=dept, period=period, transition=Transition.SUBMIT, acting_user=None
    )


def loaded_anchor() -> int | None:
    """The anchor year of the demo already in the database, if one is: from seed 000's report."""
    from reports.models import Report

    period = (
        Report.objects.filter(organisation__code="SLDTBXH-HCM", kind="semi_annual")
        .order_by("period")
        .values_list("period", flat=True)
        .first()
    )
    return int(period[:4]) if period else None


@transaction.atomic
def load_demo(
    *, year: int | None = None, today: date | None = None, stdout: Writer | None = None
) -> DemoSummary:
    """Load the demo with its story set in the first half of `year` (by default the latest first
    half-year that has ended before `today`); a second run finds everything in place and writes nothing.

    A demo already loaded keeps its own year: loading again for another year would build a second story
    beside the first.
    """
    audit_before = AuditEntry.objects.count()
    anchor = year if year is not None else default_anchor(today or timezone.localdate())
    existing = loaded_anchor()
    if existing is not None and existing != anchor:
        if stdout is not None:
            stdout.write(
                _("Dữ liệu mẫu đã được nạp cho năm %(year)s: giữ nguyên.") % {"year": existing} + "\n"
            )
        anchor = existing
    loader = Loader(stdout, anchor)
    _load_hcm(loader)
    _load_nam_dinh(loader)
    _load_seed_003(loader)
    _load_cycle(loader)
    _load_users(loader)
    return DemoSummary(
        organisations=Organisation.objects.count(),
        members=Member.objects.count(),
        seats=BodyMembership.objects.count(),
        documents=Document.objects.count(),
        targets=Target.objects.count(),
        readings=Reading.objects.count(),
        tasks=Task.objects.count(),
        meetings=Meeting.objects.count(),
        ratings=QualityRating.objects.count(),
        users=User.objects.count(),
        audit_written=AuditEntry.objects.count() - audit_before,
    )
