from __future__ import annotations

import socket

from celery import shared_task

from committees import services


@shared_task(name="committees.worker_ping_answer", ignore_result=True)
def worker_ping_answer(ping_id: int) -> None:
    services.worker_ping_answer(ping_id=ping_id, worker=socket.gethostname())


@shared_task(name="committees.worker_ping", ignore_result=True)
def worker_ping() -> None:
    """Scheduled by beat: a ping that the worker answers itself, so /healthz shows it is alive."""
    ping = services.worker_ping_request()
    services.worker_ping_answer(ping_id=ping.pk, worker=socket.gethostname())
