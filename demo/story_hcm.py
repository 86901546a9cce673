"""Seed 000's part that the workbook does not carry: the quality ratings of 2023 and the report 15-BC/ĐU
that the 21st BCH meeting discussed. The organisations, members, documents, targets, readings, tasks, the
department's term, its committee seats and the meeting itself are data (demo/data/hcm/)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from committees.models import BodyKind, BodyMembership, Position, RatingLevel
from demo.loader import STORY_YEAR, Loader
from reports import services as rep
from reports.models import Meeting, Report

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
    # Quality ratings of 2023: the department's by Thông báo 1675-TB/TU; those below it invented.
    L.rating("SLDTBXH-HCM", 2023, RatingLevel.EXCELLENT)
    for i, code in enumerate(HCM_GRASSROOTS):
        L.rating(code, 2023, RatingLevel.EXCELLENT if i % 4 == 0 else RatingLevel.GOOD)
    for i in range(1, HCM_CELL_COUNT + 1):
        L.rating(f"CBCS-{i:02d}", 2023, RatingLevel.DONE if i == 9 else RatingLevel.GOOD)
    _load_hcm_report(L)


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


def _load_hcm_report(loader: Loader) -> None:
    """The report 15-BC/ĐU (5/7/2024) of the first half-year, discussed at the 21st extended BCH meeting
    (4/7/2024) of the data files and signed by the secretary whose seat the data files give."""
    dept = loader.orgs["SLDTBXH-HCM"]
    period = loader.text("2024-H1")
    if Report.objects.filter(organisation=dept, kind="semi_annual", period=period).exists():
        return
    meeting = Meeting.objects.get(organisation=dept, number=21, held_on=loader.day(date(2024, 7, 4)))
    secretary = (
        BodyMembership.objects.filter(
            term=meeting.term, body=BodyKind.BTV, position=Position.BI_THU, end_date__isnull=True
        )
        .select_related("member")
        .order_by("id")
        .first()
    )
    report = rep.report_create(
        organisation=dept,
        kind="semi_annual",
        period=period,
        cut_off=loader.day(date(2024, 6, 30)),
        acting_user=loader.user,
        signer_name=secretary.display_name if secretary else "",
        recipients="- Ban Thường vụ Thành ủy (để báo cáo),\n- Văn phòng Thành ủy,\n"
        "- Các đồng chí Ủy viên Ban Chấp hành Đảng bộ Sở,\n- Các cấp ủy trực thuộc,\n- Lưu Văn phòng Đảng ủy.",
        meetings=[meeting],
        **{part: loader.text(words) for part, words in HCM_REPORT_TEXT.items()},
    )
    rep.report_issue(
        report=Report.objects.get(pk=report.pk),
        number="15-BC/ĐU",
        dated=loader.day(date(2024, 7, 5)),
        acting_user=loader.user,
    )
