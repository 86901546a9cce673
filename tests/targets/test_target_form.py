"""The target form asks each shape for exactly the plan fields it uses (targets/models.py SHAPE_FIELDS)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from targets.models import SHAPE_FIELDS, Shape, Target
from tests.conftest import Tree

BASE = {"code": "X", "title": "X", "period": "2024", "reduction_unit": "points", "position": "0"}


def _post(client: Client, tree: Tree, **fields: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("targets:target_create", args=[tree.dept.pk]), {**BASE, **fields})


@pytest.mark.parametrize(
    "fields",
    [
        {"shape": "count", "planned": "25", "unit": "nội dung"},
        {"shape": "quantity", "planned": "23.000", "unit": "người"},
        {"shape": "rate_floor", "planned": "67", "unit": "%"},
        {"shape": "rate_ceiling", "planned": "1,5", "unit": "%"},
        {"shape": "range", "planned_low": "33", "planned_high": "35", "unit": "%"},
        {"shape": "reduction", "planned_low": "1", "planned_high": "1,5", "baseline": "3,2"},
        {"shape": "reduction", "planned": "1"},
        {"shape": "growth", "planned": "2,44", "unit": "%"},
        {"shape": "growth"},
        {"shape": "rank", "planned": "9", "rank_out_of": "20"},
        {"shape": "milestone"},
        {"shape": "maintain", "unit": "%"},
    ],
)
def test_each_shape_is_saved_with_its_own_fields(client: Client, tree: Tree, alice, fields) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    response = _post(client, tree, **fields)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Target.objects.get().shape == fields["shape"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"shape": "quantity", "planned_low": "1", "planned_high": "2", "planned": "5"},
            "planned_low",
            "không dùng «Kế hoạch từ»",
        ),
        ({"shape": "quantity", "planned": "5", "baseline": "3"}, "baseline", "không dùng «Giá trị gốc»"),
        ({"shape": "quantity", "planned": "5", "rank_out_of": "20"}, "rank_out_of", "không dùng"),
        ({"shape": "range", "planned": "34"}, "planned_low", "cần «Kế hoạch từ»"),
        (
            {"shape": "range", "planned_low": "33", "planned_high": "35", "planned": "34"},
            "planned",
            "không dùng «Kế hoạch»",
        ),
        ({"shape": "rate_ceiling", "unit": "%"}, "planned", "cần «Kế hoạch»"),
        ({"shape": "milestone", "planned": "1"}, "planned", "không dùng «Kế hoạch»"),
        ({"shape": "milestone", "unit": "%"}, "unit", "không dùng"),
        ({"shape": "reduction"}, "planned", "một giá trị hoặc một khoảng"),
        (
            {"shape": "reduction", "planned": "1", "planned_low": "1", "planned_high": "2"},
            "planned",
            "không nhập cả hai",
        ),
        ({"shape": "rank", "planned": "9", "baseline": "20"}, "baseline", "không dùng"),
    ],
)
def test_a_shape_refuses_missing_or_foreign_fields(
    client: Client, tree: Tree, alice, fields, field, message
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    response = _post(client, tree, **fields)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Target.objects.exists()


def test_editing_to_another_shape_must_clear_the_old_fields(
    client: Client, tree: Tree, alice, submissions: Target
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    url = reverse("targets:target_edit", args=[submissions.pk])
    data = {
        **BASE,
        "title": submissions.title,
        "shape": "range",
        "planned": "25",
        "planned_low": "20",
        "planned_high": "30",
    }
    assert client.post(url, data).status_code == 200
    assert Target.objects.get(pk=submissions.pk).planned_low is None
    del data["planned"]
    assert client.post(url, data).status_code == 302
    target = Target.objects.get(pk=submissions.pk)
    assert (target.shape, target.planned, target.planned_low) == ("range", None, D(20))


def test_the_page_carries_the_shape_table(client: Client, tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    """The fields are marked with the shapes that use them, and every shape's help and example is on the
    page, so that it works without JavaScript and the script reads the same table."""
    client.force_login(alice)
    page = client.get(reverse("targets:target_create", args=[tree.dept.pk])).content.decode()
    assert 'data-shapes="range reduction"' in page  # planned_low and planned_high
    assert 'data-shapes="rank"' in page  # rank_out_of
    assert "js/target_form.js" in page
    for shape in Shape:
        assert f'data-shape-help="{shape.value}"' in page
        assert str(SHAPE_FIELDS[shape].example) in page
    assert "Tạo việc làm mới cho 23.000 lao động" in page and "Tỷ lệ hộ nghèo không quá 1,5%" in page
