"""manage.py render_report --org CODE --period 2024-H1 [--cut-off DATE] --out FILE.pdf

Renders an organisation's report for a period through the same services as the worker, synchronously.
The newest version of that report is used; without one, a draft is created first. An --out ending in
.docx writes the Word file the same run builds beside the PDF (docs/word-export.md).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from committees.models import Organisation
from core.vn import VnValueError, parse_date
from reports import run_services, services
from reports.models import Report, ReportKind, RunStatus
from targets.periods import PeriodError, PeriodKind, parse_period

KIND_BY_PERIOD = {
    PeriodKind.HALF: ReportKind.SEMI_ANNUAL,
    PeriodKind.NINE_MONTHS: ReportKind.NINE_MONTHS,
    PeriodKind.YEAR: ReportKind.ANNUAL,
    PeriodKind.TERM: ReportKind.TERM_REVIEW,
}


class Command(BaseCommand):
    help = "Xuất báo cáo của một tổ chức ra tệp PDF (chạy đồng bộ, cùng dịch vụ với tiến trình nền)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="Mã tổ chức, ví dụ SLDTBXH-HCM")
        parser.add_argument("--period", required=True, help="Kỳ, ví dụ 2024-H1")
        parser.add_argument("--cut-off", dest="cut_off", help="Số liệu tính đến ngày (mặc định: của báo cáo)")
        parser.add_argument("--out", required=True, help="Tệp PDF (hoặc .docx: bản Word) sẽ ghi ra")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["org"]).select_related("parent").first()
        if organisation is None:
            raise CommandError(f"Không có tổ chức mã {options['org']}")
        try:
            period = parse_period(options["period"])
            cut_off = parse_date(options["cut_off"]) if options["cut_off"] else None
        except (PeriodError, VnValueError) as error:
            raise CommandError(error.message) from None
        report = (
            Report.objects.filter(organisation=organisation, period=period.code)
            .order_by("-version", "-id")
            .first()
        )
        official = (
            report.runs.filter(official=True, status=RunStatus.DONE).order_by("-id").first()
            if report is not None and report.is_issued and cut_off is None
            else None
        )
        word = Path(options["out"]).suffix.lower() == ".docx"
        if official is not None and (official.docx or not word):
            # An issued report's PDF is fixed: hand out the stored file rather than render it anew.
            self._copy(official.docx if word else official.pdf, Path(options["out"]))
            self.stdout.write(f"{options['out']} — tệp chính thức đã lưu, SHA-256 {official.sha256}")
            return
        try:
            if report is None:
                report = services.report_create(
                    organisation=organisation,
                    kind=KIND_BY_PERIOD[period.kind],
                    period=period.code,
                    acting_user=None,
                )
                self.stdout.write(f"Đã tạo dự thảo báo cáo #{report.pk}")
            run = run_services.report_run_request(
                report=report, acting_user=None, cut_off=cut_off, enqueue=False
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        started = time.monotonic()
        outcome = run_services.report_run_execute(run_id=run.pk)
        run.refresh_from_db()
        if run.status != RunStatus.DONE:
            raise CommandError(f"Không tạo được tệp PDF ({outcome}): {run.error}")
        out = Path(options["out"])
        self._copy(run.docx if word else run.pdf, out)
        self.stdout.write(
            f"{out} — {out.stat().st_size} bytes, SHA-256 {run.sha256}, {time.monotonic() - started:.1f} s"
        )

    @staticmethod
    def _copy(pdf: Any, out: Path) -> None:
        with pdf.open("rb") as source, out.open("wb") as target:
            shutil.copyfileobj(source, target)
