"""Logins of the demo and the invented names of the people behind them (the workbook carries no logins)."""

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
