from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from committees.models import Organisation
from core.vn import VnValueError, parse_date
from exchange.workbook import export_workbook


class Command(BaseCommand):
    help = "Export the exchange workbook for an organisation's subtree (or everything)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--org", help="organisation code")
        parser.add_argument("--cut-off", help="dd/mm/yyyy or yyyy-mm-dd (default: today)")

    def handle(self, *args: Any, out: Path, org: str | None, cut_off: str | None, **options: Any) -> None:
        organisation = None
        if org:
            organisation = Organisation.objects.filter(code=org).first()
            if organisation is None:
                raise CommandError(f"Không có tổ chức mã «{org}».")
        try:
            day = parse_date(cut_off) if cut_off else None
        except VnValueError as error:
            raise CommandError(error.message) from None
        out.write_bytes(export_workbook(organisation=organisation, cut_off=day))
        self.stdout.write(f"Đã ghi {out}")
