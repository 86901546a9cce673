from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The areas of the product (settings.NAVIGATION, which config, on top of every app, names), with the
    current one marked."""
    if not request.user.is_authenticated:
        return {}
    items = [(label, reverse(url_name)) for label, url_name in settings.NAVIGATION]
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
