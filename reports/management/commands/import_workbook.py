from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reports.workbook import WorkbookError, import_workbook


class Command(BaseCommand):
    help = "Import the exchange workbook (WORKBOOK.md). Nothing is saved unless every row is valid."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.exists():
            raise CommandError(f"Không có tệp {path}")
        try:
            with path.open("rb") as stream:
                result = import_workbook(stream, acting_user=None, size=path.stat().st_size)
        except WorkbookError as error:
            raise CommandError(error.message) from None
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(result.problems)} lỗi: không có dữ liệu nào được lưu.")
        created = ", ".join(f"{k}: {v}" for k, v in result.created.items()) or "0"
        updated = ", ".join(f"{k}: {v}" for k, v in result.updated.items()) or "0"
        self.stdout.write(f"Đã nhập. Thêm mới — {created}. Cập nhật — {updated}.")
