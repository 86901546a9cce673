"""The role module: a role holds for its organisation and everything below it, never sideways."""

from __future__ import annotations

import pytest
from django.http import Http404

from committees import access
from committees.access import Action
from committees.models import Organisation
from tests.conftest import Tree, make_user


def test_staff_of_department_sees_its_cells_not_a_sibling(tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    visible = set(access.organisations(alice).values_list("code", flat=True))
    assert visible == {"SLDTBXH", "DB-BOLA", "CB-VP", "CB-BOLA-1"}
    assert access.can(alice, Action.ENTER, tree.cell2)
    assert not access.can(alice, Action.VIEW, tree.sibling)
    assert not access.can(alice, Action.VIEW, tree.sibling_cell)
    assert not access.can(alice, Action.VIEW, tree.city)


def test_leader_sees_but_cannot_enter(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    assert access.can(bob, Action.VIEW, tree.cell)
    assert not access.can(bob, Action.ENTER, tree.cell)
    assert not access.can(bob, Action.REPORT, tree.dept)


def test_secretary_reports_but_does_not_enter(tree: Tree, carol) -> None:  # type: ignore[no-untyped-def]
    assert access.can(carol, Action.REPORT, tree.dept)
    assert not access.can(carol, Action.ENTER, tree.dept)


def test_admin_of_city_does_everything_below(tree: Tree, erin) -> None:  # type: ignore[no-untyped-def]
    for organisation in (tree.city, tree.dept, tree.sibling_cell):
        for action in Action:
            assert access.can(erin, action, organisation)


def test_can_read_is_the_scope_and_what_lies_above_it(tree: Tree, alice, dave) -> None:  # type: ignore[no-untyped-def]
    """The object-level twin of with_ancestors_q: the city above is read, a sibling beside is not."""
    assert {o.code for o in Organisation.objects.all() if access.can_read(alice, o)} == {
        "TU-HCM", "SLDTBXH", "DB-BOLA", "CB-VP", "CB-BOLA-1"
    }  # fmt: skip
    assert {o.code for o in Organisation.objects.all() if access.can_read(dave, o)} == {
        "TU-HCM", "SYT", "CB-SYT-VP"
    }  # fmt: skip
    assert not access.can_read(make_user("nobody"), tree.city)


def test_get_or_404_hides_other_organisations(tree: Tree, dave) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Http404):
        access.get_or_404(Organisation.objects.all(), dave, field="", pk=tree.dept.pk)
    assert (
        access.get_or_404(Organisation.objects.all(), dave, field="", pk=tree.sibling_cell.pk)
        == tree.sibling_cell
    )


def test_user_without_role_sees_nothing(tree: Tree) -> None:
    nobody = make_user("nobody")
    assert not access.organisations(nobody).exists()
    assert access.home_organisation(nobody) is None


def test_nested_roles_collapse_to_the_outer_scope(tree: Tree) -> None:
    user = make_user("frank", tree.dept, "staff")
    from committees import services

    services.role_grant(user=user, organisation=tree.cell, kind="staff", acting_user=None)
    assert access.scope_paths(user, Action.ENTER) == [tree.dept.path]
    assert access.home_organisation(user) == tree.dept


def test_merged_organisation_roles_no_longer_apply(tree: Tree) -> None:
    import datetime

    from committees import services

    user = make_user("gina", tree.sibling, "leader")
    services.organisation_merge(
        organisation=tree.sibling, into=tree.dept, on=datetime.date(2025, 7, 1), acting_user=None
    )
    access.forget(user)
    assert not access.organisations(user).exists()


def test_role_grant_writes_audit_row(tree: Tree) -> None:
    from committees.models import AuditEntry

    make_user("hana", tree.dept, "leader")
    entry = AuditEntry.objects.filter(action="role.grant").latest("id")
    assert entry.organisation == tree.dept
    assert entry.after is not None and entry.after["kind"] == "leader"
