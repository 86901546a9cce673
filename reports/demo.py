"""Demo data built from the shared seed articles (../shared/seeds): organisations, members, documents,
targets with readings and tasks, and one login per role. Person names are invented.

The demo spans every app, so it lives in the right-most one. Everything is written through the services,
and loading twice changes nothing: each object is looked up by its stable code first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth.models import User
from django.db import transaction

from committees import services as org
from committees.models import BodyKind, Member, Organisation, OrganisationKind, Position, RoleKind, Term
from resolutions import services as docs
from resolutions.models import Document, LinkKind, Task
from targets import services as tgt
from targets.models import Reading, Target

K = OrganisationKind
D = Decimal

# Logins printed by `manage.py demo_logins`; they pass Django's password validators.
DEMO_PASSWORD = "ChiTieu@2024"
LOGINS = [
    ("admin", "admin", None, "Quản trị hệ thống"),
    ("canbo", RoleKind.STAFF, "SLDTBXH-HCM", "Cán bộ nhập liệu"),
    ("lanhdao", RoleKind.LEADER, "SLDTBXH-HCM", "Lãnh đạo"),
    ("thuky", RoleKind.SECRETARY, "SLDTBXH-HCM", "Thư ký / Văn phòng"),
    ("canbo.syt", RoleKind.STAFF, "SYT-HCM", "Cán bộ nhập liệu"),
    ("lanhdao.nd", RoleKind.LEADER, "SLDTBXH-ND", "Lãnh đạo"),
    ("lanhdao.k", RoleKind.LEADER, "SLDTBXH-K", "Lãnh đạo"),
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_M = ["Văn", "Minh", "Quốc", "Hữu", "Đức", "Thanh", "Công", "Ngọc"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Hồng"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khang",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Trung",
    "Vinh",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hoa",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Yến",
]
KHMER_NAMES = ["Thạch Sà Rết", "Lâm Thị Sa Ry", "Sơn Thị Chanh Na", "Kim Sóc Khom", "Danh Thị Sây"]


@dataclass
class DemoSummary:
    organisations: int
    members: int
    documents: int
    targets: int
    readings: int
    tasks: int
    users: int


class Loader:
    def __init__(self, out: TextIO | None) -> None:
        self.out = out
        self.random = random.Random(20240705)
        self.orgs: dict[str, Organisation] = {}
        self.names_used: set[str] = set()

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text + "\n")

    # --- organisations -------------------------------------------------------------------------
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

    def term(self, code: str, start: int, end: int, congress: int | None, khoa: int | None = None) -> Term:
        organisation = self.orgs[code]
        term = Term.objects.filter(organisation=organisation, start_year=start).first()
        return term or org.term_create(
            organisation=organisation,
            start_year=start,
            end_year=end,
            congress_number=congress,
            khoa=khoa,
            acting_user=None,
        )

    # --- people ----------------------------------------------------------------------------------
    def person_name(self, female: bool) -> str:
        for _ in range(1000):
            family = self.random.choice(FAMILY)
            middle = self.random.choice(MIDDLE_F if female else MIDDLE_M)
            given = self.random.choice(GIVEN_F if female else GIVEN_M)
            name = f"{family} {middle} {given}"
            if name not in self.names_used:
                self.names_used.add(name)
                return name
        return f"{family} {middle} {given} {len(self.names_used)}"

    def members(
        self, code: str, count: int, *, women: int | None = None, khmer: int = 0, year: int = 2024
    ) -> None:
        """Give an organisation `count` members (only on first load: counts by code are the key)."""
        organisation = self.orgs[code]
        if Member.objects.filter(organisation=organisation).exists():
            return
        women = women if women is not None else round(count * 0.42)
        for i in range(count):
            female = i < women
            if i >= count - khmer:
                name = KHMER_NAMES[(count - 1 - i) % len(KHMER_NAMES)]
                ethnicity = "Khmer"
            else:
                name = self.person_name(female)
                ethnicity = "Hoa" if i % 37 == 5 else "Kinh"
            admitted = date(
                year - 1 - self.random.randint(0, 30), self.random.randint(1, 12), self.random.randint(1, 28)
            )
            probationary = i % 23 == 7
            if probationary:
                admitted = date(year, self.random.randint(1, 5), self.random.randint(1, 28))
            org.member_create(
                organisation=organisation,
                full_name=name,
                gender="female" if female else "male",
                birth_date=date(
                    admitted.year - self.random.randint(22, 35),
                    self.random.randint(1, 12),
                    self.random.randint(1, 28),
                ),
                ethnicity=ethnicity,
                religion="Phật giáo" if i % 19 == 3 else ("Công giáo" if i % 29 == 4 else ""),
                admitted_on=admitted,
                official_on=None if probationary else admitted + timedelta(days=365),
                status="probationary" if probationary else "official",
                acting_user=None,
            )

    def seats(self, term: Term, plan: list[tuple[str, str, int]]) -> None:
        if term.seats.exists():
            return
        for body, position, count in plan:
            for _ in range(count):
                org.seat_create(
                    term=term,
                    body=body,
                    position=position,
                    person_name=self.person_name(self.random.random() < 0.4),
                    start_date=date(term.start_year, 6, 1),
                    acting_user=None,
                )

    # --- documents, targets, tasks ---------------------------------------------------------------
    def document(
        self,
        number: str,
        title: str,
        issued_on: date | None,
        owner: str,
        issuer_name: str,
        issuer: str | None = None,
        term_label: str = "",
    ) -> Document:
        from resolutions.numbering import parse_number

        canonical = parse_number(number).canonical
        existing = Document.objects.filter(canonical_number=canonical, issued_on=issued_on).first()
        return existing or docs.document_create(
            raw_number=number,
            title=title,
            issued_on=issued_on,
            organisation=self.orgs[owner],
            issuer_name=issuer_name,
            issuer_organisation=self.orgs[issuer] if issuer else None,
            term_label=term_label,
            acting_user=None,
        )

    def target(
        self, code: str, owner: str, title: str, period: str, shape: str, unit: str = "", **plan: Any
    ) -> Target:
        existing = Target.objects.filter(code=code).first()
        if existing:
            return existing
        for key in ("planned", "planned_low", "planned_high", "baseline"):
            if key in plan and plan[key] is not None:
                plan[key] = D(str(plan[key]))
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
        self,
        target: Target,
        cut_off: date,
        value: Any = None,
        *,
        done: bool | None = None,
        previous: Any = None,
        kind: str = "official",
        note: str = "",
    ) -> None:
        if Reading.objects.filter(target=target, cut_off=cut_off).exists():
            return
        tgt.reading_record(
            target=target,
            cut_off=cut_off,
            value=D(str(value)) if value is not None else None,
            done=done,
            previous=D(str(previous)) if previous is not None else None,
            kind=kind,
            note=note,
            acting_user=None,
        )


# The five grassroots committees seed 000 names (upgraded from cells of 30+ members), then nine more.
HCM_GRASSROOTS = [
    ("DBCS-BOLA", "Đảng bộ Cơ sở Cai nghiện ma túy Bố Lá", 38),
    ("DBCS-TANDINH", "Đảng bộ Trung tâm Điều dưỡng tâm thần Tân Định", 34),
    ("DBCS-THINGHE", "Đảng bộ Trung tâm Bảo trợ trẻ em tàn tật mồ côi Thị Nghè", 31),
    ("DBCS-BINHDUC", "Đảng bộ Trung tâm Bảo trợ xã hội Bình Đức", 33),
    ("DBCS-CHANHPHUHOA", "Đảng bộ Trung tâm Bảo trợ xã hội Chánh Phú Hòa", 36),
    ("DBCS-DVVL", "Đảng bộ Trung tâm Dịch vụ việc làm Thành phố", 52),
    ("DBCS-CDKT", "Đảng bộ Trường Cao đẳng Kỹ thuật Cao Thắng", 64),
    ("DBCS-CDNN", "Đảng bộ Trường Cao đẳng nghề Thành phố", 47),
    ("DBCS-NHIKHANG", "Đảng bộ Cơ sở cai nghiện ma túy Nhị Xuân", 41),
    ("DBCS-PHUNUDS", "Đảng bộ Cơ sở Bảo trợ xã hội Tân Hiệp", 35),
    ("DBCS-DUONGLAO", "Đảng bộ Trung tâm Dưỡng lão Hiệp Bình", 32),
    ("DBCS-PHUCHOIS", "Đảng bộ Cơ sở Phục hồi chức năng Phú Văn", 39),
    ("DBCS-TDTT", "Đảng bộ Trung tâm Hỗ trợ thanh thiếu niên", 30),
    ("DBCS-BTXH4", "Đảng bộ Cơ sở Bảo trợ xã hội Phú Mỹ", 44),
]
HCM_CELLS = [
    "Văn phòng Sở",
    "Phòng Lao động - Việc làm",
    "Phòng Giáo dục nghề nghiệp",
    "Phòng Chính sách Bảo hiểm xã hội",
    "Phòng Người có công",
    "Phòng Bảo trợ xã hội",
    "Phòng Trẻ em - Bình đẳng giới",
    "Phòng Phòng chống tệ nạn xã hội",
    "Thanh tra Sở",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tổ chức cán bộ",
    "Phòng Việc làm - An toàn lao động",
    "Trung tâm Công tác xã hội",
    "Quỹ Bảo trợ trẻ em",
    "Quỹ Giải quyết việc làm",
    "Ban Quản lý Nghĩa trang liệt sĩ",
    "Trung tâm Thông tin và Dịch vụ",
    "Cơ sở Xã hội Nhật Hồng",
    "Trung tâm Nuôi dưỡng bảo trợ trẻ em Tam Bình",
    "Trung tâm Bảo trợ xã hội Tân Hiệp",
    "Làng Thiếu niên Thủ Đức",
    "Trường Trung cấp nghề Thủ Thiêm",
    "Trường Trung cấp Kỹ thuật nghiệp vụ Nam Sài Gòn",
    "Trung tâm Giới thiệu việc làm Thanh niên",
]

# Seed 000's 2024 figures at 30/6/2024, then the department's other targets of the year (34 in all).
# (code, title, unit, shape, plan, value at 30/6/2024, previous / same period of 2023)
HCM_TARGETS: list[tuple[str, str, str, str, dict[str, Any], Any, Any]] = [
    ("UBND", "Nội dung trình UBND Thành phố", "nội dung", "count", {"planned": 25}, 15, None),
    ("CTCT", "Nội dung chương trình công tác của Sở", "nội dung", "count", {"planned": 30}, 20, None),
    ("GQVL", "Giải quyết việc làm (so với cùng kỳ)", "lượt người", "growth", {}, 128050, 125000),
    ("CHOVL", "Số chỗ việc làm mới (so với cùng kỳ)", "chỗ", "growth", {}, 81240, 80000),
    (
        "DDCI",
        "Chỉ số năng lực cạnh tranh cấp sở, ngành (DDCI)",
        "hạng",
        "rank",
        {"planned": 10, "rank_out_of": 20},
        9,
        20,
    ),
    (
        "PAR",
        "Chỉ số cải cách hành chính (PAR Index)",
        "hạng",
        "rank",
        {"planned": 20, "rank_out_of": 26},
        18,
        22,
    ),
    (
        "VLMOI",
        "Giải quyết việc làm cho người lao động",
        "lượt người",
        "quantity",
        {"planned": 300000},
        163000,
        None,
    ),
    ("CHOVLM", "Tạo chỗ việc làm mới", "chỗ", "quantity", {"planned": 140000}, 72500, None),
    (
        "XKLD",
        "Đưa người lao động đi làm việc ở nước ngoài",
        "người",
        "quantity",
        {"planned": 3500},
        1620,
        None,
    ),
    ("TSDN", "Tuyển sinh giáo dục nghề nghiệp", "người", "quantity", {"planned": 450000}, 236000, None),
    ("LDQDT", "Tỷ lệ lao động qua đào tạo", "%", "rate_floor", {"planned": 87}, "86,5", None),
    (
        "LDBC",
        "Tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ",
        "%",
        "range",
        {"planned_low": 40, "planned_high": 42},
        "40,6",
        None,
    ),
    (
        "TNTT",
        "Tỷ lệ thất nghiệp khu vực thành thị",
        "%",
        "rate_ceiling",
        {"planned": 4, "strict": True},
        "3,8",
        None,
    ),
    (
        "HONGHEO",
        "Tỷ lệ hộ nghèo theo chuẩn Thành phố",
        "%",
        "reduction",
        {"planned_low": "0.2", "planned_high": "0.3", "baseline": "0.9"},
        "0,72",
        None,
    ),
    (
        "BHXH",
        "Tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội",
        "%",
        "rate_floor",
        {"planned": 43},
        "41,2",
        None,
    ),
    (
        "BHTN",
        "Tỷ lệ lực lượng lao động tham gia bảo hiểm thất nghiệp",
        "%",
        "rate_floor",
        {"planned": 38},
        "37,1",
        None,
    ),
    (
        "NCC",
        "Hộ gia đình người có công có mức sống bằng hoặc cao hơn mức trung bình",
        "%",
        "maintain",
        {},
        True,
        None,
    ),
    ("TREEM", "Trẻ em có hoàn cảnh đặc biệt được trợ giúp", "%", "rate_floor", {"planned": 90}, 92, None),
    (
        "BTXH",
        "Đối tượng bảo trợ xã hội được chi trả trợ cấp qua tài khoản",
        "%",
        "rate_floor",
        {"planned": 80},
        74,
        None,
    ),
    (
        "CNMT",
        "Người nghiện ma túy được điều trị, cai nghiện",
        "người",
        "quantity",
        {"planned": 6000},
        3150,
        None,
    ),
    ("DVC", "Hồ sơ dịch vụ công trực tuyến toàn trình", "%", "rate_floor", {"planned": 80}, 83, None),
    (
        "TTHC",
        "Thủ tục hành chính được số hóa kết quả giải quyết",
        "%",
        "rate_floor",
        {"planned": 100},
        96,
        None,
    ),
    ("KNTC", "Đơn khiếu nại, tố cáo được giải quyết đúng hạn", "%", "rate_floor", {"planned": 95}, 97, None),
    (
        "TNLD",
        "Số vụ tai nạn lao động chết người (không quá)",
        "vụ",
        "rate_ceiling",
        {"planned": 45, "strict": False},
        21,
        None,
    ),
    (
        "KTGS",
        "Cuộc kiểm tra, giám sát theo chương trình của Đảng ủy",
        "cuộc",
        "count",
        {"planned": 12},
        6,
        None,
    ),
    ("KNDV", "Đảng viên mới được kết nạp", "người", "quantity", {"planned": 60}, 27, None),
    (
        "BDCT",
        "Cán bộ, đảng viên được bồi dưỡng lý luận chính trị",
        "người",
        "quantity",
        {"planned": 250},
        140,
        None,
    ),
    ("DVK", "Mô hình «Dân vận khéo» được công nhận", "mô hình", "count", {"planned": 14}, 8, None),
    (
        "CBTT",
        "Chi bộ, đảng bộ cơ sở hoàn thành tốt nhiệm vụ trở lên",
        "%",
        "rate_floor",
        {"planned": 90},
        None,
        None,
    ),
    ("DVHTT", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", "rate_floor", {"planned": 90}, None, None),
    ("TBDH", "Thành lập Tiểu ban phục vụ Đại hội Đảng bộ Sở", "", "milestone", {}, True, None),
    ("PASX", "Phương án sắp xếp tổ chức đảng theo Kế hoạch 22-KH/TU", "", "milestone", {}, False, None),
    ("CDS", "Hồ sơ, văn bản điện tử ký số", "%", "rate_floor", {"planned": 95}, 96, None),
    (
        "GNBV",
        "Hộ thoát nghèo bền vững theo Chỉ thị 32-CT/TU",
        "hộ",
        "quantity",
        {"planned": 5000},
        2410,
        None,
    ),
]

HCM_DOCUMENTS = [
    (
        "98/2023/QH15",
        "về thí điểm một số cơ chế, chính sách đặc thù phát triển Thành phố Hồ Chí Minh",
        date(2023, 6, 24),
        "Quốc hội",
        None,
    ),
    (
        "28-CT/TW",
        "về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em đáp ứng yêu cầu phát triển đất nước phồn vinh, hạnh phúc",
        date(2023, 12, 25),
        "Bộ Chính trị",
        None,
    ),
    (
        "32-CT/TU",
        "về tăng cường sự lãnh đạo của Đảng đối với công tác giảm nghèo bền vững trên địa bàn Thành phố Hồ Chí Minh",
        date(2024, 3, 21),
        "Ban Thường vụ Thành ủy",
        "TU-HCM",
    ),
    (
        "33-CT/TU",
        "về thực hiện Chỉ thị số 28-CT/TW của Bộ Chính trị về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em",
        date(2024, 4, 26),
        "Thành ủy Thành phố Hồ Chí Minh",
        "TU-HCM",
    ),
    (
        "53-CTrHĐ/TU",
        # The article gives no date; the exchange workbook requires one, so the demo marks it as invented.
        "thực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới, "
        "nâng cao chất lượng chính sách xã hội (ngày ban hành là dữ liệu minh họa)",
        date(2024, 2, 1),
        "Thành ủy Thành phố Hồ Chí Minh",
        "TU-HCM",
    ),
    (
        "10/CT-UBND",
        "về tăng cường công tác quản lý Nhà nước về lao động, việc làm và giáo dục nghề nghiệp trên địa bàn Thành phố",
        date(2024, 5, 23),
        "Ủy ban nhân dân Thành phố",
        None,
    ),
    (
        "1649/QĐ-UBND",
        "về phê duyệt Chiến lược lao động và việc làm trên địa bàn Thành phố giai đoạn 2023 - 2025 và tầm nhìn đến năm 2030",
        date(2024, 5, 15),
        "Ủy ban nhân dân Thành phố",
        None,
    ),
    (
        "1675-TB/TU",
        "kết quả đánh giá, xếp loại chất lượng tổ chức đảng năm 2023 (Đảng ủy Sở hoàn thành xuất sắc nhiệm vụ)",
        date(2024, 5, 4),
        "Ban Thường vụ Thành ủy",
        "TU-HCM",
    ),
    (
        "22-KH/TU",
        "về sắp xếp tổ chức đảng, đảng viên và đội ngũ cán bộ chuyên trách",
        date(2021, 1, 27),
        "Ban Thường vụ Thành ủy",
        "TU-HCM",
    ),
]


def _load_hcm(loader: Loader) -> None:
    L = loader
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
        place_name="TP. Hồ Chí Minh",
    )
    for code, name, members in HCM_GRASSROOTS:
        L.organisation(
            code,
            K.GRASSROOTS_COMMITTEE,
            name,
            parent="SLDTBXH-HCM",
            committee_name=name.replace("Đảng bộ", "Đảng ủy", 1),
            issuer_code="ĐU",
        )
        cells = 2 if members >= 40 else 1
        for i in range(cells):
            cell_code = f"{code}-CB{i + 1}"
            L.organisation(
                cell_code,
                K.CELL,
                f"Chi bộ {i + 1} — {name.removeprefix('Đảng bộ ')}",
                parent=code,
                issuer_code="CB",
            )
            L.members(cell_code, members // cells + (members % cells if i == 0 else 0))
    for i, name in enumerate(HCM_CELLS, start=1):
        code = f"CBCS-{i:02d}"
        L.organisation(code, K.GRASSROOTS_CELL, f"Chi bộ {name}", parent="SLDTBXH-HCM", issuer_code="CB")
        L.members(code, 8 + (i * 7) % 17)
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
        L.members(f"SYT-CB{i}", 12)

    term = L.term("SLDTBXH-HCM", 2020, 2025, congress=8)
    L.seats(
        term,
        [
            (BodyKind.BTV, Position.BI_THU, 1),
            (BodyKind.BTV, Position.PHO_BI_THU, 1),
            (BodyKind.BTV, Position.UY_VIEN_BTV, 3),
            (BodyKind.BCH, Position.UY_VIEN_BCH, 12),
            (BodyKind.UBKT, Position.CHU_NHIEM_UBKT, 1),
            (BodyKind.UBKT, Position.PHO_CHU_NHIEM_UBKT, 1),
            (BodyKind.UBKT, Position.UY_VIEN_UBKT, 3),
        ],
    )

    documents = {}
    for number, title, issued, issuer_name, issuer in HCM_DOCUMENTS:
        owner = "TU-HCM" if issuer else "SLDTBXH-HCM"
        documents[number] = L.document(
            number,
            title,
            issued,
            owner,
            issuer_name,
            issuer,
            term_label="2020-2025" if "/TU" in number else "",
        )
    docs.document_link(
        source=documents["33-CT/TU"], target=documents["28-CT/TW"], kind=LinkKind.IMPLEMENTS, acting_user=None
    )
    programme = L.document(
        "02-CTr/ĐU",
        "Chương trình công tác năm 2024 của Đảng ủy Sở (dữ liệu minh họa)",
        date(2024, 1, 10),
        "SLDTBXH-HCM",
        "Đảng ủy Sở Lao động - Thương binh và Xã hội",
        "SLDTBXH-HCM",
        term_label="2020-2025",
    )

    mid, mid_last = date(2024, 6, 30), date(2023, 6, 30)
    for position, (code, title, unit, shape, plan, value, previous) in enumerate(HCM_TARGETS, start=1):
        document = (
            documents["32-CT/TU"]
            if code == "GNBV"
            else (documents["1649/QĐ-UBND"] if code in ("VLMOI", "CHOVLM") else programme)
        )
        target = L.target(
            f"HCM-2024-{code}",
            "SLDTBXH-HCM",
            title,
            "2024",
            shape,
            unit,
            position=position,
            document=document,
            **dict(plan),
        )
        if value is not None:
            if isinstance(value, bool):
                L.reading(target, mid, done=value)
            else:
                L.reading(target, mid, str(value).replace(".", "").replace(",", "."), previous=previous)
        if shape in ("count", "quantity", "rate_floor") and value is not None and not isinstance(value, bool):
            # The same target a year earlier, so the dashboard can show the same period last year.
            last = L.target(
                f"HCM-2023-{code}", "SLDTBXH-HCM", title, "2023", shape, unit, position=position, **dict(plan)
            )
            last_value = D(str(value).replace(".", "").replace(",", ".")) * D("0.93")
            L.reading(last, mid_last, last_value.quantize(D(1) if shape != "rate_floor" else D("0.1")))

    # A few targets of grassroots units, so rollups have children.
    for i, (code, _name, _members) in enumerate(HCM_GRASSROOTS[:6]):
        t = L.target(
            f"HCM-2024-{code}-KN", code, "Đảng viên mới được kết nạp", "2024", "quantity", "người", planned=4
        )
        L.reading(t, mid, [1, 2, 3, 2, 0, 5][i])
        t = L.target(
            f"HCM-2024-{code}-BD",
            code,
            "Đảng viên được bồi dưỡng chuyên đề",
            "2024",
            "rate_floor",
            "%",
            planned=100,
        )
        L.reading(t, mid, [100, 96, 100, 88, 100, 100][i])

    # 55 tasks of the 2024 work programme: 20 done before their deadline, none late at 30/6/2024.
    if not Task.objects.filter(document=programme).exists():
        lead = L.orgs["SLDTBXH-HCM"]
        for n in range(1, 56):
            due: date | None = date(2024, 3 + (n % 10), 15)
            done = None
            if n <= 20:
                due = due or date(2024, 6, 28)
                done = min(due, date(2024, 6, 20)) - timedelta(days=3 + n % 5)
            elif due is not None and due <= mid:
                due = date(2024, 7 + n % 5, 15)
            docs.task_create(
                document=programme,
                organisation=lead,
                title=f"Nội dung đầu việc số {n} của chương trình công tác năm 2024",
                due_on=due,
                done_on=done,
                code=f"HCM-2024-NV{n:02d}",
                acting_user=None,
            )


def _load_nam_dinh(loader: Loader) -> None:
    L = loader
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
    sizes = [7, 6, 5, 5, 5, 5, 4, 4, 4, 4]  # 10 cells, 49 members
    names = [
        "Văn phòng",
        "Phòng Lao động - Việc làm",
        "Phòng Người có công",
        "Phòng Bảo trợ xã hội",
        "Thanh tra Sở",
        "Phòng Kế hoạch - Tài chính",
        "Chi cục Phòng chống tệ nạn xã hội",
        "Phòng Giáo dục nghề nghiệp",
        "Phòng Trẻ em - Bình đẳng giới",
        "Phòng Tổ chức cán bộ",
    ]
    for i, (name, size) in enumerate(zip(names, sizes, strict=True), start=1):
        L.organisation(
            f"SLDTBXH-ND-CB{i:02d}", K.CELL, f"Chi bộ {name}", parent="SLDTBXH-ND", issuer_code="CB"
        )
        L.members(f"SLDTBXH-ND-CB{i:02d}", size, year=2020)
    L.term("SLDTBXH-ND", 2015, 2020, congress=None)
    L.term("SLDTBXH-ND", 2020, 2025, congress=None)
    L.document(
        "18-NQ/TW",
        "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
        date(2017, 10, 25),
        "TU-ND",
        "Ban Chấp hành Trung ương",
        term_label="2016-2021",
    )
    L.document(
        "19-NQ/TW",
        "về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các đơn vị sự nghiệp công lập",
        date(2017, 10, 25),
        "TU-ND",
        "Ban Chấp hành Trung ương",
        term_label="2016-2021",
    )
    L.document(
        "22/2013/QĐ-TTg",
        "về hỗ trợ người có công với cách mạng về nhà ở",
        date(2013, 4, 26),
        "TU-ND",
        "Thủ tướng Chính phủ",
    )
    t = L.target(
        "ND-1520-KN",
        "SLDTBXH-ND",
        "Kết nạp đảng viên mới trong nhiệm kỳ",
        "2015-2020",
        "quantity",
        "người",
        planned=10,
    )
    L.reading(t, date(2020, 5, 18), 18)
    for code, title, unit, shape, plan in [
        ("VL", "Giải quyết việc làm mới mỗi năm", "lượt người", "quantity", {"planned": 30000}),
        ("XK", "Xuất khẩu lao động mỗi năm", "người", "quantity", {"planned": 2000}),
        ("DN", "Tuyển mới đào tạo nghề mỗi năm", "người", "quantity", {"planned": 35000}),
        ("QDT", "Tỷ lệ lao động qua đào tạo nghề", "%", "rate_floor", {"planned": 51}),
        ("VLQDT", "Tỷ lệ lao động có việc làm qua đào tạo", "%", "rate_floor", {"planned": 80}),
        (
            "HN",
            "Tỷ lệ hộ nghèo không thuộc chính sách bảo trợ xã hội",
            "%",
            "rate_ceiling",
            {"planned": "0.15", "strict": True},
        ),
        ("BHYT", "Trẻ em dưới 6 tuổi được cấp thẻ BHYT", "%", "maintain", {}),
        ("NCC", "Hộ gia đình chính sách có mức sống bằng hoặc cao hơn trung bình", "%", "maintain", {}),
    ]:
        L.target(f"ND-2025-{code}", "SLDTBXH-ND", title, "2020-2025", shape, unit, **dict(plan))  # type: ignore[call-overload]


def _load_khmer_province(loader: Loader) -> None:
    """Seed 003: a department committee after its 9th congress (2020): 7 cells, 137 members, 57 women, 3 Khmer."""
    L = loader
    L.organisation(
        "ĐUK-K",
        K.BLOC,
        "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh",
        committee_name="Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh",
        issuer_code="ĐUK",
        place_name="",
    )
    L.organisation(
        "SLDTBXH-K",
        K.GRASSROOTS_COMMITTEE,
        "Đảng bộ Sở Lao động - Thương binh và Xã hội",
        parent="ĐUK-K",
        committee_name="Đảng ủy Sở Lao động - Thương binh và Xã hội",
        issuer_code="ĐU",
    )
    cells = [
        ("Văn phòng Sở", 24, 10, 1),
        ("Phòng Lao động - Việc làm", 20, 8, 0),
        ("Phòng Chính sách", 19, 8, 1),
        ("Thanh tra Sở", 14, 6, 0),
        ("Trung tâm Dịch vụ việc làm", 22, 9, 1),
        ("Trung tâm Bảo trợ xã hội", 21, 9, 0),
        ("Cơ sở cai nghiện ma túy", 17, 7, 0),
    ]
    for i, (name, size, women, khmer) in enumerate(cells, start=1):
        L.organisation(f"SLDTBXH-K-CB{i}", K.CELL, f"Chi bộ {name}", parent="SLDTBXH-K", issuer_code="CB")
        L.members(f"SLDTBXH-K-CB{i}", size, women=women, khmer=khmer, year=2020)
    term = L.term("SLDTBXH-K", 2020, 2025, congress=9)
    L.seats(
        term,
        [
            (BodyKind.BTV, Position.BI_THU, 1),
            (BodyKind.BTV, Position.PHO_BI_THU, 1),
            (BodyKind.BTV, Position.UY_VIEN_BTV, 1),
            (BodyKind.BCH, Position.UY_VIEN_BCH, 10),
            (BodyKind.UBKT, Position.CHU_NHIEM_UBKT, 1),
            (BodyKind.UBKT, Position.PHO_CHU_NHIEM_UBKT, 1),
            (BodyKind.UBKT, Position.UY_VIEN_UBKT, 3),
        ],
    )
    programme = L.document(
        "20-CTr/ĐU",
        "thực hiện Nghị quyết Đại hội Đảng bộ Sở lần thứ IX, nhiệm kỳ 2020-2025",
        date(2020, 4, 27),
        "SLDTBXH-K",
        "Đảng ủy Sở",
        "SLDTBXH-K",
        term_label="2020-2025",
    )
    for code, title, unit, shape, plan in [
        (
            "HN",
            "Tỷ lệ hộ nghèo chung giảm (chuẩn nghèo đa chiều)",
            "điểm %",
            "reduction",
            {"planned_low": 1, "planned_high": "1.5"},
        ),
        (
            "HNK",
            "Tỷ lệ hộ nghèo đồng bào dân tộc Khmer giảm",
            "điểm %",
            "reduction",
            {"planned_low": 2, "planned_high": 3},
        ),
        ("VL", "Giải quyết việc làm mới", "người", "quantity", {"planned": 23000}),
        ("XK", "Xuất khẩu lao động", "người", "quantity", {"planned": 900}),
        (
            "TN",
            "Tỷ lệ thất nghiệp khu vực thành thị",
            "%",
            "rate_ceiling",
            {"planned": "2.5", "strict": True},
        ),
        ("QDT", "Tỷ lệ lao động qua đào tạo", "%", "rate_floor", {"planned": 67}),
        (
            "VB",
            "Tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ",
            "%",
            "range",
            {"planned_low": 33, "planned_high": 35},
        ),
        ("DT", "Tổ chức đoàn thể ở cơ sở đạt vững mạnh", "%", "maintain", {}),
        ("DVT", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", "rate_floor", {"planned": 90}),
        ("DVXS", "Đảng viên hoàn thành xuất sắc nhiệm vụ", "%", "rate_floor", {"planned": 20}),
        (
            "CBCC",
            "Cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ trở lên",
            "%",
            "rate_floor",
            {"planned": 80},
        ),
        ("KN", "Kết nạp đảng viên mới", "người", "quantity", {"planned": 3}),
        ("DVK", "Mô hình «Dân vận khéo»", "mô hình", "count", {"planned": 7}),
    ]:
        L.target(f"K-2020-{code}", "SLDTBXH-K", title, "2020", shape, unit, document=programme, **dict(plan))  # type: ignore[call-overload]


def _load_users(loader: Loader) -> int:
    created = 0
    for username, kind, org_code, _label in LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            if kind == "admin":
                user = User.objects.create_superuser(username=username, password=DEMO_PASSWORD, email="")
            else:
                user = User.objects.create_user(username=username, password=DEMO_PASSWORD)
            created += 1
        if org_code is not None:
            org.role_grant(user=user, organisation=loader.orgs[org_code], kind=str(kind), acting_user=None)
    return created


# Seed 000: the 21st (extended) meeting of the department's committee on 4/7/2024, and the report it
# discussed. The written sections paraphrase the article; the figures come from the data.
HCM_MEETING_ATTENDEES = [
    ("Trần Kim Yến", "Ủy viên Ban Thường vụ Thành ủy, Chủ nhiệm Ủy ban Kiểm tra Thành ủy", True),
    ("Lê Văn Thinh", "Bí thư Đảng ủy, Giám đốc Sở", False),
    ("Võ Sĩ", "Phó Bí thư Đảng ủy Sở", False),
    ("Huỳnh Lê Như Trang", "Ủy viên Ban Thường vụ Đảng ủy, Phó Giám đốc Sở", False),
    ("Lượng Thị Tới", "Ủy viên Ban Thường vụ Đảng ủy, Phó Giám đốc Sở", False),
]
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


def _load_hcm_meeting(loader: Loader) -> None:
    from reports import services as rep
    from reports.models import Meeting, Report

    dept = loader.orgs["SLDTBXH-HCM"]
    if Meeting.objects.filter(organisation=dept, number=21).exists():
        return
    report = rep.report_create(
        organisation=dept,
        kind="semi_annual",
        period="2024-H1",
        cut_off=date(2024, 6, 30),
        acting_user=None,
        signer_name="Lê Văn Thinh",
        recipients="- Ban Thường vụ Thành ủy (để báo cáo),\n- Văn phòng Thành ủy,\n"
        "- Các đồng chí Ủy viên Ban Chấp hành Đảng bộ Sở,\n- Các cấp ủy trực thuộc,\n- Lưu Văn phòng Đảng ủy.",
        **HCM_REPORT_TEXT,
    )
    rep.meeting_create(
        organisation=dept,
        held_on=date(2024, 7, 4),
        term=dept.terms.filter(start_year=2020).first(),
        number=21,
        extended=True,
        place="Hội trường Sở Lao động - Thương binh và Xã hội",
        chair="Lê Văn Thinh",
        agenda="Đánh giá công tác xây dựng Đảng, xây dựng chính quyền, công tác dân vận 6 tháng đầu năm; "
        "triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2024.",
        conclusions="Bổ sung, hoàn chỉnh báo cáo và Nghị quyết, đặc biệt là nhiệm vụ trọng tâm những tháng "
        "cuối năm 2024.",
        attendees=[rep.AttendeeData(n, t, i) for n, t, i in HCM_MEETING_ATTENDEES],
        reports=[report],
        acting_user=None,
    )
    rep.report_issue(
        report=Report.objects.get(pk=report.pk), number="15-BC/ĐU", dated=date(2024, 7, 5), acting_user=None
    )


@transaction.atomic
def load_demo(*, stdout: TextIO | None = None) -> DemoSummary:
    loader = Loader(stdout)
    _load_hcm(loader)
    _load_nam_dinh(loader)
    _load_khmer_province(loader)
    _load_hcm_meeting(loader)
    _load_users(loader)
    return DemoSummary(
        organisations=Organisation.objects.count(),
        members=Member.objects.count(),
        documents=Document.objects.count(),
        targets=Target.objects.count(),
        readings=Reading.objects.count(),
        tasks=Task.objects.count(),
        users=User.objects.count(),
    )
