"""PDF renders go to their own Celery queue, everything else to the default one (issue 24), so that
workers can be added per queue and a batch of reports never holds up an import or a ping."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

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
