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
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
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
from reports import services as report_services  # noqa: E402
from reports.models import Report, ReportRun, RunStatus  # noqa: E402
from reports.pdf import html_to_pdf, render_html  # noqa: E402
from reports.selectors import report_context  # noqa: E402
from resolutions.models import Document  # noqa: E402
from targets.dashboard import numbers as dashboard_numbers  # noqa: E402
from targets.models import Reading, Target  # noqa: E402
from targets.outcomes.subtree_cache import invalidate_paths  # noqa: E402
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
        "--only", default="", help="comma-separated groups to run: dashboards,pages,pdf,celery,import"
    )
    args = parser.parse_args()
    groups = set(filter(None, args.only.split(","))) or {"dashboards", "pages", "pdf", "celery", "import"}
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

    if "dashboards" in groups:
        cut_off = min(today, date(year, 12, 31))
        dashboards(bench, client, root, "root", year, cut_off, ratios)
        dashboards(bench, client, mid, "mid-level", year, cut_off, ratios)

    if "pages" in groups:
        pages(bench, client, grassroots, year, province)
    if "pdf" in groups:
        pdf(bench, grassroots, "grassroots committee", year, user, ratios, max(3, args.repeat // 2))
        pdf(bench, mid, "district", year, user, ratios, 1)
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
    if "import" in groups:
        import_measure(bench, year, user)

    results["measures"] = bench.rows
    results["ratios"] = ratios
    results["goals"] = goals(bench.rows, ratios)
    print_table(results)
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written {path}")


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

    def reading_below(_i: int) -> None:
        # exactly what saving a reading below it does to the cache (the steps are kept in the save)
        invalidate_paths([organisation.path], figures_only=True)

    def target_below(_i: int) -> None:
        invalidate_paths([organisation.path])  # creating a target below it: the years and documents too

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
    codes = list(
        Target.objects.filter(period_start__year=year, shape__in=("quantity", "count"))
        .exclude(readings__cut_off__in=every_day)  # not imported by an earlier run of the benchmark
        .order_by("id")
        .values_list("code", flat=True)[:2500]
    )
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

    bench.measure(f"import {count:,} readings (workbook)".replace(",", "."), run_import, repeat=runs)


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
                runs.append(report_services.report_run_request(report=report, acting_user=user).pk)
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


def goals(rows: list[dict[str, Any]], ratios: dict[str, float]) -> list[dict[str, Any]]:
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
    imports = [row for row in rows if row["name"].startswith("import ")]
    if imports:
        goal("import of 10.000 readings ≤ 10 s", imports[0]["median_ms"] / 1000, 10)
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


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    main()
