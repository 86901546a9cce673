"""Migration 0005 rebuilds the steps with the frozen SQL of its release, never the live code: followed by
0007's settling moves it gives exactly what the live rebuild gives (the live code called from 0005 counted
the settling twice)."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from targets import services
from targets.outcomes import steps
from tests.conftest import Tree
from tests.targets.conftest import make_target


def test_0005_then_0007_give_the_live_rebuild(tree: Tree) -> None:
    rebuild = importlib.import_module("targets.migrations.0005_steps_per_shape")
    settle = importlib.import_module("targets.migrations.0007_settle_steps_at_period_end")
    editor = SimpleNamespace(connection=connection)
    on_pace = make_target(tree.cell2, "F-1", planned="30")
    services.reading_record(target=on_pace, cut_off=date(2024, 6, 30), value=D(20), acting_user=None)
    behind = make_target(tree.cell, "F-2", shape="rate_floor", planned="80", unit="%", period="2024-H1")
    services.reading_record(target=behind, cut_off=date(2024, 3, 31), value=D(60), acting_user=None)
    services.reading_record(
        target=behind, cut_off=date(2024, 3, 31), value=D(70), reason="sửa", acting_user=None
    )
    make_target(tree.grassroots, "F-3", shape="milestone", planned=None)
    steps.rebuild_all()
    live = (sorted(steps.subtree_table()), sorted(_own()))

    rebuild.build_steps(apps, editor)
    assert sorted(_own()) != live[1]  # the release of 0005 had no settling step
    settle.settle(apps, editor)
    assert (sorted(steps.subtree_table()), sorted(_own())) == live


def _own() -> list[tuple[object, ...]]:
    from targets.models import OutcomeStep

    return [row for row in steps._normalised(OutcomeStep.objects.values_list(*steps.KEY, *OutcomeStep.SUMS))]
