"""The API's numbers are the dashboard's and the workbook export's, on the demo data at one cut-off."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from committees.models import Organisation
from demo.services import load_demo
from exchange.workbook import export_workbook
from targets import dashboard
from targets.periods import parse_period
from tests.api.conftest import token_client

CUT_OFF = date(2024, 6, 30)


def all_pages(client: APIClient, url: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    response = client.get(url, {**params, "page_size": 200})
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows += body["results"]
        if not body["next"]:
            return rows
        response = client.get(body["next"])


def dec(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value is not None and value != "" else None


def rollup_dict(rollup: Any) -> dict[str, Any]:
    return {
        "total": rollup.total,
        "met": rollup.met,
        "exceeded": rollup.exceeded,
        "not_met": rollup.not_met,
        "behind": rollup.behind,
        "on_track": rollup.on_track,
        "no_data": rollup.no_data,
        "mean_pct": Decimal(str(rollup.mean_pct)).quantize(Decimal("0.000001"))
        if rollup.mean_pct is not None
        else None,
    }


def api_rollup_dict(data: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: data[k] for k in ("total", "met", "exceeded", "not_met", "behind", "on_track", "no_data")},
        "mean_pct": dec(data["mean_pct"]),
    }


def test_api_dashboard_and_workbook_agree(db) -> None:  # type: ignore[no-untyped-def]
    load_demo(year=2024)
    organisation = Organisation.objects.get(code="SLDTBXH-HCM")
    client = token_client(User.objects.get(username="lanhdao"))  # the department's leader

    api_targets = all_pages(
        client, reverse("api:target-list"), {"organisation": organisation.pk, "cut_off": CUT_OFF.isoformat()}
    )
    by_id = {row["id"]: row for row in api_targets}
    assert len(by_id) == len(api_targets) > 30

    # The dashboard of the department for 2024 at 30/6/2024.
    board = dashboard.build(
        organisation, parse_period("2024"), CUT_OFF, filters=Q(), status=None, sort="name"
    )
    assert board.targets
    statuses = set()
    for target in board.targets:
        outcome = by_id[target.pk]["outcome"]
        assert outcome["status"] == target.cur_status, target.code  # type: ignore[attr-defined]
        assert dec(outcome["achievement_pct"]) == dec(target.cur_pct), target.code  # type: ignore[attr-defined]
        assert dec(outcome["value"]) == dec(target.cur_value), target.code  # type: ignore[attr-defined]
        assert outcome["done"] == target.cur_done, target.code  # type: ignore[attr-defined]
        statuses.add(outcome["status"])
    assert len(statuses) >= 3  # a comparison over several outcomes, not one

    rollup = client.get(
        reverse("api:organisation-rollup", args=[organisation.pk]),
        {"period": "2024", "cut_off": CUT_OFF.isoformat()},
    ).json()
    assert rollup["cut_off"] == "2024-06-30"
    assert api_rollup_dict(rollup["headline"]) == rollup_dict(board.headline)
    assert rollup["headline"]["total"] > 0
    api_children = {child["id"]: api_rollup_dict(child["rollup"]) for child in rollup["children"]}
    assert api_children == {row.organisation.pk: rollup_dict(row.rollup) for row in board.children}

    # The workbook export of the same subtree at the same cut-off.
    book = load_workbook(io.BytesIO(export_workbook(organisation=organisation, cut_off=CUT_OFF)))
    header, *rows = list(book["targets"].iter_rows(values_only=True))
    column = {name: i for i, name in enumerate(header)}
    by_code = {row["code"]: row for row in api_targets}
    assert {row[column["code"]] for row in rows} == set(by_code)
    with_pct = 0
    for row in rows:
        code = row[column["code"]]
        outcome = by_code[code]["outcome"]
        assert outcome["status"] == row[column["status"]], code
        shown = outcome["achievement_pct_display"]
        assert (shown or "").removesuffix("%") == (row[column["achievement_pct"]] or ""), code
        assert dec(outcome["measure"]) == dec(row[column["measure"]]), code
        actual = row[column["actual"]]
        if actual in ("yes", "no"):
            assert outcome["done"] is (actual == "yes"), code
        else:
            assert dec(outcome["value"]) == dec(actual), code
        with_pct += shown is not None
    assert with_pct > 10
