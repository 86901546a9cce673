"""Helpers of the committees tests: members and terms made through the services, as the app makes them."""

from __future__ import annotations

from datetime import date
from typing import Any

from committees import services
from committees.models import Member, Organisation


def add_member(organisation: Organisation, full_name: str, **fields: Any) -> Member:
    fields.setdefault("gender", "male")
    fields.setdefault("birth_date", date(1980, 5, 1))
    fields.setdefault("admitted_on", date(2010, 3, 2))
    if fields.get("status") != "probationary":
        fields.setdefault("official_on", date(2011, 3, 2))
    return services.member_create(organisation=organisation, full_name=full_name, acting_user=None, **fields)


def add_members(
    organisation: Organisation, count: int, prefix: str = "Đảng viên", **fields: Any
) -> list[Member]:
    return [add_member(organisation, f"{prefix} {i + 1}", **fields) for i in range(count)]
