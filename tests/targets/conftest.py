from __future__ import annotations

from decimal import Decimal as D

import pytest

from targets import services
from targets.models import Target
from tests.conftest import Tree


def make_target(
    tree_org, code: str, shape: str = "count", planned: str | None = "25", period: str = "2024", **extra
):  # type: ignore[no-untyped-def]
    return services.target_create(
        code=code,
        organisation=tree_org,
        title=extra.pop("title", f"Chỉ tiêu {code}"),
        period=period,
        shape=shape,
        planned=D(planned) if planned is not None else None,
        acting_user=None,
        **extra,
    )


@pytest.fixture
def submissions(tree: Tree) -> Target:
    return make_target(tree.dept, "T-UBND", title="Nội dung trình UBND Thành phố", unit="nội dung")
