"""Schemathesis against the app in-process (WSGI), with a token, over every operation of the schema:
generated requests, valid and invalid, never get a server error. Bounded to a few examples per operation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from committees import services as org_services
from inspections import services as inspection_services
from targets.models import Reading

EXAMPLES = 12
YEAR = (date(2024, 1, 1), date(2024, 12, 31))


@pytest.fixture
def in_process_app() -> Iterator[Any]:
    """The WSGI app in this thread, on the test's database connection, as Django's test client does it:
    the connection must not be closed at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_no_server_errors_on_any_operation(world: dict[str, Any], erin: User, in_process_app: Any) -> None:
    auth = {"Authorization": f"Token {org_services.api_token_issue(user=erin, acting_user=None)}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", in_process_app, headers=auth)
    tree = world["tree"]
    # Real ids, so that detail operations reach their objects rather than only 404s.
    real_ids = {
        "organisations": tree.dept.pk,
        "targets": world["count"].pk,
        "readings": Reading.objects.filter(target=world["rate"]).values_list("pk", flat=True)[0],
        "documents": world["document"].pk,
        "tasks": world["task"].pk,
        "report-runs": world["run"].pk,
        "inspections": inspection_services.inspection_create(
            organisation=tree.dept,
            kind="regular",
            title="Kiểm tra chi bộ",
            subjects=[inspection_services.SubjectData(organisation=tree.cell)],
            acting_user=None,
        ).pk,
        "inspection-programmes": inspection_services.programme_create(
            organisation=tree.dept, year=2024, title="Chương trình 2024", acting_user=None
        ).pk,
    }
    target_ids = [world[name].pk for name in ("count", "rate", "milestone")]
    # What a valid reading of each target holds: a generated body is made valid with it now and then (below).
    valid_values: dict[int, dict[str, Any]] = {
        world["count"].pk: {"value": "3"},
        world["rate"].pk: {"value": "3"},
        world["milestone"].pk: {"done": True},
    }
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 16
    calls = 0

    def run(strategy: Any, positive: bool, examples: int) -> None:
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, target=st.sampled_from(target_ids), day=st.dates(*YEAR), tidy=st.booleans())
        def check(case: Any, target: int, day: date, tidy: bool) -> None:
            nonlocal calls
            if case.method.lower() == "post" and isinstance(case.body, dict) and "target" in case.body:
                # A real target, and a day of its year when the request is meant to be valid: so that
                # generated readings go through the service's validation rather than stop at the 404.
                case.body["target"] = target
                if positive:
                    case.body["cut_off"] = day.isoformat()
                if positive and tidy:
                    # Half of them also get a value the target's shape accepts, an official kind and no
                    # stale expectations, so that some readings are saved whatever the generator drew
                    # (without it, whether any was valid depended on the seed).
                    for key in ("supersedes", "expected_current", "previous", "reason"):
                        case.body.pop(key, None)
                    case.body.update(kind="official", **valid_values[target])
            case.call_and_validate(headers=auth, checks=[not_a_server_error])
            calls += 1

        check()

    for operation in operations:
        resource = operation.path.removeprefix("/api/v1/").split("/")[0]
        variants: list[dict[str, Any] | None] = [None]
        if "{id}" in operation.path:
            variants.append({"id": real_ids[resource]})
        # The one write gets more examples: most generated readings are refused by the validation.
        examples = EXAMPLES * 4 if operation.method == "post" else EXAMPLES
        for path_parameters in variants:
            run(
                operation.as_strategy(GenerationMode.POSITIVE, path_parameters=path_parameters),
                True,
                examples,
            )
        # Invalid requests from the free variant: a fixed valid id would leave nothing to break.
        run(operation.as_strategy(GenerationMode.NEGATIVE), False, examples)
    assert calls > len(operations) * 2
    # Some generated readings were valid and went all the way through reading_record.
    assert Reading.objects.filter(entered_by=erin).exists()
