"""Shared fixtures: a small Party tree and role users that read like a specification.

- alice: staff (cán bộ) of the department committee: enters readings for it and its cells.
- bob: leader of the department: sees everything below it, changes nothing.
- carol: secretary of the department: prepares reports.
- dave: staff of a sibling department: sees none of the first department.
- erin: admin of the city committee.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from committees import services
from committees.models import Organisation, OrganisationKind, RoleKind


@pytest.fixture(autouse=True)
def _fast_and_plain(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    # Dashboards cache their rollups (targets/outcomes/rollups.py): no test may see another test's figures.
    from django.core.cache import cache

    cache.clear()


@dataclass
class Tree:
    city: Organisation
    dept: Organisation
    grassroots: Organisation
    cell: Organisation
    cell2: Organisation
    sibling: Organisation
    sibling_cell: Organisation


def make_tree() -> Tree:
    city = services.organisation_create(
        code="TU-HCM",
        kind=OrganisationKind.PROVINCIAL,
        name="Đảng bộ Thành phố Hồ Chí Minh",
        committee_name="Thành ủy Thành phố Hồ Chí Minh",
        issuer_code="TU",
        place_name="TP. Hồ Chí Minh",
        acting_user=None,
    )
    dept = services.organisation_create(
        code="SLDTBXH",
        kind=OrganisationKind.UPPER_GRASSROOTS,
        parent=city,
        name="Đảng bộ Sở Lao động - Thương binh và Xã hội",
        committee_name="Đảng ủy Sở Lao động - Thương binh và Xã hội",
        issuer_code="ĐU",
        acting_user=None,
    )
    grassroots = services.organisation_create(
        code="DB-BOLA",
        kind=OrganisationKind.GRASSROOTS_COMMITTEE,
        parent=dept,
        name="Đảng bộ cơ sở Cai nghiện ma túy Bố Lá",
        issuer_code="ĐU",
        acting_user=None,
    )
    cell = services.organisation_create(
        code="CB-VP",
        kind=OrganisationKind.GRASSROOTS_CELL,
        parent=dept,
        name="Chi bộ Văn phòng Sở",
        issuer_code="CB",
        acting_user=None,
    )
    cell2 = services.organisation_create(
        code="CB-BOLA-1",
        kind=OrganisationKind.CELL,
        parent=grassroots,
        name="Chi bộ Khu điều trị 1",
        issuer_code="CB",
        acting_user=None,
    )
    sibling = services.organisation_create(
        code="SYT",
        kind=OrganisationKind.UPPER_GRASSROOTS,
        parent=city,
        name="Đảng bộ Sở Y tế",
        issuer_code="ĐU",
        acting_user=None,
    )
    sibling_cell = services.organisation_create(
        code="CB-SYT-VP",
        kind=OrganisationKind.GRASSROOTS_CELL,
        parent=sibling,
        name="Chi bộ Văn phòng Sở Y tế",
        issuer_code="CB",
        acting_user=None,
    )
    return Tree(city, dept, grassroots, cell, cell2, sibling, sibling_cell)


@pytest.fixture
def tree(db) -> Tree:  # type: ignore[no-untyped-def]
    return make_tree()


def make_user(username: str, organisation: Organisation | None = None, kind: str | None = None) -> User:
    user = get_user_model().objects.create_user(username=username, password="mật-khẩu-thử")
    if organisation is not None and kind is not None:
        services.role_grant(user=user, organisation=organisation, kind=kind, acting_user=None)
    return user


@pytest.fixture
def alice(tree: Tree) -> User:
    return make_user("alice", tree.dept, RoleKind.STAFF)


@pytest.fixture
def bob(tree: Tree) -> User:
    return make_user("bob", tree.dept, RoleKind.LEADER)


@pytest.fixture
def carol(tree: Tree) -> User:
    return make_user("carol", tree.dept, RoleKind.SECRETARY)


@pytest.fixture
def dave(tree: Tree) -> User:
    return make_user("dave", tree.sibling, RoleKind.STAFF)


@pytest.fixture
def erin(tree: Tree) -> User:
    return make_user("erin", tree.city, RoleKind.ADMIN)
