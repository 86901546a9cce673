"""Run the product on one machine: gunicorn for the web, a Celery worker and Celery beat beside it.

This is what the Quick start runs. It supervises its children: one that dies is started again after a
pause that doubles with each quick death (1 s, 2 s, 4 s… at most a minute; back to 1 s once a child has
run for a minute), with a line in the log. Ctrl-C or SIGTERM stops them all. Beat runs as a process of its
own, with its schedule file under var/beat/ (config/beat.py), so that a worker restarted alone does not
take the schedule with it.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.vn import both_languages

logger = logging.getLogger("chitieu.serve")

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0
# A child that ran this long before dying is restarted after FIRST_PAUSE again.
STEADY_SECONDS = 60.0


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    quick_deaths: int = 0
    start_at: float = 0.0
    restarts: int = 0

    def start(self, now: float) -> None:
        self.process = subprocess.Popen(self.command)
        self.started_at = now


def supervise(
    children: list[Child],
    *,
    stopping: Callable[[], bool],
    every: float = 0.5,
    first_pause: float = FIRST_PAUSE,
    longest_pause: float = LONGEST_PAUSE,
    steady_seconds: float = STEADY_SECONDS,
) -> None:
    """Start the children and keep them running until `stopping()`; then stop them all."""
    clock = time.monotonic
    for child in children:
        child.start(clock())
    try:
        while not stopping():
            now = clock()
            for child in children:
                if child.process is None:
                    if now >= child.start_at:
                        child.restarts += 1
                        logger.warning("serve: starting %s again (restart %d)", child.name, child.restarts)
                        child.start(now)
                    continue
                code = child.process.poll()
                if code is None:
                    continue
                ran = now - child.started_at
                child.quick_deaths = 0 if ran >= steady_seconds else child.quick_deaths + 1
                pause = min(longest_pause, first_pause * 2 ** max(child.quick_deaths - 1, 0))
                logger.error(
                    "serve: %s exited with status %s after %.1f s; restarting in %.0f s",
                    child.name,
                    code,
                    ran,
                    pause,
                )
                child.process = None
                child.start_at = now + pause
            time.sleep(every)
    finally:
        _stop_all(children)


def _stop_all(children: list[Child]) -> None:
    running = [c.process for c in children if c.process is not None and c.process.poll() is None]
    for process in running:
        process.terminate()
    for process in running:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Command(BaseCommand):
    help = "Serve the web application with a background worker and beat, restarting any that dies."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=2)

    def handle(self, *args: Any, bind: str, web_workers: int, **options: Any) -> None:
        bin_dir = os.path.dirname(sys.executable)
        celery = os.path.join(bin_dir, "celery")
        (settings.VAR_DIR / "broker").mkdir(parents=True, exist_ok=True)
        children = [
            Child(
                "web",
                [
                    os.path.join(bin_dir, "gunicorn"),
                    "config.wsgi",
                    "--bind",
                    bind,
                    "--workers",
                    str(web_workers),
                    "--no-control-socket",
                    "--access-logfile",
                    "-",
                ],
            ),
            Child(
                "worker",
                [
                    celery,
                    "-A",
                    "config",
                    "worker",
                    # Both queues (config/settings.py): one machine, one worker for PDFs and the rest.
                    "--queues",
                    f"{settings.CELERY_TASK_DEFAULT_QUEUE},{settings.REPORTS_QUEUE}",
                    "--concurrency",
                    "1",
                    "--max-tasks-per-child",
                    "20",
                    "--loglevel",
                    "INFO",
                ],
            ),
            Child("beat", [celery, "-A", "config", "beat", "--loglevel", "INFO"]),
        ]
        stop = False

        def _stop(signum: int, frame: Any) -> None:
            nonlocal stop
            stop = True

        signal.signal(signal.SIGINT, _stop)
        signal.signal(signal.SIGTERM, _stop)
        # The worker's and gunicorn's own lines follow, in English: say first, in Vietnamese, what runs.
        self.stdout.write(
            both_languages(
                lambda: (
                    _(
                        "Đang chạy tại http://%(bind)s: trang web, tiến trình nền và lịch chạy. Nhấn Ctrl-C để dừng."
                    )
                    % {"bind": bind}
                )
            )
        )
        supervise(children, stopping=lambda: stop)
