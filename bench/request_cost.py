"""CPU per request of the load test's mix (issue 24), split by where it goes.

    createdb -h 127.0.0.1 -U postgres chitieu_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chitieu_load REDIS_URL=redis://127.0.0.1:6379/14 \
        uv run python bench/request_cost.py [--data demo|province] [--rounds 30] [--profile home]

The requests of `tests/faults/locustfile.py` (home dashboard, the organisation's dashboard, the entry grid,
a reading saved through the htmx row), made in-process with Django's test Client as one staff user, each
measured as this thread's CPU time (`time.thread_time`), attributed to the innermost of: session and
authentication (their queries included), queries (the driver's CPU; their wall time is shown beside),
the cache (Redis round trips), template rendering (lazy queries inside it count as queries), the view's
own code (`BaseHandler._get_response` less the above) and the rest (middleware, the test Client).
PostgreSQL's and Redis's own CPU is not this process's: the wall time of the queries shows it.

`--data demo` (default) is the load test's data: the demo, 50 staff users' targets in its department.
`--data province` is the benchmark's province (bench/generate.py) at `--scale`, a staff user of a
grassroots committee, as `bench/load.py`. Either is built on first use; drop the database when done.
Dashboards are measured just after a save in the organisation (as under the load, where saves forget its
figures several times a second) and again cached. The mix line weighs them as the locustfile does.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.contrib import auth  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.sessions.backends import db as session_db  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.handlers import base as handler_base  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.backends import django as template_backend  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from committees import services as org_services  # noqa: E402
from committees.models import Organisation, Role, RoleKind  # noqa: E402
from targets import services as target_services  # noqa: E402
from targets.models import Target  # noqa: E402

PARTS = ("session, auth", "queries", "cache", "templates", "view code", "middleware, rest")
SESSION, QUERIES, CACHE, TEMPLATES, VIEW, REST = PARTS
YEAR = 2025


class Meter:
    """CPU and wall time attributed to the innermost open part."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.stack: list[str] = []
        self.mark = (0.0, 0.0)

    def _switch(self) -> None:
        now = (time.thread_time(), time.perf_counter())
        if self.stack:
            self.cpu[self.stack[-1]] += now[0] - self.mark[0]
            self.wall[self.stack[-1]] += now[1] - self.mark[1]
        self.mark = now

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        if not self.stack:  # outside a measured request: nothing to attribute
            yield
            return
        self._switch()
        self.stack.append(name)
        self.calls[name] += 1
        try:
            yield
        finally:
            self._switch()
            self.stack.pop()

    @contextmanager
    def request(self) -> Iterator[None]:
        self.cpu.clear()
        self.wall.clear()
        self.calls.clear()
        self.mark = (time.thread_time(), time.perf_counter())
        self.stack = [REST]
        try:
            yield
        finally:
            self._switch()
            self.stack = []


METER = Meter()


def _wrap(owner: Any, name: str, part: str | Callable[[], str]) -> None:
    original = getattr(owner, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with METER.part(part() if callable(part) else part):
            return original(*args, **kwargs)

    setattr(owner, name, wrapped)


def _query_part() -> str:
    # The session's and the user's queries belong to "session, auth".
    return SESSION if METER.stack and METER.stack[-1] == SESSION else QUERIES


def _instrument() -> None:
    _wrap(handler_base.BaseHandler, "_get_response", VIEW)
    _wrap(session_db.SessionStore, "load", SESSION)
    _wrap(session_db.SessionStore, "save", SESSION)
    _wrap(auth, "get_user", SESSION)
    _wrap(template_backend.Template, "render", TEMPLATES)
    backend = type(cache._connections[cache._alias])  # type: ignore[attr-defined]
    for name in ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr"):
        _wrap(backend, name, CACHE)


def _in_queries(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    with METER.part(_query_part()):
        return execute(sql, params, many, context)


def _staff_session(username: str, organisation: Organisation) -> Client:
    user, _created = User.objects.get_or_create(username=username)
    if not Role.objects.filter(user=user, organisation=organisation, kind=RoleKind.STAFF).exists():
        org_services.role_grant(user=user, organisation=organisation, kind=RoleKind.STAFF, acting_user=None)
    client = Client()
    client.force_login(user)
    return client


def _own_target(organisation: Organisation, code: str) -> Target:
    found = Target.objects.filter(code=code, organisation=organisation).first()
    return found or target_services.target_create(
        code=code, organisation=organisation, title="Chỉ tiêu đo chi phí", period=str(YEAR),
        shape="count", unit="lượt", planned=Decimal(100), acting_user=None,
    )  # fmt: skip


def _data(kind: str, scale: float, needed: int) -> tuple[Organisation, Target]:
    """The organisation and a target of the user's own with `needed` days of the year free for readings,
    as the load test (demo: its 50 targets in the department) or bench/load.py (province)."""
    if kind == "demo":
        from demo.services import load_demo

        if not Organisation.objects.filter(code="SLDTBXH-HCM").exists():
            print("loading the demo …", flush=True)
            load_demo(year=2024)
        organisation = Organisation.objects.get(code="SLDTBXH-HCM")
        codes = [f"TAI-{n:02d}" for n in range(1, 51)]
    else:
        from bench.generate import CODE_PREFIX, generate

        if not Organisation.objects.filter(code=CODE_PREFIX).exists():
            print(f"generating a province at scale {scale} …", flush=True)
            generate(scale, log=lambda msg: print("  " + msg, flush=True))
        grassroots = Organisation.objects.filter(depth=2).order_by("id").first()
        assert grassroots is not None
        organisation = grassroots
        codes = [f"BENCH-COST-{n:02d}" for n in range(1, 51)]
    # Every run saves new readings: the next target with days left, so that the pages stay the same.
    for code in codes:
        target = _own_target(organisation, code)
        if 365 - target.readings.count() >= needed:
            return organisation, target
    raise SystemExit("Every target's days are used: drop the database and start again.")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", choices=("demo", "province"), default="demo")
    parser.add_argument("--scale", type=float, default=0.01, help="of the province (default 0.01)")
    parser.add_argument("--rounds", type=int, default=30, help="measured rounds (default 30)")
    parser.add_argument("--profile", default="", help="cProfile one request kind, e.g. 'home, after a save'")
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or name == "chitieu" or not settings.REDIS_URL:
        sys.exit("Needs PostgreSQL (a database of its own, never «chitieu», which CI uses) and REDIS_URL.")
    call_command("migrate", verbosity=0)
    _instrument()  # before the first request, which builds the handler's middleware chain
    organisation, target = _data(args.data, args.scale, 3 * (args.rounds + 3))
    client = _staff_session(f"cost-{args.data}", organisation)
    home, dashboard = reverse("home"), reverse("dashboard", args=[organisation.pk])
    grid = reverse("targets:entry_grid", args=[organisation.pk, str(YEAR)])
    save_url = reverse("targets:entry_save", args=[target.pk])
    client.get(grid)  # the CSRF cookie, as the locustfile
    used = set(target.readings.values_list("cut_off", flat=True))
    days = (d for n in range(365) if (d := date(YEAR, 1, 1) + timedelta(days=n)) not in used)

    def save() -> Any:
        day = next(days)
        used.add(day)
        response = client.post(
            save_url,
            {"value": "3", "kind": "official", "cut_off": f"{day:%d/%m/%Y}", "note": "đo", "expected": "0"},
            headers={"HX-Request": "true", "X-CSRFToken": client.cookies["csrftoken"].value},
        )
        assert 'data-saved="1"' in response.text, response.text[:500]
        return response

    # One round: 3 saves, each page after a save and cached, the grid (after a save: what a user sees).
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("save a reading", save),
        ("home, after a save", lambda: client.get(home)),
        ("home, cached", lambda: client.get(home)),
        ("save a reading", save),
        ("dashboard, after a save", lambda: client.get(dashboard)),
        ("dashboard, cached", lambda: client.get(dashboard)),
        ("save a reading", save),
        ("entry grid", lambda: client.get(grid)),
    ]
    connection.ensure_connection()
    rows: dict[str, list[tuple[dict[str, float], dict[str, float], dict[str, int], float, float]]]
    rows = defaultdict(list)
    profiler = cProfile.Profile()
    with connection.execute_wrapper(_in_queries):
        for number in range(-3, args.rounds):  # three rounds to warm up
            for label, step in steps:
                profiling = number >= 0 and label == args.profile
                with METER.request():
                    if profiling:
                        profiler.enable()
                    response = step()
                    if profiling:
                        profiler.disable()
                assert response.status_code == 200, (label, response.status_code)
                if number >= 0:
                    cpu, wall = sum(METER.cpu.values()), sum(METER.wall.values())
                    rows[label].append((dict(METER.cpu), dict(METER.wall), dict(METER.calls), cpu, wall))
    _print(args, organisation, rows)
    if args.profile:
        profiler.dump_stats(ROOT / "var" / "request_cost.prof")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        # The product's own functions (not the libraries'), by the time spent in them and below.
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"^(?!.*site-packages)", 45)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _print(args: argparse.Namespace, organisation: Organisation, rows: dict[str, list[Any]]) -> None:
    started = time.perf_counter()
    total = sum(i for i in range(10_000_000))
    loop = time.perf_counter() - started
    assert total
    print(
        f"\n{args.data} data, {organisation.name}; {args.rounds} rounds; CPU ms of this process, median "
        f"per request (10M-step loop {loop:.2f} s; load average {os.getloadavg()[0]:.1f})"
    )
    header = f"{'request':<26}" + "".join(f"{p:>17}" for p in PARTS) + f"{'CPU':>8}{'wall':>8}"
    print(header + f"{'queries':>9}{'q. wall':>9}{'cache':>7}")
    medians = {}
    for label, measured in rows.items():
        cpu = [_median([m[0].get(p, 0.0) * 1000 for m in measured]) for p in PARTS]
        total_cpu = _median([m[3] * 1000 for m in measured])
        wall = _median([m[4] * 1000 for m in measured])
        queries = _median([m[2].get(QUERIES, 0) + m[2].get(SESSION, 0) for m in measured])
        query_wall = _median([m[1].get(QUERIES, 0.0) * 1000 for m in measured])
        cache_calls = _median([m[2].get(CACHE, 0) for m in measured])
        medians[label] = (total_cpu, wall)
        print(
            f"{label:<26}" + "".join(f"{c:>17.1f}" for c in cpu)
            + f"{total_cpu:>8.1f}{wall:>8.1f}{queries:>9.0f}{query_wall:>9.1f}{cache_calls:>7.0f}"
        )  # fmt: skip
    # The locustfile's weights: home 3, dashboard 1, grid 1, save 3; pages seen after a save.
    mix = {"home, after a save": 3, "dashboard, after a save": 1, "entry grid": 1, "save a reading": 3}
    mix_cpu = sum(medians[k][0] * w for k, w in mix.items()) / 8
    mix_wall = sum(medians[k][1] * w for k, w in mix.items()) / 8
    print(
        f"mix (home 3, dashboard 1, grid 1, save 3, pages after a save): {mix_cpu:.1f} ms CPU, "
        f"{mix_wall:.1f} ms wall per request; at most {2000 / mix_cpu:.0f} requests/s on 2 cores for this "
        "process's CPU alone"
    )


if __name__ == "__main__":
    main()
