"""The English catalogue is complete and the compiled catalogue in the repository matches it."""

from __future__ import annotations

import subprocess
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_string_is_translated() -> None:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(PO)], capture_output=True, text=True, check=True
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), (
        "run: python manage.py compilemessages"
    )
