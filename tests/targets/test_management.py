from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from committees.models import AuditEntry
from targets import services
from targets.models import Reading, Target
from tests.conftest import Tree


def test_staff_creates_a_target(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    data = {
        "code": "VL-2024",
        "title": "Giải quyết việc làm mới",
        "period": "2024",
        "shape": "quantity",
        "unit": "người",
        "planned": "23.000",
        "reduction_unit": "points",
        "strict": "on",
        "position": "1",
    }
    response = client.post(reverse("targets:target_create", args=[tree.dept.pk]), data)
    assert response.status_code == 302
    target = Target.objects.get(code="VL-2024")
    assert target.planned == D(23000) and target.organisation == tree.dept
    assert AuditEntry.objects.filter(action="target.create", user=alice).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"shape": "count", "planned": ""}, "cần «Kế hoạch»"),
        ({"shape": "range", "planned_low": "35", "planned_high": "33"}, "lớn hơn hoặc bằng"),
        ({"period": "2024-H3"}, "không hợp lệ"),
        ({"planned": "168.9"}, "không rõ"),
    ],
)
def test_bad_target_input_changes_nothing(
    client: Client, tree: Tree, alice, changes: dict[str, str], message: str
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    data = {
        "code": "X",
        "title": "X",
        "period": "2024",
        "shape": "quantity",
        "planned": "10",
        "reduction_unit": "points",
        "position": "0",
        **changes,
    }
    response = client.post(reverse("targets:target_create", args=[tree.dept.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Target.objects.exists()


def test_leader_cannot_create_or_edit(client: Client, tree: Tree, bob, submissions: Target) -> None:  # type: ignore[no-untyped-def]
    client.force_login(bob)
    assert client.get(reverse("targets:target_create", args=[tree.dept.pk])).status_code == 404
    assert client.get(reverse("targets:target_edit", args=[submissions.pk])).status_code == 404


def test_changing_the_plan_recomputes_the_readings(tree: Tree, submissions: Target) -> None:
    services.reading_record(target=submissions, cut_off=date(2024, 12, 31), value=D(15), acting_user=None)
    services.target_update(target=submissions, planned=D(15), acting_user=None)
    reading = Reading.objects.get()
    assert (reading.achievement_pct, reading.status) == (D(100), "met")


def test_period_change_may_not_strand_readings(tree: Tree, submissions: Target) -> None:
    services.reading_record(target=submissions, cut_off=date(2024, 12, 31), value=D(15), acting_user=None)
    with pytest.raises(ValidationError, match="ngoài kỳ mới"):
        services.target_update(target=submissions, period="2024-H1", acting_user=None)


def test_split_among_children_and_sum_against_parent(
    client: Client, tree: Tree, alice, submissions: Target
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    response = client.post(
        reverse("targets:target_split", args=[submissions.pk]),
        {f"org_{tree.grassroots.pk}": "10", f"org_{tree.cell.pk}": "12"},
    )
    assert response.status_code == 302
    children = Target.objects.filter(parent=submissions)
    assert {c.organisation for c in children} == {tree.grassroots, tree.cell}
    body = client.get(reverse("targets:target_detail", args=[submissions.pk])).content.decode()
    assert "<strong>22</strong> / 25" in body
    again = client.post(reverse("targets:target_split", args=[submissions.pk]), {f"org_{tree.cell.pk}": "1"})
    assert "đã được phân bổ" in again.content.decode()
