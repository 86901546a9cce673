"""Seed 000 loaded: organisations, members, documents, targets, readings, tasks, the meeting and its report."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from committees.models import (
    BodyKind,
    Position,
    RatingLevel,
    Term,
)
from reports import meeting_services
from reports import services as rep
from reports.demo.common import K
from reports.demo.hcm_targets import (
    HCM_2023,
    HCM_ONGOING_TASKS,
    HCM_PROGRAMME,
    HCM_TARGETS,
    HCM_TASKS,
    HCM_TASKS_DONE,
    HCM_UNIT_TARGETS,
)
from reports.demo.hcm_units import END_2023, HCM_CELLS, HCM_DOCUMENTS, HCM_GRASSROOTS, MID_2023, MID_2024
from reports.demo.loader import STORY_YEAR, Loader
from reports.models import Meeting
from resolutions.models import LinkKind


def load_hcm(L: Loader) -> None:
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
        acting_user=None,
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
        acting_user=None,
    )
    rep.report_issue(
        report=Report.objects.get(pk=report.pk),
        number="15-BC/ĐU",
        dated=loader.day(date(2024, 7, 5)),
        acting_user=None,
    )
