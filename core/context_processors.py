from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def section_of(request: HttpRequest) -> str | None:
    """The navigation section of the page `request` asks for, or None (login, the user's own pages).

    By the page's URL name, then its namespace (settings.NAVIGATION_SECTIONS): named by what the page is
    about, not by where its URL lives. A history page belongs to the section of its object's app."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    sections: dict[str, str | None] = settings.NAVIGATION_SECTIONS
    name = match.view_name
    if name == "committees:object_history":
        app_label = str(match.kwargs.get("label", "")).split(".")[0]
        return sections.get(app_label) or sections.get("committees")
    if name in sections:
        return sections[name]
    namespace = match.namespaces[0] if match.namespaces else ""
    return sections.get(namespace)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The areas of the product (settings.NAVIGATION, which config, on top of every app, names), with the
    one the current page belongs to marked."""
    if not request.user.is_authenticated:
        return {}
    items = [(section, label, reverse(url_name)) for section, label, url_name in settings.NAVIGATION]
    if request.user.is_superuser:
        items.append(("admin", settings.NAVIGATION_ADMIN_LABEL, reverse("admin:index")))
    current = section_of(request)
    nav = [
        {"section": section, "label": label, "url": url, "active": section == current}
        for section, label, url in items
    ]
    return {"nav_items": nav}
