"""The dashboard narrowed by words of the title (issue 24): its numbers, kept in the cache per child and per
grandchild subtree, are those computed from the readings of every matching target, before and after writes
at each level, and its first view after a write reads only the grandchild subtree written in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

from django.db.models import Q
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import Organisation, OrganisationKind, RoleKind
from targets import dashboard, services
from targets.outcomes import rollups, steps
from targets.periods import parse_period
from tests.conftest import Tree, make_user
from tests.targets.conftest import make_target
from tests.targets.test_steps import _random_province, expected

PERIOD = parse_period("2024")
CUT_OFF = date(2024, 12, 31)
# "Chỉ tiêu R1", "Chỉ tiêu R10" … "R19", and the targets added below: a part of the targets, at every level.
WORDS = Q(title_folded__contains="r1")


def _numbers(organisation: Organisation) -> dict[str, Any]:
    return dashboard.numbers(organisation, PERIOD, CUT_OFF, WORDS, 6)


def _uncached(organisation: Organisation) -> dict[str, Any]:
    """The same numbers as computed before the cache units: the steps of every matching target, now."""
    numbers = _numbers(organisation)
    points = [
        (PERIOD, CUT_OFF),
        (parse_period("2023"), date(2023, 12, 31)),
        (parse_period("2023"), date(2023, 12, 31)),
    ]
    points += [(parse_period(p["cut_off"][:4]), date.fromisoformat(p["cut_off"])) for p in numbers["trend"]]
    at_points = rollups.rollups_at(organisation, points, filters=WORDS)
    return {
        "headline": at_points[0],
        "last_year": at_points[1],
        "previous_period": at_points[2],
        "trend": [(r.met, r.total) for r in at_points[3:]],
        "children": rollups.children_rollups(organisation, PERIOD, CUT_OFF, filters=WORDS),
    }


def _assert_same(organisation: Organisation) -> None:
    ours, theirs = _numbers(organisation), _uncached(organisation)
    assert ours["headline"] == theirs["headline"] == expected(organisation, PERIOD, CUT_OFF, WORDS)
    assert ours["last_year"] == theirs["last_year"]
    assert ours["previous_period"] == theirs["previous_period"]
    assert [(p["met"], p["total"]) for p in ours["trend"]] == theirs["trend"]
    assert ours["children"] == theirs["children"]


def test_title_narrowed_numbers_equal_those_from_every_reading(tree: Tree, monkeypatch: Any) -> None:
    _random_province(tree, 4)
    # A second grandchild of the city under the department: left cached by a write in the first.
    other = org_services.organisation_create(
        code="CB-KHAC", kind=OrganisationKind.GRASSROOTS_CELL, parent=tree.dept, name="Chi bộ khác",
        acting_user=None,
    )  # fmt: skip
    for organisation in (tree.city, tree.dept, tree.grassroots, tree.sibling_cell, other):
        target = make_target(organisation, f"R1-{organisation.pk}", shape="quantity", planned="10")
        services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(7), acting_user=None)
    read: list[set[int]] = []
    steps_of = steps.steps_of

    def spy(targets: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        read.append(set(targets.values_list("organisation_id", flat=True)))
        return steps_of(targets, **kwargs)

    monkeypatch.setattr(steps, "steps_of", spy)
    for organisation in (tree.city, tree.dept, tree.grassroots):
        _assert_same(organisation)
    # A reading in a grandchild subtree of the city: that subtree and the own targets above it are read
    # again, not the rest of the child.
    target = make_target(tree.cell, "R1-MOI", shape="quantity", planned="10")
    read.clear()
    services.reading_record(target=target, cut_off=date(2024, 5, 31), value=D(4), acting_user=None)
    assert _numbers(tree.city)["headline"] == expected(tree.city, PERIOD, CUT_OFF, WORDS)
    assert read[0] <= {tree.city.pk, tree.dept.pk, tree.grassroots.pk, tree.cell.pk, tree.cell2.pk}
    assert tree.cell.pk in read[0] and tree.sibling_cell.pk not in read[0] and other.pk not in read[0]
    _assert_same(tree.city)
    # A target of a child's own, then of the organisation's own: each seen at once.
    make_target(tree.sibling, "R1-CON", shape="count", planned="5")
    _assert_same(tree.city)
    own = make_target(tree.city, "R1-TINH", shape="count", planned="5")
    services.reading_record(target=own, cut_off=date(2024, 6, 30), value=D(5), acting_user=None)
    for organisation in (tree.city, tree.dept, tree.grassroots):
        _assert_same(organisation)


def test_title_narrowed_page_query_count(client: Client, tree: Tree, django_assert_num_queries: Any) -> None:
    _random_province(tree, 5)
    target = make_target(tree.sibling_cell, "R1-MOI", shape="quantity", planned="10")
    client.force_login(make_user("lanh-dao", tree.city, RoleKind.LEADER))
    url = reverse("dashboard", args=[tree.city.pk]) + "?period=2024&cut_off=31/12/2024&q=r1"
    # Nothing cached: session, user, roles, organisation, years, documents, the children, their children,
    # the steps of every matching target, own targets, last year's targets, children list.
    with django_assert_num_queries(12):
        client.get(url)
    board = client.get(url).context["board"]
    assert board.headline == expected(tree.city, PERIOD, CUT_OFF, WORDS)
    services.reading_record(target=target, cut_off=date(2024, 5, 31), value=D(4), acting_user=None)
    # After a reading in a grandchild subtree: the years and documents cached, the organisations of that
    # subtree read, then the steps of its matching targets and of the own targets above it.
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.context["board"].headline == expected(tree.city, PERIOD, CUT_OFF, WORDS)


def test_title_narrowed_api_rollup_is_the_page_s(client: Client, tree: Tree) -> None:
    """The API's rollup narrowed by words of the title gives the page's numbers (one rule:
    rollups.subtree_rollups), before and after a write in a grandchild subtree."""
    _random_province(tree, 6)
    target = make_target(tree.sibling_cell, "R1-MOI", shape="quantity", planned="10")
    client.force_login(make_user("lanh-dao", tree.city, RoleKind.LEADER))
    query = {"period": "2024", "cut_off": "31/12/2024", "q": "r1"}
    for month in (5, 7):
        board = client.get(reverse("dashboard", args=[tree.city.pk]), query).context["board"]
        api = client.get(
            reverse("api:organisation-rollup", args=[tree.city.pk]), {**query, "cut_off": "2024-12-31"}
        ).json()
        fields = ("total", "met", "exceeded", "not_met", "behind", "on_track", "no_data")
        assert [api["headline"][f] for f in fields] == [getattr(board.headline, f) for f in fields]
        children = {c["id"]: [c["rollup"][f] for f in fields] for c in api["children"]}
        assert children == {r.organisation.pk: [getattr(r.rollup, f) for f in fields] for r in board.children}
        assert board.headline == expected(tree.city, PERIOD, CUT_OFF, WORDS)
        services.reading_record(target=target, cut_off=date(2024, month, 31), value=D(4), acting_user=None)
