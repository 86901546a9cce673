"""Seeds 001 (Nam Định, term review 2015-2020) and 003 (the 2020 article)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from committees.models import (
    BodyKind,
    Position,
    RatingLevel,
)
from reports.demo.common import K
from reports.demo.loader import STORY_YEAR_2020, Loader

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


def load_nam_dinh(L: Loader) -> None:
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


def load_seed_003(L: Loader) -> None:
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
