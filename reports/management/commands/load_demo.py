from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from committees.vn import both_languages
from reports.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data built from the shared seed articles. Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with translation.override("vi"):
            summary = load_demo(stdout=self.stdout)
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
