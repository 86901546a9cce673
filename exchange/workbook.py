"""The exchange workbook's public face: what the pages, the commands, the jobs and the benchmark call.

The format is in sheets.py, reading a file in reader.py, the import in importer.py (one module per group of
sheets: import_tree, import_documents, import_targets) and the export in export.py.
"""

from exchange.export import export_workbook, template_workbook
from exchange.importer import import_workbook
from exchange.reader import Sheet, check_file, read_workbook
from exchange.sheets import (
    CODED,
    COLUMNS,
    COMPUTED,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    SHEET_LABELS,
    ImportResult,
    Problem,
    WorkbookError,
)

__all__ = [
    "CODED",
    "COLUMNS",
    "COMPUTED",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "SHEET_LABELS",
    "ImportResult",
    "Problem",
    "Sheet",
    "WorkbookError",
    "check_file",
    "export_workbook",
    "import_workbook",
    "read_workbook",
    "template_workbook",
]
