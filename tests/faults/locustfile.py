"""Locust users of the load test (tests/faults/test_load.py): staff who look at dashboards and save readings.

Each user has its own logged-in session, its own target and its own cut-off dates (from the plan file
in CHITIEU_LOAD_PLAN), so that every successful save must leave exactly one reading behind.
A save counts as a success only when the row comes back marked saved.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

PLAN: list[dict[str, Any]] = json.loads(Path(os.environ["CHITIEU_LOAD_PLAN"]).read_text(encoding="utf-8"))
_numbers = itertools.count()
# Written when Locust quits, after the users finished their last request (Locust's own CSV is written
# before that): every request (name, milliseconds, error or None) and the (save URL, date) of every save
# that came back saved, which the test compares with the database row by row.
REQUESTS: list[tuple[str, float, str | None]] = []
SAVED: list[tuple[str, str]] = []


@events.request.add_listener
def _record(name: str, response_time: float, exception: BaseException | None, **_kwargs: Any) -> None:
    REQUESTS.append((name, response_time, None if exception is None else repr(exception)[:300]))


@events.quitting.add_listener
def _write_results(**_kwargs: Any) -> None:
    Path(os.environ["CHITIEU_LOAD_RESULTS"]).write_text(
        json.dumps({"requests": REQUESTS, "saved": SAVED}), encoding="utf-8"
    )


class Staff(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.plan = PLAN[next(_numbers) % len(PLAN)]
        self.days = iter(self.plan["days"])
        self.client.cookies.set("sessionid", self.plan["session"])
        # The grid sets the CSRF cookie that htmx sends back as X-CSRFToken.
        self.client.get(self.plan["grid"], name="entry grid")

    @task(3)
    def home_dashboard(self) -> None:
        self.client.get("/", name="dashboard (home)")

    @task(1)
    def organisation_dashboard(self) -> None:
        self.client.get(self.plan["dashboard"], name="dashboard (organisation)")

    @task(1)
    def entry_grid(self) -> None:
        self.client.get(self.plan["grid"], name="entry grid")

    @task(3)
    def save_reading(self) -> None:
        day = next(self.days, None)
        if day is None:  # every date of this user's plan is used: only look from now on
            self.home_dashboard()
            return
        with self.client.post(
            self.plan["save"],
            data={
                "value": str(1 + len(day) % 7),
                "kind": "official",
                "cut_off": day,
                "note": "tải thử",
                "expected": "0",
            },
            headers={"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")},
            name="save reading",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or 'data-saved="1"' not in response.text:
                response.failure(f"not saved: HTTP {response.status_code} {response.text[:300]}")
            else:
                response.success()
                SAVED.append((self.plan["save"], day))
