"""Run the product on one machine: gunicorn for the web, a Celery worker (with beat) beside it.

This is what the Quick start runs. Both processes stop together on Ctrl-C or when either dies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the web application and a background worker together."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=2)

    def handle(self, *args: Any, bind: str, web_workers: int, **options: Any) -> None:
        bin_dir = os.path.dirname(sys.executable)
        (settings.VAR_DIR / "broker").mkdir(parents=True, exist_ok=True)
        worker = [
            os.path.join(bin_dir, "celery"),
            "-A",
            "config",
            "worker",
            "--beat",
            "--schedule",
            str(settings.VAR_DIR / "celerybeat-schedule"),
            "--concurrency",
            "1",
            "--max-tasks-per-child",
            "20",
            "--loglevel",
            "INFO",
        ]
        web = [
            os.path.join(bin_dir, "gunicorn"),
            "config.wsgi",
            "--bind",
            bind,
            "--workers",
            str(web_workers),
            "--no-control-socket",
            "--access-logfile",
            "-",
        ]
        processes = [subprocess.Popen(worker), subprocess.Popen(web)]
        stop = False

        def _stop(signum: int, frame: Any) -> None:
            nonlocal stop
            stop = True

        signal.signal(signal.SIGINT, _stop)
        signal.signal(signal.SIGTERM, _stop)
        try:
            while not stop and all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [p for p in processes if p.returncode not in (0, -signal.SIGTERM, None)]
        if failed and not stop:
            sys.exit(1)
