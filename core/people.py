"""How a person is named on pages and in messages: one rule for every app."""

from __future__ import annotations

from typing import Any


def display_name(user: Any) -> str:
    """The full name, else the login name ("" for no one). People know each other by name, not login."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()
