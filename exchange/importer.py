"""The exchange workbook (../shared/domain/WORKBOOK.md): import with full validation first, export with
computed columns. All or nothing: nothing is saved unless every row of every sheet is valid, and inside
the importing user's scope (see "scope" in _Importer); without a user, as the operator of the server.

Rows are matched by their codes and numbers, readings by target and cut-off, so importing the same
workbook twice changes nothing. Every write goes through the apps' services."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

if TYPE_CHECKING:
    from committees.access import AnyUser

from exchange import (
    sheets_follows,
    sheets_inspection_items,
    sheets_inspections,
    sheets_links,
    sheets_meetings,
    sheets_programmes,
    sheets_reports,
)
from exchange.import_documents import DocumentSheets
from exchange.import_targets import TargetSheets
from exchange.import_tree import TreeSheets
from exchange.reader import read_workbook
from exchange.sheets import ImportResult, Problem


class _Importer(TreeSheets, DocumentSheets, TargetSheets):
    """Validates every sheet in dependency order, then saves them in the same order."""

    # Validation, sheet by sheet, in dependency order; `checked` hears of each sheet once it is done.
    def validate(self, checked: Callable[[str], None] = lambda sheet: None) -> None:
        self.validate_organisations()
        checked("organisations")
        self.validate_members()
        checked("members")
        self.validate_documents()
        checked("documents")
        self.validate_targets()
        checked("targets")
        self.validate_readings()
        checked("readings")
        self.validate_tasks()
        checked("tasks")
        sheets_inspections.validate(self)
        checked("inspections")
        checked("inspection_subjects")
        sheets_meetings.validate(self)
        for name in sheets_meetings.COLUMNS:
            checked(name)
        sheets_follows.validate(self)
        checked("document_follows")
        sheets_links.validate_links(self)
        checked("document_links")
        sheets_links.validate_ratings(self)
        checked("ratings")
        sheets_programmes.validate(self)
        checked("inspection_programmes")
        sheets_inspection_items.validate(self)
        for name in sheets_inspection_items.COLUMNS:
            checked(name)
        sheets_reports.validate(self)
        for name in sheets_reports.COLUMNS:
            checked(name)

    def save(self) -> None:
        rows = {name: sheet.rows for name, sheet in self.sheets.items()}
        self.save_organisations(rows.get("organisations", []))
        self.save_members(rows.get("members", []))
        self.save_documents(rows.get("documents", []))
        self.save_targets(rows.get("targets", []))
        self.save_readings(rows.get("readings", []))
        self.save_tasks(rows.get("tasks", []))
        sheets_inspections.save(self, rows)
        # After the tasks sheet: a meeting row links its conclusions to tasks saved there.
        sheets_meetings.save(self, rows)
        sheets_follows.save(self, rows)
        # After the documents sheet, whose `implements` column may give a link of this sheet too.
        sheets_links.save_links(self, rows)
        sheets_links.save_ratings(self, rows)
        sheets_programmes.save(self, rows)
        sheets_inspection_items.save_items(self, rows)
        # After the meetings and documents sheets: a report names the meetings and the document it reviews.
        sheets_reports.save(self, rows)


def import_workbook(
    stream: IO[bytes],
    *,
    acting_user: AnyUser | None,
    size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate everything; save only if there is no problem at all, in one transaction.

    `progress(rows_done, rows_total)` is told of the rows of data checked, sheet by sheet: outside the
    saving transaction, so that another connection (the page polling a background import) sees it."""
    sheets, problems = read_workbook(stream, size=size)
    total = sum(len(sheet.rows) for sheet in sheets.values())
    done = 0

    def checked(name: str) -> None:
        nonlocal done
        done += len(sheets[name].rows) if name in sheets else 0
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    importer = _Importer(sheets, acting_user)
    importer.problems.extend(problems)
    importer.validate(checked)
    if importer.problems:
        importer.result.problems = importer.problems
        return importer.result
    try:
        with transaction.atomic():
            importer.save()
    except ValidationError as error:
        importer.result.problems = [Problem("", 0, "", message) for message in error.messages]
    return importer.result
