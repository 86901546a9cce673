"""Logins of the demo and the invented names of its people (parts combined with a fixed seed)."""

from __future__ import annotations

from committees.models import (
    RoleKind,
)

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

# The person behind each login, as pages show people (core.people.display_name): family and middle
# names in `first_name`, the given name in `last_name`, so Django's get_full_name() reads in Vietnamese
# order ("Nguyễn Thị Thu Trang"). Invented, like every name of the demo.
LOGIN_NAMES: dict[str, tuple[str, str]] = {
    "admin": ("Đỗ Minh", "Tuấn"),
    "canbo": ("Nguyễn Thị Thu", "Trang"),
    "lanhdao": ("Trần Quốc", "Bảo"),
    "thuky": ("Lê Văn", "Hùng"),
    "canbo.syt": ("Phạm Thị Hồng", "Nhung"),
    "lanhdao.nd": ("Vũ Đức", "Thành"),
    "lanhdao.k": ("Thạch Thị", "Sa Rum"),
    "kiemtra": ("Hoàng Văn", "Khải"),
}

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
