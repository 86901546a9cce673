"""PDF renders go to their own Celery queue, everything else to the default one (issue 24), so that
workers can be added per queue and a batch of reports never holds up an import or a ping."""

from __future__ import annotations

import sys
from typing import Any
from unittest import mock

import pytest
from celery import signals
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from config.celery import _prepare_worker
from config.celery import app as celery_app
from core import services as core_services
from exchange import services as exchange_services
from reports import run_services
from reports.models import Report
from tests.conftest import Tree
from tests.test_workbook import good

pytestmark = pytest.mark.django_db(transaction=True)


def _sent(action: Any) -> dict[str, str]:
    """The queue each task message was published to while `action` ran: {task name: queue name}."""
    sent: dict[str, str] = {}

    def record(producer: Any, name: str, message: Any, **options: Any) -> None:
        sent[name] = options["queue"].name if options.get("queue") is not None else options["routing_key"]

    with mock.patch.object(celery_app.amqp, "send_task_message", side_effect=record):
        action()
    return sent


def test_a_report_run_is_published_to_the_reports_queue(report: Report) -> None:
    sent = _sent(lambda: run_services.report_run_request(report=report, acting_user=None))
    assert sent == {"reports.report_run_execute": "reports"}


def test_imports_and_pings_stay_on_the_default_queue(tree: Tree, alice: User) -> None:
    upload = SimpleUploadedFile("book.xlsx", good(tree).getvalue())

    def both() -> None:
        exchange_services.import_run_request(upload=upload, acting_user=alice)
        core_services.worker_ping_request()

    sent = _sent(both)
    assert sent == {"exchange.import_run_execute": "celery", "core.worker_ping_answer": "celery"}


def test_a_worker_started_without_queues_listens_to_both() -> None:
    # `celery -A config worker` with no -Q: the bench and the fault tests start it so; `serve` names both.
    assert {queue.name for queue in celery_app.conf.task_queues} == {
        settings.CELERY_TASK_DEFAULT_QUEUE,
        settings.REPORTS_QUEUE,
    }


def test_worker_processes_use_plain_connections_and_start_with_weasyprint_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Celery closes a prefork process's pool around every task: a pool there opened 4 connections and 3
    threads per report (2 processes gave 1,59× one). The worker turns it off before it forks, for the
    primary and the replicas, and forks its processes with WeasyPrint already loaded."""
    pool = {"check": object()}
    databases: dict[str, dict[str, Any]] = {
        "default": {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"pool": pool}},
        "replica1": {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"pool": dict(pool), "x": 1}},
        "plain": {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {}},
    }
    monkeypatch.setattr(settings, "DATABASES", databases)
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    # Called as the worker_init signal calls it (sending the signal would also run Celery's Django fixup).
    assert any(ref() is _prepare_worker for _key, ref in signals.worker_init.receivers)
    _prepare_worker()
    assert [d["OPTIONS"].get("pool") for d in databases.values()] == [False, False, None]
    assert databases["replica1"]["OPTIONS"]["x"] == 1
    assert "weasyprint" in sys.modules
