"""The pages of committees/: who may see what (404, never 403), the forms, and pinned query counts.

The permission matrix: alice is staff of the department, bob its leader, dave staff of a sibling
department, erin admin of the city; anonymous users are sent to the login page.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from committees import services
from committees.models import AuditEntry, BodyKind, Member, Position, QualityRating
from tests.committees.conftest import add_member, add_members
from tests.conftest import Tree


@pytest.fixture
def member(tree: Tree) -> Member:
    return add_member(tree.cell, "Nguyễn Văn An")


def _get(client: Client, user, url: str) -> int:  # type: ignore[no-untyped-def]
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


PAGES = {
    # page: (alice, bob, dave, erin)
    "organisation_detail": (200, 200, 404, 200),
    "organisation_ratings": (200, 200, 404, 200),
    "member_list_of_dept": (200, 200, 404, 200),
    "member_detail": (200, 200, 404, 200),
    "member_update": (200, 404, 404, 200),
    "member_create": (200, 404, 200, 200),
    "organisation_list": (200, 200, 200, 200),
    "member_list": (200, 200, 200, 200),
    "cells_to_upgrade": (200, 200, 200, 200),
}


def _url(name: str, tree: Tree, member: Member) -> str:
    return {
        "organisation_detail": reverse("committees:organisation_detail", args=[tree.cell.pk]),
        "organisation_ratings": reverse("committees:organisation_ratings", args=[tree.dept.pk]),
        "member_list_of_dept": reverse("committees:member_list") + f"?organisation={tree.dept.pk}",
        "member_detail": reverse("committees:member_detail", args=[member.pk]),
        "member_update": reverse("committees:member_update", args=[member.pk]),
        "member_create": reverse("committees:member_create"),
        "organisation_list": reverse("committees:organisation_list"),
        "member_list": reverse("committees:member_list"),
        "cells_to_upgrade": reverse("committees:cells_to_upgrade"),
    }[name]


@pytest.mark.parametrize("page", list(PAGES))
def test_permission_matrix(
    client: Client, tree: Tree, member: Member, alice, bob, dave, erin, page: str
) -> None:  # type: ignore[no-untyped-def]
    url = _url(page, tree, member)
    got = tuple(_get(client, user, url) for user in (alice, bob, dave, erin))
    assert got == PAGES[page]
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_lists_show_only_the_users_scope(client: Client, tree: Tree, member: Member, dave) -> None:  # type: ignore[no-untyped-def]
    add_member(tree.sibling_cell, "Trần Thị Bên Cạnh")
    add_members(tree.cell, 30)
    client.force_login(dave)
    body = client.get(reverse("committees:member_list")).content.decode()
    assert "Trần Thị Bên Cạnh" in body and "Nguyễn Văn An" not in body
    body = client.get(reverse("committees:cells_to_upgrade")).content.decode()
    assert tree.cell.name not in body
    body = client.get(reverse("committees:organisation_list")).content.decode()
    assert tree.dept.name not in body


def test_posts_outside_scope_are_404(client: Client, tree: Tree, member: Member, bob, dave) -> None:  # type: ignore[no-untyped-def]
    data = {
        "full_name": "X",
        "gender": "male",
        "ethnicity": "Kinh",
        "organisation": tree.cell.pk,
        "status": "official",
    }
    client.force_login(bob)
    assert client.post(reverse("committees:member_update", args=[member.pk]), data).status_code == 404
    assert client.post(reverse("committees:member_create"), data).status_code == 404
    ratings_url = reverse("committees:organisation_ratings", args=[tree.dept.pk])
    assert (
        client.post(ratings_url, {"organisation": tree.cell.pk, "year": 2024, "level": "httnv"}).status_code
        == 404
    )
    client.force_login(dave)
    response = client.post(reverse("committees:member_create"), data)
    assert response.status_code == 200 and "không thuộc phạm vi quản lý" in response.content.decode()
    assert (
        client.post(ratings_url, {"organisation": tree.cell.pk, "year": 2024, "level": "httnv"}).status_code
        == 404
    )
    assert not QualityRating.objects.exists()
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Văn An"


def test_organisation_page_shows_term_bodies_statistics_links_and_ratings(
    client: Client, tree: Tree, alice
) -> None:  # type: ignore[no-untyped-def]
    term = services.term_create(organisation=tree.dept, start_year=2020, end_year=2030, congress_number=8, khoa=3,
                                acting_user=None)  # fmt: skip
    secretary = add_member(tree.cell, "Nguyễn Văn Bí Thư", gender="male")
    services.seat_create(
        term=term, body=BodyKind.BCH, position=Position.BI_THU, member=secretary, acting_user=None
    )
    services.seat_create(term=term, body=BodyKind.UBKT, position=Position.CHU_NHIEM_UBKT, person_name="Lê Văn Kiểm",
                         acting_user=None)  # fmt: skip
    add_members(tree.cell2, 3, gender="female")
    services.rating_record(organisation=tree.cell, year=2024, level="httnv", acting_user=None)
    services.rating_record(organisation=tree.cell2, year=2024, level="htxsnv", acting_user=None)
    client.force_login(alice)
    body = client.get(reverse("committees:organisation_detail", args=[tree.dept.pk])).content.decode()
    assert "Đại hội lần thứ VIII" in body and "khóa III" in body
    assert "Ban Chấp hành" in body and "Nguyễn Văn Bí Thư" in body and "Chủ nhiệm UBKT" in body
    assert f"{reverse('targets:target_list')}?organisation={tree.dept.pk}" in body
    assert f"{reverse('resolutions:document_list')}?organisation={tree.dept.pk}" in body
    assert f"{reverse('reports:report_list')}?organisation={tree.dept.pk}" in body
    assert "100% chi bộ hoàn thành tốt nhiệm vụ trở lên" in body
    assert tree.city.name in body  # breadcrumb
    assert "style=" not in body and "<script>" not in body


def test_a_cell_with_30_members_is_flagged(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    add_members(tree.cell, 30)
    add_members(tree.cell2, 29)
    client.force_login(alice)
    body = client.get(reverse("committees:organisation_detail", args=[tree.cell.pk])).content.decode()
    assert "cần xem xét nâng lên đảng bộ cơ sở" in body
    body = client.get(reverse("committees:organisation_detail", args=[tree.cell2.pk])).content.decode()
    assert "cần xem xét nâng lên đảng bộ cơ sở" not in body
    body = client.get(reverse("committees:organisation_detail", args=[tree.dept.pk])).content.decode()
    assert "cần nâng cấp" in body
    body = client.get(reverse("committees:cells_to_upgrade")).content.decode()
    assert tree.cell.name in body and tree.cell2.name not in body


def test_member_create_through_the_form(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    data = {
        "full_name": "Đặng Thị Mới",
        "gender": "female",
        "birth_date": "2/4/1990",
        "ethnicity": "Tày",
        "religion": "",
        "organisation": tree.cell2.pk,
        "admitted_on": "19/5/2024",
        "official_on": "",
        "status": "probationary",
    }
    response = client.post(reverse("committees:member_create"), data)
    created = Member.objects.get(full_name="Đặng Thị Mới")
    assert response.status_code == 302 and response["Location"] == reverse(
        "committees:member_detail", args=[created.pk]
    )
    assert created.full_name_folded == "dang thi moi" and created.organisation == tree.cell2
    entry = AuditEntry.objects.get(action="member.create", object_id=str(created.pk))
    assert entry.user == alice


def test_member_form_errors_are_vietnamese(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    response = client.post(
        reverse("committees:member_create"),
        {"full_name": "", "gender": "male", "ethnicity": "Kinh", "organisation": tree.cell.pk, "status": "official",
         "admitted_on": "2020-01-10", "official_on": "2020-06-01"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng nhập họ và tên." in body
    response = client.post(
        reverse("committees:member_create"),
        {"full_name": "Ngô Văn Vội", "gender": "male", "ethnicity": "Kinh", "organisation": tree.cell.pk,
         "status": "official", "admitted_on": "2020-01-10", "official_on": "2020-06-01"},
    )  # fmt: skip
    assert "ít nhất 12 tháng" in response.content.decode()
    assert not Member.objects.exists()


def test_member_update_through_the_form_audits_the_stored_state(
    client: Client, tree: Tree, member: Member, alice
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    url = reverse("committees:member_update", args=[member.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"status": "transferred_out", "organisation": tree.cell2.pk})
    response = client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "transferred_out" and member.organisation == tree.cell2
    entry = AuditEntry.objects.filter(action="member.update").latest("id")
    assert entry.before is not None and entry.after is not None
    assert entry.before["status"] == "official" and entry.after["status"] == "transferred_out"
    assert entry.user == alice


def test_rating_form_derives_the_level_from_a_vietnamese_score(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    url = reverse("committees:organisation_ratings", args=[tree.dept.pk])
    response = client.post(url, {"organisation": tree.cell.pk, "year": 2025, "level": "", "score": "85,5"})
    assert response.status_code == 302
    rating = QualityRating.objects.get()
    assert (rating.level, rating.score) == ("httnv", Decimal("85.5"))
    response = client.post(
        url, {"organisation": tree.cell.pk, "year": 2025, "level": "htxsnv", "score": "70"}
    )
    assert response.status_code == 200 and "không khớp với số điểm 70" in response.content.decode()
    body = client.get(url + "?year=2025").content.decode()
    assert "Hoàn thành tốt nhiệm vụ" in body and "50% chi bộ hoàn thành tốt nhiệm vụ trở lên" in body


def test_member_list_paginates_by_50_and_htmx_gets_only_the_results(
    client: Client, tree: Tree, alice
) -> None:  # type: ignore[no-untyped-def]
    add_members(tree.cell, 51)
    client.force_login(alice)
    url = reverse("committees:member_list")
    response = client.get(url, {"organisation": tree.cell.pk})
    assert len(response.context["page"].object_list) == 50
    body = response.content.decode()
    assert "Trang 1" in body and f"organisation={tree.cell.pk}&amp;page=2" in body
    partial = client.get(url, {"organisation": tree.cell.pk, "page": 2}, headers={"HX-Request": "true"})
    text = partial.content.decode()
    assert len(partial.context["page"].object_list) == 1
    assert text.lstrip().startswith('<div id="results">') and "<html" not in text


# --- query counts ----------------------------------------------------------------------------------
# Both pages read a fixed number of queries whatever the number of members, seats and children.


def _grow(tree: Tree, n: int) -> None:
    term = services.term_create(organisation=tree.dept, start_year=2025, end_year=2030, congress_number=9, khoa=4,
                                acting_user=None) if not tree.dept.terms.exists() else tree.dept.terms.get()  # fmt: skip
    people = add_members(tree.cell, n, prefix=f"Lô {n}", religion="Phật giáo")
    for person in people:
        services.seat_create(term=term, body=BodyKind.BCH, position=Position.UY_VIEN_BCH, member=person,
                             acting_user=None)  # fmt: skip
        services.rating_record(member=person, year=2024, level="httnv", acting_user=None)
    services.rating_record(organisation=tree.cell, year=2024, level="httnv", acting_user=None)
    add_members(tree.cell2, n, prefix=f"Lô {n} b", gender="female", ethnicity="Khmer")


@pytest.mark.parametrize("rows", [3, 40])
def test_organisation_page_query_count(
    client: Client, tree: Tree, alice, django_assert_num_queries, rows: int
) -> None:  # type: ignore[no-untyped-def]
    _grow(tree, rows)
    client.force_login(alice)
    url = reverse("committees:organisation_detail", args=[tree.dept.pk])
    # 1 session, 2 user, 3 roles, 4 organisation (+ merged_into), 5 current term, 6 member statistics,
    # 7 latest rating year, 8 ancestors, 9 children with member counts, 10 seats of the term (+ member),
    # 11 unit counts, 12-14 rating summary (organisations by level, members by level, cells good)
    with django_assert_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 60])
def test_member_list_query_count(
    client: Client, tree: Tree, alice, django_assert_num_queries, rows: int
) -> None:  # type: ignore[no-untyped-def]
    _grow(tree, rows)
    client.force_login(alice)
    url = reverse("committees:member_list")
    # 1 session, 2 user, 3 roles, 4 the chosen organisation (filter validation),
    # 5 one page of members (+ organisation) and one row more, no count, 6 organisation choices of the form
    with django_assert_num_queries(6):
        response = client.get(url, {"organisation": str(tree.dept.pk), "q": "lo"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(2 * rows, 50)
    assert response.context["page"].has_next == (2 * rows > 50)
