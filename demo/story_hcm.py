"""Seed 000's part that the workbook does not carry: the department's term and committee seats, the quality
ratings of 2023, and the 21st BCH meeting with the report 15-BC/ĐU it discussed. The organisations,
members, documents, targets, readings and tasks are data (demo/data/hcm/)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from committees.models import (
    BodyKind,
    Position,
    RatingLevel,
    Term,
)
from demo.loader import STORY_YEAR, Loader
from reports import meeting_services
from reports import services as rep
from reports.models import Meeting

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
    for i, code in enumerate(HCM_GRASSROOTS):
        L.rating(code, 2023, RatingLevel.EXCELLENT if i % 4 == 0 else RatingLevel.GOOD)
    for i in range(1, HCM_CELL_COUNT + 1):
        L.rating(f"CBCS-{i:02d}", 2023, RatingLevel.DONE if i == 9 else RatingLevel.GOOD)

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
    attendees = [meeting_services.AttendeeData(HCM_MEETING_GUEST[0], HCM_MEETING_GUEST[1], True)] + [
        meeting_services.AttendeeData(seat.display_name, SEAT_TITLES[Position(seat.position)], False)
        for seat in seats
    ]
    if Meeting.objects.filter(organisation=dept, number=21).exists():
        return
    text = loader.text
    report = rep.report_create(
        organisation=dept,
        kind="semi_annual",
        period=text("2024-H1"),
        cut_off=loader.day(date(2024, 6, 30)),
        acting_user=loader.user,
        signer_name=secretary,
        recipients="- Ban Thường vụ Thành ủy (để báo cáo),\n- Văn phòng Thành ủy,\n"
        "- Các đồng chí Ủy viên Ban Chấp hành Đảng bộ Sở,\n- Các cấp ủy trực thuộc,\n- Lưu Văn phòng Đảng ủy.",
        **{part: text(words) for part, words in HCM_REPORT_TEXT.items()},
    )
    meeting_services.meeting_create(
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
        acting_user=loader.user,
    )
    rep.report_issue(
        report=Report.objects.get(pk=report.pk),
        number="15-BC/ĐU",
        dated=loader.day(date(2024, 7, 5)),
        acting_user=loader.user,
    )
