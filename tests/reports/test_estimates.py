"""The report says which figures are estimates (ước thực hiện) and which are official."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from reports.figures import TargetRow
from targets import services
from targets.outcomes.achievement import Plan, Shape, evaluate
from tests.conftest import Tree


def test_estimate_is_marked_and_official_is_not(tree: Tree) -> None:
    target = services.target_create(
        code="E",
        organisation=tree.dept,
        title="Việc làm mới",
        period="2024",
        shape="quantity",
        planned=D(23000),
        acting_user=None,
    )
    estimate = services.reading_record(
        target=target, cut_off=date(2024, 6, 30), value=D(12000), kind="estimate", acting_user=None
    )
    outcome = evaluate(Plan(Shape.QUANTITY, planned=D(23000)), D(12000))
    assert TargetRow(1, target, estimate, outcome, None, "half_up").actual_display() == "12.000 (ước)"
    official = services.reading_record(
        target=target, cut_off=date(2024, 6, 30), value=D(12500), kind="official", acting_user=None
    )
    assert TargetRow(1, target, official, outcome, None, "half_up").actual_display() == "12.500"
