"""Time the Word export (docs/word-export.md) of the province's reports: root, a district, a grassroots
committee, on the database bench/province.py generates (run that first, e.g. with --only pdf).

    DATABASE_URL=postgres://…/chitieu_bench uv run python bench/docx_report.py --repeat 3 [--pdf]

Each step is timed on its own: the report's context (the queries), the HTML of the PDF template, reading it
into the description, and python-docx writing the file; --pdf also renders the same context to PDF once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.generate import CODE_PREFIX  # noqa: E402
from committees.models import Organisation  # noqa: E402
from reports import services as report_services  # noqa: E402
from reports.context import report_context  # noqa: E402
from reports.docx import build_docx  # noqa: E402
from reports.docx_report import party_document_from_html  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.pdf import html_to_pdf, render_html  # noqa: E402


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, list[float]]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, times


def _report(organisation: Organisation, period: str) -> Report:
    found = Report.objects.filter(organisation=organisation, period=period, kind="semi_annual").first()
    return found or report_services.report_create(
        organisation=organisation, kind="semi_annual", period=period, acting_user=None
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--period", default="")
    parser.add_argument("--pdf", action="store_true", help="also render the PDF of the same context once")
    args = parser.parse_args()
    root = Organisation.objects.filter(code=CODE_PREFIX).first()
    if root is None:
        sys.exit("no province in the database: run bench/province.py first")
    district = Organisation.objects.filter(parent=root).order_by("id").first()
    grassroots = Organisation.objects.filter(parent=district).order_by("id").first()
    # The period bench/province.py renders: the first half of its newest year.
    period = args.period or f"{timezone.localdate().year}-H1"
    print(f"database {connection.vendor} {connection.settings_dict['NAME']}, period {period}")
    for label, organisation in (("province", root), ("district", district), ("grassroots", grassroots)):
        if organisation is None:
            continue
        report = _report(organisation, period)
        with CaptureQueriesContext(connection) as queries:
            context, t_context = _timed(partial(report_context, report), args.repeat)
        html, t_html = _timed(partial(render_html, context), args.repeat)
        described, t_read = _timed(partial(party_document_from_html, html), args.repeat)
        data, t_build = _timed(partial(build_docx, described), args.repeat)
        total = [sum(step) for step in zip(t_context, t_html, t_read, t_build, strict=True)]
        print(
            f"{label:10} targets {len(context.targets):4} tasks {len(context.tasks):6} "
            f"docx {len(data) / 1024:7.0f} KiB | context {statistics.median(t_context):6.2f} s "
            f"({len(queries) // args.repeat} queries), html {statistics.median(t_html):6.2f} s, "
            f"read {statistics.median(t_read):6.2f} s, python-docx {statistics.median(t_build):6.2f} s "
            f"| whole median {statistics.median(total):6.2f} s, max {max(total):6.2f} s",
            flush=True,
        )
        if args.pdf:
            pdf, t_pdf = _timed(partial(html_to_pdf, html), 1)
            print(
                f"{'':10} WeasyPrint PDF of the same HTML: {t_pdf[0]:.1f} s, {len(pdf) / 1024:.0f} KiB",
                flush=True,
            )


if __name__ == "__main__":
    main()
