"""Seed 000 (Đảng ủy Sở LĐ-TB&XH TP.HCM, mid-2024): its units and its documents."""

from __future__ import annotations

from datetime import date

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
