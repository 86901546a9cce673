"""The tree queries and the statistics of a subtree, on a tree of four levels (city › dept › đảng bộ › chi bộ)."""

from __future__ import annotations

from datetime import date

import pytest

from committees import selectors, services
from committees.models import BodyKind, OrganisationKind, Position
from tests.committees.conftest import add_member, add_members
from tests.conftest import Tree, make_user


def test_ancestors_root_first_and_subtree(tree: Tree, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(1):
        assert selectors.organisation_ancestors(tree.cell2) == [tree.city, tree.dept, tree.grassroots]
    with django_assert_num_queries(0):
        assert selectors.organisation_ancestors(tree.city) == []
    codes = set(selectors.organisation_subtree(tree.dept).values_list("code", flat=True))
    assert codes == {"SLDTBXH", "DB-BOLA", "CB-VP", "CB-BOLA-1"}
    assert tree.cell2.depth == 3 and tree.cell2.path.startswith(tree.grassroots.path)


def test_children_count_members_of_their_whole_subtree(tree: Tree) -> None:
    add_members(tree.cell2, 3)  # under the đảng bộ, two levels below dept
    add_members(tree.grassroots, 1)
    add_members(tree.cell, 2)
    add_member(tree.cell, "Đã chuyển đi", status="transferred_out")
    children = selectors.organisation_children(tree.dept)
    counts = {child.code: child.member_count for child in children}  # type: ignore[attr-defined]
    assert counts == {"DB-BOLA": 4, "CB-VP": 2}


@pytest.fixture
def populated(tree: Tree) -> Tree:
    # dept subtree: 6 active members (3 women, 2 Khmer, 1 Hoa, 2 religious, 2 probationary, 2 admitted in 2024)
    add_member(tree.cell, "Nguyễn Thị Lan", gender="female", religion="Phật giáo")
    add_member(tree.cell, "Thạch Sà Rết", ethnicity="Khmer")
    add_member(
        tree.cell2, "Lâm Thị Sa Ry", gender="female", ethnicity="Khmer", admitted_on=date(2024, 2, 3),
        status="probationary",
    )  # fmt: skip
    add_member(tree.cell2, "Trần Văn Hùng", religion="Công giáo", ethnicity="Hoa")
    add_member(
        tree.grassroots, "Lê Thị Mai", gender="female", admitted_on=date(2024, 6, 1), status="probationary"
    )
    add_member(tree.grassroots, "Phạm Văn Nam")
    # not counted: left the Party organisation, or outside the subtree
    add_member(tree.cell, "Võ Văn Cũ", status="transferred_out", gender="female", ethnicity="Tày")
    add_member(tree.sibling_cell, "Ngoài Cây", gender="female")
    return tree


def test_statistics_of_a_subtree_in_one_query(populated: Tree, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(1):
        stats = selectors.organisation_statistics(populated.dept, year=2024)
    assert (stats.members, stats.women, stats.ethnic_minorities) == (6, 3, 3)
    assert (stats.religious, stats.probationary, stats.admitted_in_year) == (2, 2, 2)
    assert stats.women_pct == 50


def test_statistics_at_each_level(populated: Tree) -> None:
    city = selectors.organisation_statistics(populated.city, year=2024)
    grassroots = selectors.organisation_statistics(populated.grassroots, year=2024)
    cell2 = selectors.organisation_statistics(populated.cell2, year=2023)
    assert (city.members, city.women) == (7, 4)
    assert (grassroots.members, grassroots.women, grassroots.probationary) == (4, 2, 2)
    assert (cell2.members, cell2.ethnic_minorities, cell2.admitted_in_year) == (2, 2, 0)


def test_empty_organisation_has_zero_statistics(tree: Tree) -> None:
    stats = selectors.organisation_statistics(tree.sibling)
    assert stats.members == 0 and stats.women_pct is None


def test_unit_counts_below_an_organisation(tree: Tree) -> None:
    units = selectors.organisation_unit_counts(tree.dept).by_kind
    assert units == {
        OrganisationKind.GRASSROOTS_COMMITTEE: 1,
        OrganisationKind.GRASSROOTS_CELL: 1,
        OrganisationKind.CELL: 1,
    }


def test_cells_with_30_members_are_flagged_for_the_users_scope(tree: Tree) -> None:
    group = services.organisation_create(
        code="TD-1", kind=OrganisationKind.GROUP, parent=tree.cell2, name="Tổ đảng 1", acting_user=None
    )
    add_members(tree.cell2, 28)
    add_members(group, 2)  # a group's members meet in the cell: 30 in all
    add_members(tree.cell, 29)
    add_member(tree.cell, "Chuyển đi", status="transferred_out")  # 29 active only
    add_members(tree.sibling_cell, 31)
    alice = make_user("alice", tree.dept, "staff")
    dave = make_user("dave", tree.sibling, "staff")
    flagged = [(c.code, c.member_count) for c in selectors.cells_to_upgrade(alice)]  # type: ignore[attr-defined]
    assert flagged == [("CB-BOLA-1", 30)]
    assert [c.code for c in selectors.cells_to_upgrade(dave)] == ["CB-SYT-VP"]
    assert list(selectors.cells_to_upgrade(make_user("nobody"))) == []


def test_current_term_covers_this_year_and_the_congress_year_belongs_to_the_new_term(tree: Tree) -> None:
    old = services.term_create(organisation=tree.dept, start_year=2020, end_year=2025, congress_number=8, khoa=3,
                               acting_user=None)  # fmt: skip
    new = services.term_create(organisation=tree.dept, start_year=2025, end_year=2030, congress_number=9, khoa=4,
                               acting_user=None)  # fmt: skip
    assert selectors.current_term(tree.dept, 2022) == old
    assert selectors.current_term(tree.dept, 2025) == new
    assert selectors.current_term(tree.dept, 2040) == new  # none covers: the latest
    assert selectors.current_term(tree.cell) is None


def test_bodies_in_order_with_positions_by_rank(tree: Tree) -> None:
    term = services.term_create(organisation=tree.dept, start_year=2025, end_year=2030, acting_user=None)
    secretary = add_member(tree.cell, "Nguyễn Văn Bí")

    def seat(body: str, position: str, name: str = "", **kw) -> None:  # type: ignore[no-untyped-def]
        services.seat_create(
            term=term, body=body, position=position, person_name=name, acting_user=None, **kw
        )

    seat(BodyKind.UBKT, Position.UY_VIEN_UBKT, "C")
    seat(BodyKind.BCH, Position.UY_VIEN_BCH, "B")
    seat(BodyKind.UBKT, Position.CHU_NHIEM_UBKT, "A")
    seat(BodyKind.BCH, Position.BI_THU, member=secretary)
    seat(BodyKind.BTV, Position.BI_THU, member=secretary)
    seat(BodyKind.BCH, Position.PHO_BI_THU, "Đã thôi", start_date=date(2025, 6, 1))
    ended = term.seats.get(person_name="Đã thôi")
    services.seat_update(seat=ended, end_date=date(2025, 12, 31), acting_user=None)
    bodies = selectors.term_bodies(term)
    assert [b.kind for b in bodies] == ["bch", "btv", "ubkt"]
    assert [s.display_name for s in bodies[0].seats] == ["Nguyễn Văn Bí", "B"]
    assert [s.position for s in bodies[2].seats] == ["chu_nhiem_ubkt", "uy_vien_ubkt"]
