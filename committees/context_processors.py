from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

# The sections of the main navigation, in their order on the bar.
OVERVIEW, ORGANISATIONS, TARGETS, DOCUMENTS, REPORTS, ADMIN = (
    "overview",
    "organisations",
    "targets",
    "documents",
    "reports",
    "admin",
)

# Which section a page belongs to, by its URL name: first the name itself, then its namespace. Named by
# what the page is about, not by where its URL happens to live: the dashboard is the overview, the
# half-year reporting cycle (under /chi-tieu/bao-cao-ky/) is reporting, the targets a document set belong
# to the document. The user's own pages (notices, API key) belong to no section. tests/test_navigation.py
# fails for a URL name that neither table places.
SECTION_BY_NAME: dict[str, str | None] = {
    "home": OVERVIEW,
    "dashboard": OVERVIEW,
    "committees:notice_list": None,
    "committees:api_token": None,
    "targets:cycle_current": REPORTS,
    "targets:cycle_panel": REPORTS,
    "targets:cycle_detail": REPORTS,
    "targets:narrative_edit": REPORTS,
    "targets:cycle_transition": REPORTS,
    "targets:document_targets": DOCUMENTS,
}
SECTION_BY_NAMESPACE: dict[str, str] = {
    "committees": ORGANISATIONS,
    "targets": TARGETS,
    "resolutions": DOCUMENTS,
    "reports": REPORTS,
    "admin": ADMIN,
}
# The history page of an object belongs to the section of the object's app ("targets.target" → targets).
SECTION_BY_APP_LABEL: dict[str, str] = {
    "committees": ORGANISATIONS,
    "targets": TARGETS,
    "resolutions": DOCUMENTS,
    "reports": REPORTS,
}


def section_of(request: HttpRequest) -> str | None:
    """The navigation section of the page `request` asks for, or None (login, the user's own pages)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    name = match.view_name
    if name == "committees:object_history":
        return SECTION_BY_APP_LABEL.get(str(match.kwargs.get("label", "")).split(".")[0], ORGANISATIONS)
    if name in SECTION_BY_NAME:
        return SECTION_BY_NAME[name]
    namespace = match.namespaces[0] if match.namespaces else ""
    return SECTION_BY_NAMESPACE.get(namespace)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The areas of the product, with the one the current page belongs to marked."""
    if not request.user.is_authenticated:
        return {}
    items = [
        (OVERVIEW, _("Tổng quan"), reverse("home")),
        (ORGANISATIONS, _("Tổ chức"), reverse("committees:organisation_list")),
        (TARGETS, _("Chỉ tiêu"), reverse("targets:target_list")),
        (DOCUMENTS, _("Văn bản"), reverse("resolutions:document_list")),
        (REPORTS, _("Báo cáo"), reverse("reports:report_list")),
    ]
    if request.user.is_superuser:
        items.append((ADMIN, _("Quản trị"), reverse("admin:index")))
    current = section_of(request)
    nav = [
        {"section": section, "label": label, "url": url, "active": section == current}
        for section, label, url in items
    ]
    return {"nav_items": nav}
