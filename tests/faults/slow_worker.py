"""A Celery worker whose report rendering pauses just before WeasyPrint, for the SIGKILL test.

Run as `python -m tests.faults.slow_worker -A config worker ...`: the pause is patched in before Celery
starts, so the pool children forked from this process inherit it. The product code is unchanged.
"""

from __future__ import annotations

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from celery.__main__ import main  # noqa: E402

from reports import pdf  # noqa: E402

_html_to_pdf = pdf.html_to_pdf


def _paused_html_to_pdf(html: str) -> bytes:
    time.sleep(float(os.environ.get("CHITIEU_TEST_RENDER_PAUSE", "300")))
    return _html_to_pdf(html)


pdf.html_to_pdf = _paused_html_to_pdf

if __name__ == "__main__":
    sys.argv[0] = "celery"
    sys.exit(main())
