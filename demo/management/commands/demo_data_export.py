from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from committees.models import Organisation
from demo.data import CODE_SHEETS, SETS, export_rows, shift_rows, write_set
from demo.services import loaded_anchor


class Command(BaseCommand):
    help = (
        "Write the demo's data files (demo/data/<set>/*.csv) from the demo loaded in the database, through "
        "the workbook export, each set moved back to the year its story is set in."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        anchor = loaded_anchor()
        if anchor is None:
            raise CommandError("No demo is loaded: run load_demo first.")
        for data_set in SETS:
            root = Organisation.objects.get(code=data_set.root)
            sheets = {
                name: shift_rows(rows, data_set.story_year - anchor)
                for name, rows in export_rows(root).items()
                if name not in CODE_SHEETS
            }
            for path in write_set(data_set, sheets):
                self.stdout.write(
                    f"{path.relative_to(path.parents[2])}: {sum(1 for _ in path.open()) - 1} rows"
                )
