"""The entry grid through the test client: full pages, htmx row swaps, errors, permissions, query counts."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from targets import services
from targets.models import Reading, Target
from tests.conftest import Tree
from tests.targets.conftest import make_target

HTMX = {"HX-Request": "true"}


def grid_url(tree: Tree, period: str = "2024") -> str:
    return reverse("targets:entry_grid", args=[tree.dept.pk, period]) + "?cut_off=30/6/2024"


def post_row(client: Client, target: Target, value: str, expected: int = 0, **extra: str):  # type: ignore[no-untyped-def]
    data = {"value": value, "kind": "official", "cut_off": "30/6/2024", "expected": str(expected), **extra}
    return client.post(reverse("targets:entry_save", args=[target.pk]), data, headers=HTMX)


def test_grid_lists_targets(client: Client, tree: Tree, alice, submissions: Target) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    body = client.get(grid_url(tree)).content.decode()
    assert "Nội dung trình UBND Thành phố" in body
    assert 'hx-post="/chi-tieu/nhap/luu/' in body


def test_htmx_save_returns_the_row_with_percent_and_status(
    client: Client, alice, submissions: Target
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    response = post_row(client, submissions, "15")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<tr")  # only the row: htmx swaps it in place
    assert "60%" in body and "Đúng tiến độ" in body and 'data-saved="1"' in body
    assert Reading.objects.get().value == D(15)


def test_vietnamese_thousands_are_accepted(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    jobs = make_target(tree.dept, "JOBS", shape="quantity", planned="23000", title="Việc làm mới")
    client.force_login(alice)
    body = post_row(client, jobs, "23.000").content.decode()
    assert "100%" in body and "Đạt" in body
    assert Reading.objects.get().value == D(23000)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "không phải là số"),
        ("-5", "không được âm"),
        ("168.9", "không rõ"),
        ("", "Vui lòng nhập giá trị"),
    ],
)
def test_errors_shown_next_to_the_field_and_nothing_saved(
    client: Client, alice, submissions: Target, value: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    response = post_row(client, submissions, value)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Reading.objects.exists()


def test_cut_off_outside_period_is_refused(client: Client, tree: Tree, alice, submissions: Target) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    response = client.post(
        reverse("targets:entry_save", args=[submissions.pk]),
        {"value": "1", "kind": "official", "cut_off": "1/1/2025", "expected": "0"},
        headers=HTMX,
    )
    assert "nằm trong kỳ" in response.content.decode()
    assert not Reading.objects.exists()


def test_conflict_shows_the_newer_value(client: Client, alice, bob, submissions: Target) -> None:  # type: ignore[no-untyped-def]
    services.reading_record(target=submissions, cut_off=date(2024, 6, 30), value=D(17), acting_user=None)
    client.force_login(alice)
    body = post_row(client, submissions, "15", expected=0).content.decode()
    assert "cập nhật thành 17" in body
    assert Reading.objects.count() == 1


def test_correction_with_reason_then_history(client: Client, alice, submissions: Target) -> None:  # type: ignore[no-untyped-def]
    first = services.reading_record(
        target=submissions, cut_off=date(2024, 6, 30), value=D(15), acting_user=alice
    )
    client.force_login(alice)
    body = post_row(client, submissions, "16", expected=first.pk).content.decode()
    assert "lý do điều chỉnh" in body
    body = post_row(client, submissions, "16", expected=first.pk, reason="Bổ sung").content.decode()
    assert "64%" in body
    history = client.get(reverse("targets:target_detail", args=[submissions.pk])).content.decode()
    assert "Bổ sung" in history and "đã được thay thế" in history


def test_leader_may_see_but_not_enter(client: Client, tree: Tree, bob, submissions: Target) -> None:  # type: ignore[no-untyped-def]
    client.force_login(bob)
    assert client.get(grid_url(tree)).status_code == 404
    assert post_row(client, submissions, "15").status_code == 404
    assert client.get(reverse("targets:target_detail", args=[submissions.pk])).status_code == 200
    assert not Reading.objects.exists()


def test_other_department_gets_404(client: Client, tree: Tree, dave, submissions: Target) -> None:  # type: ignore[no-untyped-def]
    client.force_login(dave)
    assert client.get(grid_url(tree)).status_code == 404
    assert post_row(client, submissions, "15").status_code == 404
    assert client.get(reverse("targets:target_detail", args=[submissions.pk])).status_code == 404


def test_anonymous_goes_to_login(client: Client, tree: Tree, submissions: Target) -> None:
    assert client.get(grid_url(tree)).status_code == 302
    assert post_row(client, submissions, "15").status_code == 302


def test_grid_queries_do_not_grow_with_targets(
    client: Client, tree: Tree, alice, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    for i in range(3):
        t = make_target(tree.dept, f"A{i}")
        services.reading_record(target=t, cut_off=date(2024, 6, 30), value=D(i), acting_user=None)
    # session, user, roles, organisation, ancestors, targets, prefetched readings
    with django_assert_num_queries(7):
        client.get(grid_url(tree))
    for i in range(20):
        make_target(tree.dept, f"B{i}", shape="quantity")
    with django_assert_num_queries(7):
        response = client.get(grid_url(tree))
    assert response.content.decode().count('class="entry-row') == 23


def test_saving_a_row_costs_the_same_queries_at_any_depth(
    client: Client, tree: Tree, alice, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """The outcome steps of every organisation above are kept in one statement, however deep the target."""
    client.force_login(alice)
    for organisation in (tree.dept, tree.grassroots, tree.cell2):
        target = make_target(organisation, f"Q{organisation.depth}", shape="quantity", planned="100")
        # session, user, roles, target; lock, submissions, outlier references, current reading, insert,
        # organisations locked, own steps deleted and rebuilt, subtree steps added, audit row (the row is
        # drawn from the reading just saved, not read again)
        with django_assert_num_queries(16):
            response = post_row(client, target, "40")
        assert 'data-saved="1"' in response.content.decode()
    assert Reading.objects.count() == 3


def test_a_missing_reason_puts_the_focus_on_the_reason_field(
    client: Client, alice, submissions: Target
) -> None:  # type: ignore[no-untyped-def]
    """After "ghi lý do" the person types the reason next: the swapped row focuses that field (htmx honours
    autofocus in swapped content and entry.js prefers it), not the value they just typed."""
    first = services.reading_record(
        target=submissions, cut_off=date(2024, 6, 30), value=D(15), acting_user=alice
    )
    client.force_login(alice)
    body = post_row(client, submissions, "16", expected=first.pk).content.decode()
    assert "vui lòng ghi lý do điều chỉnh" in body
    [focused] = [tag for tag in body.split("<") if " autofocus" in tag]
    assert focused.startswith("input") and 'name="reason"' in focused
    # Any other error leaves the value field in charge: no autofocus anywhere.
    assert " autofocus" not in post_row(client, submissions, "abc", expected=first.pk).content.decode()


@pytest.mark.parametrize(
    ("shape", "planned", "values"),
    [
        ("count", "25", [{"value": "15"}, {"value": "17", "reason": "Bổ sung"}]),
        ("quantity", "23000", [{"value": "23.000"}]),
        ("rate_floor", "90", [{"value": "66,67", "kind": "estimate"}, {"value": "91,25"}]),
        ("growth", "8", [{"value": "120", "previous": "100,5"}]),
        ("milestone", None, [{"done": "yes"}, {"done": "no", "reason": "Sửa"}]),
    ],
)
def test_the_row_after_a_save_is_the_grids_row(
    client: Client, tree: Tree, alice, shape: str, planned: str | None, values: list[dict[str, str]]
) -> None:  # type: ignore[no-untyped-def]
    """The row a save returns is drawn from the reading just saved (issue 24): byte for byte the row the
    grid then shows, read back from the database, but for the "saved" mark."""
    target = make_target(tree.dept, "ROW", shape=shape, planned=planned)
    client.force_login(alice)
    expected = 0
    for data in values:
        fields = {"kind": "official", "cut_off": "30/6/2024", "expected": str(expected), **data}
        body = client.post(reverse("targets:entry_save", args=[target.pk]), fields, headers=HTMX)
        row = body.content.decode().strip()
        assert 'data-saved="1"' in row
        expected = Reading.objects.get(target=target, is_current=True).pk
        grid = client.get(grid_url(tree)).content.decode()
        start = grid.index(f'<tr id="row-{target.pk}"')
        shown = grid[start : grid.index("</tr>", start) + len("</tr>")]
        row = row.replace(' class="entry-row saved" data-saved="1"', ' class="entry-row"')
        assert _unmasked(row) == _unmasked(shown)


def _unmasked(html: str) -> str:
    """Without the CSRF token, masked afresh on every page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
