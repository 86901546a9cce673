from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from core.vn import both_languages
from demo.services import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data built from the shared seed articles, dated so that its latest half-year is the "
        "last one ended (or the first half of --year). Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year",
            type=int,
            help="Set the story in the first half of this year (default: the latest one that has ended).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = options.get("year")
        if year is not None and not 2000 <= year <= 2100:
            raise CommandError(_("Năm không hợp lệ: %(year)s.") % {"year": year})
        started = time.monotonic()
        with translation.override("vi"):
            summary = load_demo(year=year, stdout=self.stdout)
        seconds = time.monotonic() - started
        self.stdout.write(
            both_languages(
                lambda: (
                    _("Dữ liệu mẫu (%(seconds).1f giây): %(counts)s.")
                    % {
                        "seconds": seconds,
                        "counts": ", ".join(f"{label}: {n}" for label, n in summary.lines()),
                    }
                )
            )
        )
