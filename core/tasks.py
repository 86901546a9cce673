from __future__ import annotations

import socket

from celery import shared_task

from core import services


@shared_task(name="core.worker_ping_answer", ignore_result=True)
def worker_ping_answer(ping_id: int) -> None:
    services.worker_ping_answer(ping_id=ping_id, worker=socket.gethostname())
