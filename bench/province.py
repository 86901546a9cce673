"""Province-scale benchmark (issue 9): generate a province, then time the pages, saves, reports and imports.

    DATABASE_URL=postgres://…/chitieu_bench REDIS_URL=redis://127.0.0.1:6379/12 \
        uv run python bench/province.py --scale 1.0 --repeat 20 --json bench/results/latest.json

Without DATABASE_URL it runs on SQLite (use a fresh CHITIEU_VAR_DIR and a small --scale, e.g. 0.02).
The database is generated when it holds no province yet (--regenerate is not offered: drop the database).
Prints a table and writes the JSON; times are server time (inside Django), median and p95 of the runs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
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

# Plain static files storage, as in the tests: the manifest only exists after collectstatic.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import baseline  # noqa: E402
from bench.generate import CODE_PREFIX, Generated, generate  # noqa: E402
from committees import services as org_services  # noqa: E402
from committees.models import Member, Organisation, Role  # noqa: E402
from core import services as core_services  # noqa: E402
from core.models import WorkerPing  # noqa: E402
from reports import run_services  # noqa: E402
from reports import services as report_services  # noqa: E402
from reports.context import report_context  # noqa: E402
from reports.models import Report, ReportRun, RunStatus  # noqa: E402
from reports.pdf import html_to_pdf, render_html  # noqa: E402
from resolutions.models import Document  # noqa: E402
from targets.dashboard import numbers as dashboard_numbers  # noqa: E402
from targets.models import Reading, Target  # noqa: E402
from targets.periods import parse_period  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Bench:
    def __init__(self, repeat: int) -> None:
        self.repeat = repeat
        self.rows: list[dict[str, Any]] = []

    def measure(
        self,
        name: str,
        action: Callable[[int], Any],
        *,
        repeat: int | None = None,
        before: Callable[[int], Any] | None = None,
        note: str = "",
    ) -> dict[str, Any]:
        """Run `action(i)` `repeat` times (after one untimed warm-up run), timing each and counting queries."""
        times, queries = [], []
        runs = repeat or self.repeat
        for i in range(-1, runs):
            if before:
                before(i)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                action(i)
                elapsed = (time.perf_counter() - started) * 1000
            if i >= 0:
                times.append(elapsed)
                queries.append(len(captured.captured_queries))
        row: dict[str, Any] = {
            "name": name,
            "runs": runs,
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "min_ms": round(min(times), 1),
            "queries": sorted(set(queries)),
            "note": note,
        }
        self.rows.append(row)
        print(
            f"  {name:<58} median {row['median_ms']:>9.1f} ms  p95 {row['p95_ms']:>9.1f} ms"
            f"  queries {','.join(map(str, row['queries']))}",
            flush=True,
        )
        return row


def find_province() -> Generated | None:
    root = Organisation.objects.filter(code=CODE_PREFIX).first()
    if root is None:
        return None
    found = Generated()
    found.root_id = root.pk
    found.mid_id = Organisation.objects.filter(parent=root).order_by("id").values_list("id", flat=True)[0]
    found.grassroots_id = (
        Organisation.objects.filter(parent_id=found.mid_id).order_by("id").values_list("id", flat=True)[0]
    )
    found.root_document_id = (
        Document.objects.filter(organisation=root).order_by("id").values_list("id", flat=True)[0]
    )
    years = Target.objects.filter(organisation=root).values_list("period_start__year", flat=True).distinct()
    found.years = sorted(set(years))
    found.counts = {
        "organisations": Organisation.objects.count(),
        "members": Member.objects.count(),
        "documents": Document.objects.count(),
        "targets": Target.objects.count(),
        "readings": Reading.objects.count(),
    }
    return found


def ok(response: Any) -> None:
    assert response.status_code == 200, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 7.000 organisations (default)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per measure (default 20)")
    parser.add_argument("--json", default="", help="write the results to this file")
    parser.add_argument("--reports", type=int, default=100, help="reports in the Celery batch (default 100)")
    parser.add_argument("--skip-celery", action="store_true", help="leave out the Celery batch")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated groups: dashboards,pages,lists,http,pdf,celery,import,load",
    )
    args = parser.parse_args()
    groups = set(filter(None, args.only.split(","))) or {
        "dashboards", "pages", "lists", "http", "pdf", "celery", "import", "load"
    }  # fmt: skip
    if args.skip_celery:
        groups.discard("celery")

    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    print(f"database: {vendor} {connection.settings_dict['NAME']}", flush=True)
    results: dict[str, Any] = {
        "when": timezone.now().isoformat(timespec="seconds"),
        "database": vendor,
        "scale": args.scale,
        "repeat": args.repeat,
        "machine": f"{platform.node()} {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "commit": _git_commit(),
        # How fast this machine runs Python, to compare figures taken on different machines.
        "python_loop_10m_seconds": _python_loop_seconds(),
    }
    print(
        f"machine: {results['machine']}; a 10M-step Python loop takes {results['python_loop_10m_seconds']} s"
    )

    province = find_province()
    if province is None:
        print(f"generating a province at scale {args.scale} …", flush=True)
        started = time.perf_counter()
        province = generate(args.scale, log=lambda msg: print("  " + msg, flush=True))
        results["generate_seconds"] = round(time.perf_counter() - started, 1)
        results["generate_table_seconds"] = province.seconds
        print(f"  generated in {results['generate_seconds']} s", flush=True)
    else:
        print("reusing the province already in the database", flush=True)
    results["counts"] = province.counts

    user, _ = User.objects.get_or_create(username="bench")
    root = Organisation.objects.get(pk=province.root_id)
    mid = Organisation.objects.get(pk=province.mid_id)
    grassroots = Organisation.objects.get(pk=province.grassroots_id)
    if not Role.objects.filter(user=user, organisation=root, kind="admin").exists():
        org_services.role_grant(user=user, organisation=root, kind="admin", acting_user=None)
    client = Client()
    client.force_login(user)
    year = max(province.years)
    today = timezone.localdate()
    bench = Bench(args.repeat)
    ratios: dict[str, float] = {}

    def save() -> None:
        """Write what is measured so far (after every group: a long run stopped half-way keeps its figures)."""
        results["measures"] = bench.rows
        results["ratios"] = ratios
        results["goals"] = goals(bench.rows, ratios, results.get("query_counts_two_sizes"))
        if args.json:
            path = Path(args.json)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    save()

    if "dashboards" in groups:
        cut_off = min(today, date(year, 12, 31))
        dashboards(bench, client, root, "root", year, cut_off, ratios)
        dashboards(bench, client, mid, "mid-level", year, cut_off, ratios)
        save()

    if "pages" in groups:
        pages(bench, client, grassroots, year, province)
        save()
    if "lists" in groups:
        results["query_counts_two_sizes"] = list_pages(bench, root, mid, grassroots, year)
        save()
    if "http" in groups:
        http_pages(bench, root, max(5, args.repeat // 2))
        from bench.load import home_first_view

        home_first_view(bench.measure, root, min(args.repeat, 5))
        save()
    if "pdf" in groups:
        pdf(bench, grassroots, "grassroots committee", year, user, ratios, max(3, args.repeat // 2))
        pdf(bench, mid, "district", year, user, ratios, 1)
        save()
    if "celery" in groups:
        print(f"Celery: {args.reports} reports", flush=True)
        throughput = {c: celery_batch(c, args.reports, year, user) for c in (1, 2)}
        for c, seconds in throughput.items():
            bench.rows.append(
                {"name": f"batch of {args.reports} reports, Celery, {c} worker process(es)", "runs": 1,
                 "median_ms": round(seconds * 1000), "p95_ms": round(seconds * 1000), "min_ms": None,
                 "queries": [], "note": f"{args.reports / seconds:.2f} reports/s"}
            )  # fmt: skip
            print(
                f"  {c} worker process(es): {seconds:.1f} s, {args.reports / seconds:.2f} reports/s",
                flush=True,
            )
        ratios["report throughput, 2 workers / 1"] = round(throughput[1] / throughput[2], 2)
        save()
    if "import" in groups:
        import_measure(bench, year, user)
        save()
    if "load" in groups:
        from bench.load import fifty_users

        print("load: 50 users for 60 s (Locust, tests/faults/locustfile.py)", flush=True)
        results["load"] = load = fifty_users(year)
        bench.rows.append(
            {"name": f"load: {load['users']} users for {load['seconds']} s, every request", "runs": load["requests"],
             "median_ms": load["p50_ms"], "p95_ms": load["p95_ms"], "min_ms": None, "queries": [],
             "note": f"{load['requests_per_second']} requests/s, {load['saved']} readings saved, "
                     f"p99 {load['p99_ms']} ms, saves p95 {load['save_p95_ms']} ms"}
        )  # fmt: skip
        print(f"  {bench.rows[-1]['note']}; p95 {load['p95_ms']} ms", flush=True)

    save()
    print_table(results)
    if args.json:
        print(f"written {args.json}")


def _python_loop_seconds() -> float:
    """A 10-million-step Python loop: 0,4-0,5 s on a current desktop core."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - started, 2)


def dashboards(
    bench: Bench,
    client: Client,
    organisation: Organisation,
    label: str,
    year: int,
    cut_off: date,
    ratios: dict[str, float],
) -> None:
    """The dashboard warm (cached) and just after a write below it, against the bare SQL of its numbers."""
    url = reverse("dashboard", args=[organisation.pk])

    def view(_i: int) -> None:
        ok(client.get(url))

    def bare_sql(_i: int) -> None:
        baseline.dashboard(organisation, year, cut_off)

    def bare_sql_steps(_i: int) -> None:
        baseline.dashboard_from_steps(organisation, year, cut_off)

    below = saver_below(organisation, year)

    def reading_below(_i: int) -> None:
        below()  # a real reading saved through the service, somewhere below the organisation

    def target_below(_i: int) -> None:
        # a real target created through the service in a cell below it (the years and documents forgotten)
        cell = Organisation.objects.filter(path__startswith=organisation.path, depth=3).order_by("?").first()
        assert cell is not None
        new_target(cell, year, "count", None)

    slow = min(bench.repeat, 5)  # seconds apiece under the root: fewer runs
    bare = bench.measure(
        f"baseline: bare SQL of the {label} dashboard's numbers, from the readings", bare_sql, repeat=slow
    )
    bare_steps = bench.measure(
        f"baseline: bare SQL of the {label} dashboard's numbers, from the subtree steps", bare_sql_steps
    )
    cold = bench.measure(
        f"dashboard of the {label} (after a write: no cache)",
        view,
        before=reading_below,
        note="first view after a reading saved below it",
    )
    bench.measure(
        f"dashboard of the {label} (after a new target below it)",
        view,
        before=target_below,
        note="first view after a target created below it",
        repeat=slow,
    )
    warm = bench.measure(f"dashboard of the {label}", view)
    # Narrowed by shape (the stored steps per shape) and by words of the title (steps computed from the
    # matching targets' readings): no goal was set for these.
    narrowings = (("by shape", {"shape": "quantity"}), ("by words of the title", {"q": "kết nạp"}))
    for narrowing, query in narrowings:

        def narrowed(_i: int, query: dict[str, str] = query) -> None:
            ok(client.get(url, query))

        bench.measure(
            f"dashboard of the {label} narrowed {narrowing} (after a write)",
            narrowed,
            before=reading_below,
            note="first view after a reading saved below it",
            repeat=slow,
        )
    period = parse_period(str(year))
    product = bench.measure(
        f"the {label} dashboard's numbers, product code (no cache)",
        lambda _i: dashboard_numbers(organisation, period, cut_off, Q(), 6),
    )
    # The benchmark checks its own figures: the product's numbers must be those of the bare SQL, both
    # taken now, one after the other. The measures above saved readings and created targets below the
    # organisation after the bare SQL's timed runs, so comparing with the figures of those runs compared
    # two states of the data (issue 24: the check failed at scale 10, the product was right).
    theirs = baseline.dashboard(organisation, year, cut_off)
    ours = dashboard_numbers(organisation, period, cut_off, Q(), 6)
    fields = ("total", "met", "exceeded", "not_met", "behind", "on_track", "no_data")

    def counts(numbers: Any) -> list[int]:
        return [getattr(numbers, f) for f in fields]

    agree = (
        all(
            counts(ours[key]) == counts(getattr(theirs, key))
            for key in ("headline", "last_year", "previous_period")
        )
        and [(p["met"], p["total"]) for p in ours["trend"]] == [(n.met, n.total) for n in theirs.trend]
        and {path: counts(r) for path, r in ours["children"].items()}
        == {path: counts(n) for path, n in theirs.children.items()}
    )
    ratios[f"dashboard {label}: the product's numbers equal the bare SQL's (1 = yes)"] = 1.0 if agree else 0.0
    for name, base in (("readings", bare), ("steps", bare_steps)):
        ratios[f"dashboard {label} numbers / bare SQL from the {name} (median)"] = round(
            product["median_ms"] / base["median_ms"], 2
        )
    for name, base in (("readings", bare), ("steps", bare_steps)):
        ratios[f"dashboard {label} / bare SQL from the {name} (median)"] = round(
            warm["median_ms"] / base["median_ms"], 2
        )
        ratios[f"dashboard {label} after a write / bare SQL from the {name} (median)"] = round(
            cold["median_ms"] / base["median_ms"], 2
        )


def list_urls(organisation: Organisation) -> dict[str, str]:
    """Every list page and API list, as a user whose scope is `organisation` opens it (first page)."""
    return {
        "home (dashboard of the own organisation)": reverse("home"),
        "organisation list": reverse("committees:organisation_list"),
        "cells to upgrade": reverse("committees:cells_to_upgrade"),
        "quality ratings of the organisation": reverse(
            "committees:organisation_ratings", args=[organisation.pk]
        ),
        "member list": reverse("committees:member_list"),
        "audit trail": reverse("committees:audit_list"),
        "target list": reverse("targets:target_list"),
        "document list": reverse("resolutions:document_list"),
        "task list": reverse("resolutions:task_list"),
        "report list": reverse("reports:report_list"),
        "meeting list": reverse("reports:meeting_list"),
        "API organisations": reverse("api:organisation-list"),
        "API targets": reverse("api:target-list"),
        "API readings": reverse("api:reading-list"),
        "API documents": reverse("api:document-list"),
        "API tasks": reverse("api:task-list"),
    }


def scoped_client(username: str, organisation: Organisation) -> Client:
    user, _ = User.objects.get_or_create(username=username)
    if not Role.objects.filter(user=user, organisation=organisation, kind="admin").exists():
        org_services.role_grant(user=user, organisation=organisation, kind="admin", acting_user=None)
    client = Client()
    client.force_login(user)
    return client


def new_target(cell: Organisation, year: int, shape: str, user: Any) -> Target:
    """A real target created through the service in `cell`, as the benchmark's writes make them."""
    from targets import services as target_services

    return target_services.target_create(
        code=f"BENCH-{time.time_ns()}", organisation=cell, title="Chỉ tiêu thêm khi đo", period=str(year),
        shape=shape, planned=Decimal(10), acting_user=user,
    )  # fmt: skip


def new_member(cell: Organisation, user: Any) -> None:
    """A member joining `cell` through the service."""
    org_services.member_create(organisation=cell, full_name="Đảng viên Đo Lường", gender="male",
                               acting_user=user)  # fmt: skip


def _same_kinds_below(grassroots: Organisation, year: int, user: Any) -> None:
    """One write of each kind the benchmark makes (a target created, a reading saved, a member joined), by
    a user, in a cell of the grassroots committee, so also in its district's and the root's subtrees.

    Pages like the audit trail run one query per kind of object their rows name (not per row): without
    this, the district's trail held the kinds the earlier groups wrote there and the grassroots
    committee's did not, and the two sizes of scope were compared on different data (issue 24).
    """
    from targets import services as target_services

    cell = Organisation.objects.filter(path__startswith=grassroots.path, depth=3).order_by("id").first()
    assert cell is not None
    with transaction.atomic():
        target = new_target(cell, year, "quantity", user)
        target_services.reading_record(
            target=target, cut_off=date(year, 8, 31), value=Decimal("11"), note="đo", acting_user=user
        )
        new_member(cell, user)


def list_pages(
    bench: Bench, root: Organisation, mid: Organisation, grassroots: Organisation, year: int
) -> dict[str, dict[str, Any]]:
    """Every list page timed at the root's scope, and its queries counted at two sizes of scope (a
    district: ~330 organisations; a grassroots committee: ~10) whose data have the same shape, which must
    be equal (the root has no breadcrumb, so one query fewer on the pages that show one)."""
    counts: dict[str, dict[str, Any]] = {}
    clients = {
        "root": scoped_client("bench", root),
        "district": scoped_client("bench-district", mid),
        "grassroots": scoped_client("bench-grassroots", grassroots),
    }
    _same_kinds_below(grassroots, year, User.objects.get(username="bench-grassroots"))
    for label, organisation in (("root", root), ("district", mid), ("grassroots", grassroots)):
        for name, url in list_urls(organisation).items():

            def view(_i: int, url: str = url, client: Client = clients[label]) -> None:
                ok(client.get(url))

            row = bench.measure(
                f"{name} ({label})", view, repeat=bench.repeat if label == "root" else 3, note="list page"
            )
            counts.setdefault(name, {})[label] = row["queries"]
    # The cells' member counts are cached per subtree: their first view after a member joins a cell.
    cells = Organisation.objects.filter(path__startswith=root.path, depth=3).order_by("id")

    def member_joins(i: int) -> None:
        cell = cells[(i + 1) * 37 % cells.count()]
        new_member(cell, None)

    url = reverse("committees:cells_to_upgrade")
    bench.measure(
        "cells to upgrade (root), first view after a member joined a cell",
        lambda _i: ok(clients["root"].get(url)),
        before=member_joins,
        repeat=min(bench.repeat, 5),
        note="list page",
    )
    return counts


def http_pages(bench: Bench, root: Organisation, requests: int) -> None:
    """The same pages over HTTP, from a real gunicorn (2 workers, the product's settings): what a browser
    waits for, rendering and middleware included."""
    import tempfile
    import urllib.request

    client = scoped_client("bench", root)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    folder = Path(tempfile.mkdtemp(prefix="bench-http-"))
    env = {**os.environ, "STATIC_ROOT": str(folder / "static"), "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env,
                   check=True, capture_output=True)  # fmt: skip
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", "2", "--no-control-socket", "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/web", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
                time.sleep(0.3)

        def fetch(path: str) -> None:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"},
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                assert response.status == 200 and response.geturl().endswith(path), response.geturl()
                response.read()

        for name, url in list_urls(root).items():

            def get(_i: int, url: str = url) -> None:
                fetch(url)

            bench.measure(f"HTTP: {name} (root)", get, repeat=requests, note="over HTTP, gunicorn")
        dashboard_url = reverse("dashboard", args=[root.pk])
        bench.measure("HTTP: dashboard of the root", lambda _i: fetch(dashboard_url), repeat=requests,
                      note="over HTTP, gunicorn")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


def saver_below(organisation: Organisation, year: int) -> Callable[[], None]:
    """Each call saves one new reading through `targets.services.reading_record` on a quantity target of
    a cell below `organisation` (a different one each time, picked at random across the subtree), as a
    person entering figures does: the steps and the cache are kept exactly as in the product."""
    from targets import services as target_services

    cut_off = date(year, 8, 31)
    candidates = list(
        Target.objects.filter(
            period_start__year=year, shape="quantity", organisation__path__startswith=organisation.path,
            organisation__depth=3,
        )
        .exclude(readings__cut_off=cut_off)
        .values_list("id", flat=True)[:5000]
    )  # fmt: skip
    order = random.Random(24)
    order.shuffle(candidates)
    picks = iter(candidates)

    def save() -> None:
        target = Target.objects.select_related("organisation").get(pk=next(picks))
        with transaction.atomic():
            target_services.reading_record(
                target=target, cut_off=cut_off, value=Decimal("11"), note="đo", acting_user=None
            )

    return save


def pages(bench: Bench, client: Client, grassroots: Organisation, year: int, province: Generated) -> None:
    grid_url = reverse("targets:entry_grid", args=[grassroots.pk, str(year)])
    bench.measure("entry grid (40 targets)", lambda _i: ok(client.get(grid_url)))

    # Saving one reading: a new cut-off for a different quantity target each time.
    save_targets = list(
        Target.objects.filter(period_start__year=year, shape="quantity", organisation__depth=3)
        .exclude(readings__cut_off=date(year, 9, 30))  # not saved by an earlier run of the benchmark
        .order_by("id")
        .values_list("id", flat=True)[: bench.repeat + 1]
    )
    save_cut_off = f"30/9/{year}"

    def save(i: int) -> None:
        response = client.post(
            reverse("targets:entry_save", args=[save_targets[i + 1]]),
            # The note lets the value through the outlier check whatever the generated history.
            {"value": "12", "kind": "official", "cut_off": save_cut_off, "expected": "0", "note": "đo"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200 and b'data-saved="1"' in response.content, response.content[:500]

    bench.measure("save one reading (htmx row)", save)
    members_url = reverse("committees:member_list") + "?q=nguyen+van+an"
    bench.measure("member list, search «nguyen van an»", lambda _i: ok(client.get(members_url)))
    document_url = reverse("resolutions:document_detail", args=[province.root_document_id])
    bench.measure("document page with its implementation tree", lambda _i: ok(client.get(document_url)))


def pdf(
    bench: Bench,
    organisation: Organisation,
    label: str,
    year: int,
    user: User,
    ratios: dict[str, float],
    repeat: int,
) -> None:
    """One semi-annual report rendered whole; the share outside WeasyPrint is measured in each run."""
    report = Report.objects.filter(organisation=organisation, period=f"{year}-H1").first()
    if report is None:
        report = report_services.report_create(
            organisation=organisation, kind="semi_annual", period=f"{year}-H1", acting_user=user
        )
    shares: list[float] = []
    html = ""

    def render(_i: int) -> None:
        nonlocal html
        started = time.perf_counter()
        html = render_html(report_context(report))
        outside = time.perf_counter() - started
        started_pdf = time.perf_counter()
        html_to_pdf(html)
        shares.append(outside / (outside + time.perf_counter() - started_pdf))

    whole = bench.measure(f"render one semi-annual report PDF ({label})", render, repeat=repeat)
    overhead = statistics.median(shares[1:]) * 100
    whole["note"] = f"{overhead:.1f}% of the time outside WeasyPrint"
    if repeat == 1:
        return
    weasy = bench.measure(
        "baseline: WeasyPrint alone on the same HTML", lambda _i: html_to_pdf(html), repeat=repeat
    )
    ratios["report PDF / WeasyPrint alone (median)"] = round(whole["median_ms"] / weasy["median_ms"], 2)
    ratios["report time outside WeasyPrint (%)"] = round(overhead, 1)


def import_measure(bench: Bench, year: int, user: User) -> None:
    """10.000 readings through the workbook: 2.500 existing targets × 4 new cut-offs, new ones each run."""
    from openpyxl import Workbook

    from exchange.workbook import import_workbook

    months = [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (7, 31), (8, 31), (9, 15), (10, 31), (11, 30),
              (12, 15), (1, 15)]  # fmt: skip
    runs = 3
    cut_offs = [[*months[run * 3 : run * 3 + 3], (6, 1 + run)] for run in range(runs + 1)]
    every_day = {date(year, month, day) for days in cut_offs for month, day in days}
    # 2.500 targets drawn at random across the province (about 2.100 organisations), not the first 2.500
    # by id (313 organisations): each organisation touched costs its own steps and locks.
    pool = list(
        Target.objects.filter(period_start__year=year, shape__in=("quantity", "count"))
        .exclude(readings__cut_off__in=every_day)  # not imported by an earlier run of the benchmark
        .values_list("code", "organisation_id")
    )
    codes_orgs = random.Random(9).sample(pool, min(2500, len(pool)))
    codes = [code for code, _org in codes_orgs]
    spread = len({org for _code, org in codes_orgs})
    books = []
    for run in range(runs + 1):
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "readings"
        sheet.append(["target_code", "cut_off", "value"])
        for code in codes:
            for month, day in cut_offs[run]:
                sheet.append([code, f"{day}/{month}/{year}", "7"])
        buffer = io.BytesIO()
        book.save(buffer)
        books.append(buffer.getvalue())
    count = len(codes) * 4

    def run_import(i: int) -> None:
        result = import_workbook(io.BytesIO(books[i + 1]), acting_user=user)
        assert result.ok, result.problems[:3]

    # The goal (≤ 10 s, issue 24) is for this spread case: the name says so, the note how far it spread.
    bench.measure(
        f"import {count:,} readings spread over the province (workbook)".replace(",", "."),
        run_import,
        repeat=runs,
        note=f"{spread:,} organisations".replace(",", ".") + ", targets drawn at random",
    )


def celery_batch(concurrency: int, count: int, year: int, user: User) -> float:
    """Start a real worker with `concurrency` processes, queue `count` report runs, time until all are done."""
    env = dict(os.environ)
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency", str(concurrency),
        "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-n", f"bench{concurrency}@%h",
    ]  # fmt: skip
    subprocess.run([sys.executable, "-m", "celery", "-A", "config", "purge", "-f"], cwd=ROOT, env=env,
                   capture_output=True, check=False)  # fmt: skip
    worker = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        ping = core_services.worker_ping_request()
        deadline = time.monotonic() + 120
        while not WorkerPing.objects.filter(pk=ping.pk, answered_at__isnull=False).exists():
            assert time.monotonic() < deadline, "the worker did not answer"
            time.sleep(0.2)
        orgs = list(Organisation.objects.filter(depth=2).order_by("id")[:count])
        reports = []
        for organisation in orgs:
            report = Report.objects.filter(organisation=organisation, period=f"{year}-H1").first()
            reports.append(
                report
                or report_services.report_create(
                    organisation=organisation, kind="semi_annual", period=f"{year}-H1", acting_user=user
                )
            )
        started = time.perf_counter()
        runs = []
        for report in reports:
            with transaction.atomic():
                runs.append(run_services.report_run_request(report=report, acting_user=user).pk)
        while True:
            finished = ReportRun.objects.filter(pk__in=runs, status__in=(RunStatus.DONE, RunStatus.FAILED))
            if finished.count() == len(runs):
                break
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
        failed = ReportRun.objects.filter(pk__in=runs, status=RunStatus.FAILED).count()
        assert failed == 0, f"{failed} report runs failed"
        return elapsed
    finally:
        worker.terminate()
        worker.wait(timeout=60)


def goals(
    rows: list[dict[str, Any]], ratios: dict[str, float], query_counts: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    by_name = {row["name"]: row for row in rows}
    checks: list[dict[str, Any]] = []

    def goal(text: str, actual: float | None, limit: float, higher_is_better: bool = False) -> None:
        met = actual is not None and (actual >= limit if higher_is_better else actual <= limit)
        checks.append({"goal": text, "actual": actual, "limit": limit, "met": met})

    for label in ("root", "mid-level"):
        for name in (
            f"dashboard of the {label}",
            f"dashboard of the {label} (after a write: no cache)",
            f"dashboard of the {label} (after a new target below it)",
        ):
            if name in by_name:
                goal(f"{name}: p95 ≤ 150 ms", by_name[name]["p95_ms"], 150)
                goal(f"{name}: constant number of queries", len(by_name[name]["queries"]), 1)
        for base in ("steps", "readings"):
            ratio = f"dashboard {label} numbers / bare SQL from the {base} (median)"
            if ratio in ratios:
                goal(f"the {label} dashboard's numbers: ≤ 2× bare SQL from the {base}", ratios[ratio], 2)
        for narrowing in ("by shape", "by words of the title"):
            name = f"dashboard of the {label} narrowed {narrowing} (after a write)"
            if name in by_name:  # issue 24: the narrowed dashboards are held to the dashboards' goal
                goal(f"{name}: p95 ≤ 150 ms", by_name[name]["p95_ms"], 150)
    if "save one reading (htmx row)" in by_name:
        goal("save one reading: p95 ≤ 50 ms", by_name["save one reading (htmx row)"]["p95_ms"], 50)
    if "report time outside WeasyPrint (%)" in ratios:
        goal("report PDF: time outside WeasyPrint ≤ 20%", ratios["report time outside WeasyPrint (%)"], 20)
    if "report throughput, 2 workers / 1" in ratios:
        goal(
            "2 workers ≥ 1,7× the report throughput of 1",
            ratios["report throughput, 2 workers / 1"],
            1.7,
            True,
        )
    loads = [row for row in rows if row["name"].startswith("load: ")]
    if loads:
        goal(f"{loads[0]['name']}: p95 ≤ 500 ms", loads[0]["p95_ms"], 500)
    imports = [row for row in rows if row["name"].startswith("import ")]
    if imports:
        goal(f"{imports[0]['name']} ≤ 10 s", imports[0]["median_ms"] / 1000, 10)
    for row in rows:
        if row["note"] == "list page" and "(root)" in row["name"]:
            goal(f"{row['name']}: p95 ≤ 300 ms", row["p95_ms"], 300)
        if row["note"] == "over HTTP, gunicorn":
            goal(f"{row['name']}: p95 ≤ 500 ms", row["p95_ms"], 500)
    load_p95 = "load: p95 at 50 users, median of the runs (ms)"
    if load_p95 in ratios:
        goal("50 users (the load test's mix): p95 ≤ 500 ms", ratios[load_p95], 500)
    for name, value in ratios.items():
        if "equal the bare SQL" in name:
            goal(name, value, 1, True)
    for name, sizes in (query_counts or {}).items():
        same = float(sizes["district"] == sizes["grassroots"])
        goal(f"{name}: the same queries for a district and a grassroots committee", same, 1, True)
    return checks


def print_table(results: dict[str, Any]) -> None:
    print()
    print(f"Province benchmark — {results['database']}, scale {results['scale']}, {results['machine']}")
    print("counts: " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in results["counts"].items()))
    print(f"| {'measure':<60} | {'median ms':>10} | {'p95 ms':>10} | {'queries':>8} | note")
    print(f"|{'-' * 62}|{'-' * 12}|{'-' * 12}|{'-' * 10}|------")
    for row in results["measures"]:
        queries = ",".join(map(str, row["queries"]))
        print(
            f"| {row['name']:<60} | {row['median_ms']:>10} | {row['p95_ms']:>10} | {queries:>8} | {row['note']}"
        )
    print()
    for name, value in results["ratios"].items():
        print(f"  {name}: {value}")
    print()
    for check in results["goals"]:
        print(f"  [{'met ' if check['met'] else 'MISS'}] {check['goal']} (actual {check['actual']})")
    met = sum(1 for check in results["goals"] if check["met"])
    print(f"  {met} of {len(results['goals'])} goals met at commit {results['commit']}")


def _git_commit() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
        return f"{commit}+uncommitted changes" if changed else commit
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    main()
