"""People are shown by their full name on every page that names them, by login only when they have none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from core.people import display_name
from targets import cycle_services, services
from targets.cycle import Transition
from targets.periods import parse_period
from tests.conftest import Tree, make_user
from tests.targets.conftest import make_target


def _named(user, first: str, last: str):  # type: ignore[no-untyped-def]
    get_user_model().objects.filter(pk=user.pk).update(first_name=first, last_name=last)
    user.refresh_from_db()
    return user


def test_display_name_prefers_the_full_name(tree: Tree) -> None:
    plain = make_user("an.nv")
    assert display_name(plain) == "an.nv"
    assert display_name(_named(plain, "Nguyễn Văn", "An")) == "Nguyễn Văn An"
    assert display_name(None) == "" and display_name(AnonymousUser()) == ""


def test_readings_and_conflicts_name_who_entered_them(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    _named(alice, "Trần Thị", "Lan")
    target = make_target(tree.dept, "T-NAME", title="Việc làm mới", shape="quantity", planned="100")
    services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(15), acting_user=alice)
    client.force_login(alice)
    detail = client.get(reverse("targets:target_detail", args=[target.pk])).content.decode()
    assert "<td>Trần Thị Lan</td>" in detail and "<td>alice</td>" not in detail
    assert "<span>Trần Thị Lan</span>" in detail  # the header names the person signed in
    conflict = client.post(
        reverse("targets:entry_save", args=[target.pk]),
        {"value": "16", "kind": "official", "cut_off": "30/6/2024", "expected": "0"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "được Trần Thị Lan cập nhật thành" in conflict


def test_the_cycle_page_names_who_submitted(client: Client, tree: Tree, alice, bob) -> None:  # type: ignore[no-untyped-def]
    _named(alice, "Trần Thị", "Lan")
    cycle_services.submission_transition(
        organisation=tree.dept,
        period=parse_period("2024-H1"),
        transition=Transition.SUBMIT,
        acting_user=alice,
    )
    client.force_login(alice)
    page = client.get(reverse("targets:cycle_detail", args=[tree.dept.pk, "2024-H1"])).content.decode()
    assert "— Trần Thị Lan" in page and "— alice" not in page
