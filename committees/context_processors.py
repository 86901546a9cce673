from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The four areas of the product, with the current one marked."""
    if not request.user.is_authenticated:
        return {}
    items = [
        (_("Tổng quan"), reverse("home")),
        (_("Tổ chức"), reverse("committees:organisation_list")),
        (_("Chỉ tiêu"), reverse("targets:target_list")),
        (_("Văn bản"), reverse("resolutions:document_list")),
        (_("Kiểm tra, giám sát"), reverse("inspections:inspection_list")),
        (_("Báo cáo"), reverse("reports:report_list")),
    ]
    path = request.path
    nav = [
        {"label": label, "url": url, "active": path == url if url == "/" else path.startswith(url)}
        for label, url in items
    ]
    if request.user.is_superuser:
        nav.append(
            {"label": _("Quản trị"), "url": reverse("admin:index"), "active": path.startswith("/quan-tri/")}
        )
    return {"nav_items": nav}
