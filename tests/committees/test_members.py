"""Members: validation, the filters, the search that ignores diacritics and case (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from committees import selectors, services
from committees.filters import MemberFilterSet
from committees.models import AuditEntry, BodyKind, Member, Position
from tests.committees.conftest import add_member
from tests.conftest import Tree, make_user


def _names(tree: Tree, user, **params: str) -> list[str]:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/", params)
    request.user = user
    filterset = MemberFilterSet(request.GET, queryset=selectors.members_for_user(user), request=request)
    assert filterset.is_valid(), filterset.errors
    return sorted(m.full_name for m in filterset.qs)


@pytest.fixture
def people(tree: Tree):  # type: ignore[no-untyped-def]
    add_member(tree.cell, "Nguyễn Văn An", admitted_on=date(2015, 1, 5), official_on=date(2016, 1, 5))
    add_member(tree.cell, "Nguyễn Thị Bích", gender="female", religion="Phật giáo")
    add_member(tree.cell2, "Trần Văn Đức", ethnicity="Khmer")
    add_member(tree.cell2, "Lê Thị Hoa", gender="female", admitted_on=date(2024, 3, 1), status="probationary")
    add_member(tree.grassroots, "NGUYỄN VĂN CƯỜNG")
    add_member(tree.sibling_cell, "Nguyễn Văn Ngoài")
    return make_user("alice", tree.dept, "staff")


def test_search_ignores_diacritics_and_case(tree: Tree, people) -> None:  # type: ignore[no-untyped-def]
    assert _names(tree, people, q="nguyen van") == ["NGUYỄN VĂN CƯỜNG", "Nguyễn Văn An"]
    assert _names(tree, people, q="NGUYỄN văn") == ["NGUYỄN VĂN CƯỜNG", "Nguyễn Văn An"]
    assert _names(tree, people, q="duc") == ["Trần Văn Đức"]
    assert _names(tree, people, q="Đức") == ["Trần Văn Đức"]
    assert _names(tree, people, q="cuong") == ["NGUYỄN VĂN CƯỜNG"]
    assert _names(tree, people, q="nguyen bich") == ["Nguyễn Thị Bích"]  # words in any order, not a phrase
    assert _names(tree, people, q="ngoai") == []  # outside alice's scope


def test_search_matches_a_name_typed_with_combining_marks(tree: Tree, people) -> None:  # type: ignore[no-untyped-def]
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Phạm Thị Thu")
    member = add_member(tree.cell, decomposed)
    assert member.full_name == "Phạm Thị Thu"  # stored NFC
    assert _names(tree, people, q="pham thi") == ["Phạm Thị Thu"]
    assert _names(tree, people, q=unicodedata.normalize("NFD", "Phạm")) == ["Phạm Thị Thu"]


def test_search_reads_the_folded_column_on_every_database(tree: Tree, people) -> None:  # type: ignore[no-untyped-def]
    # unaccent() on each row was 4-5 times slower on PostgreSQL at province scale (bench/province.py).
    request = RequestFactory().get("/", {"q": "Nguyễn"})
    request.user = people
    sql = str(MemberFilterSet(request.GET, queryset=Member.objects.all(), request=request).qs.query).upper()
    assert "FULL_NAME_FOLDED" in sql and "UNACCENT" not in sql
    assert "%NGUYEN%" in sql


def test_filters(tree: Tree, people) -> None:  # type: ignore[no-untyped-def]
    assert _names(tree, people, organisation=str(tree.grassroots.pk)) == [
        "Lê Thị Hoa",
        "NGUYỄN VĂN CƯỜNG",
        "Trần Văn Đức",
    ]
    assert _names(tree, people, organisation=str(tree.cell.pk)) == ["Nguyễn Thị Bích", "Nguyễn Văn An"]
    assert _names(tree, people, gender="female") == ["Lê Thị Hoa", "Nguyễn Thị Bích"]
    assert _names(tree, people, ethnicity="Khmer") == ["Trần Văn Đức"]
    assert _names(tree, people, status="probationary") == ["Lê Thị Hoa"]
    assert _names(tree, people, admitted_year="2015") == ["Nguyễn Văn An"]
    assert _names(tree, people, gender="female", organisation=str(tree.cell2.pk)) == ["Lê Thị Hoa"]


def test_position_filter_lists_current_seat_holders_once(tree: Tree, people) -> None:  # type: ignore[no-untyped-def]
    an = Member.objects.get(full_name="Nguyễn Văn An")
    hoa = Member.objects.get(full_name="Lê Thị Hoa")
    old = services.term_create(organisation=tree.dept, start_year=2020, end_year=2025, acting_user=None)
    new = services.term_create(organisation=tree.dept, start_year=2025, end_year=2030, acting_user=None)
    for term in (old, new):
        services.seat_create(
            term=term, body=BodyKind.BCH, position=Position.BI_THU, member=an, acting_user=None
        )
    ended = services.seat_create(
        term=old, body=BodyKind.BTV, position=Position.UY_VIEN_BTV, member=hoa, acting_user=None
    )
    services.seat_update(seat=ended, end_date=date(2025, 6, 30), acting_user=None)
    assert _names(tree, people, position="bi_thu") == ["Nguyễn Văn An"]
    assert _names(tree, people, position="uy_vien_btv") == []


def test_organisation_outside_scope_is_not_a_choice(tree: Tree, people) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/", {"organisation": str(tree.sibling.pk)})
    request.user = people
    filterset = MemberFilterSet(request.GET, queryset=selectors.members_for_user(people), request=request)
    assert "organisation" in filterset.errors


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"official_on": date(2010, 12, 1)}, "official_on", "ít nhất 12 tháng"),
        ({"official_on": date(2009, 1, 1)}, "official_on", "ít nhất 12 tháng"),
        (
            {"status": "probationary", "official_on": date(2011, 3, 2)},
            "official_on",
            "dự bị chưa có ngày chính thức",
        ),
        ({"birth_date": date(1995, 1, 1)}, "admitted_on", "đủ 18 tuổi"),
        ({"ethnicity": "Klingon"}, "ethnicity", "54 dân tộc"),
        ({"birth_date": date(2999, 1, 1)}, "birth_date", "sau ngày hôm nay"),
    ],
)
def test_member_validation_messages_in_vietnamese(tree: Tree, fields, field, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        add_member(tree.cell, "Nguyễn Văn Sai", **fields)
    assert message in " ".join(caught.value.message_dict[field])


def test_member_create_and_update_write_audit_rows(tree: Tree) -> None:
    member = add_member(tree.cell, "  Nguyễn   Văn  Mới ")
    assert member.full_name == "Nguyễn Văn Mới" and member.full_name_folded == "nguyen van moi"
    services.member_update(
        member=member, organisation=tree.cell2, full_name="Nguyễn Văn Mới Đổi", acting_user=None
    )
    entry = AuditEntry.objects.filter(action="member.update").latest("id")
    assert entry.before is not None and entry.after is not None
    assert entry.before["organisation"] == tree.cell.pk and entry.after["organisation"] == tree.cell2.pk
    assert entry.after["full_name_folded"] == "nguyen van moi doi"
    with pytest.raises(TypeError):
        services.member_update(member=member, full_name_folded="x", acting_user=None)
