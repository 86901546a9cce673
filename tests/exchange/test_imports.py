"""Workbook imports as background jobs (issue 19, finding 2): the page stores the file and queues it, a
worker imports it as the uploader, the uploader polls its progress and then reads the result or the
errors. Tasks run here by calling the service the task calls, as tests/reports/test_runs.py does; the
real worker and broker are exercised in test_worker.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from committees.models import AuditEntry, Organisation
from exchange import services
from exchange.models import ImportRun, ImportStatus
from reports.run_services import MAX_ATTEMPTS
from resolutions.models import Document, Task
from targets.models import Reading, Target
from tests.conftest import Tree
from tests.test_workbook import TARGET_HEADER, book, good

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Target, Reading, Document, Task, Organisation))


@pytest.fixture
def staff(client: Client, alice: User) -> Client:
    client.force_login(alice)
    return client


@pytest.fixture
def jobs_run(django_capture_on_commit_callbacks: Any) -> Iterator[list[str]]:
    """Messages are sent once the request's transaction commits, then run at once by the task's
    service; the outcome of each lands in the list."""
    outcomes: list[str] = []
    with mock.patch(
        "exchange.services._enqueue_import",
        side_effect=lambda pk: outcomes.append(services.import_run_execute(run_id=pk)),
    ):
        yield outcomes


def _post(client: Client, data: bytes, capture: Any = None) -> Any:
    with capture(execute=True) if capture else nullcontext():
        return client.post(
            reverse("exchange:workbook"), {"file": SimpleUploadedFile("bang.xlsx", data, XLSX)}
        )


def test_the_page_queues_the_import_and_the_job_applies_it_as_the_uploader(
    staff: Client, tree: Tree, alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    with mock.patch("exchange.services._enqueue_import"):
        response = _post(staff, good(tree).read())
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:import_run", args=[run.pk])
    # Nothing is read in the request: the run waits for a worker, its file kept under a private name.
    assert run.status == ImportStatus.QUEUED and run.uploaded_by == alice and run.file_name == "bang.xlsx"
    stored = run.file.name or ""
    assert stored.startswith("imports/") and "bang" not in stored and default_storage.exists(stored)
    assert not Target.objects.exists()
    assert "Đang chờ" in staff.get(response["Location"]).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the run is committed
        assert services.import_run_execute(run_id=run.pk) == "done"
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE, (run.error, run.problems)
    assert run.created == {"documents": 1, "targets": 1, "readings": 1, "tasks": 1}
    assert Target.objects.get(code="T1").readings.count() == 1
    created = AuditEntry.objects.filter(action="target.create").get()
    assert created.user == alice  # imported as the uploader, in the uploader's scope
    assert AuditEntry.objects.filter(action="import_run.done", user=alice).count() == 1
    assert not run.file and not default_storage.exists(stored)  # the uploaded data is not kept
    body = staff.get(reverse("exchange:import_run", args=[run.pk])).content.decode()
    assert "Đã nhập xong" in body and "targets 1" in body
    assert 'hx-trigger="every 1s"' not in body  # finished: the page stops polling
    # A redelivered message finds nothing to claim.
    assert services.import_run_execute(run_id=run.pk) == "skipped"


def test_a_failing_job_saves_nothing_and_shows_its_errors(
    staff: Client, tree: Tree, jobs_run: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    before = _counts()
    data = book(
        targets=[
            TARGET_HEADER,
            ["T1", "SLDTBXH", "Việc làm", "count", "2024", "", "25"],
            ["T2", "SLDTBXH", "Lớp", "count", "2024", "", "mười"],
        ]
    ).read()
    response = _post(staff, data, django_capture_on_commit_callbacks)
    assert jobs_run == ["failed"]
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert run.problems == [
        {"sheet": "Chỉ tiêu", "row": 3, "column": "Kế hoạch", "message": "Giá trị «mười» không phải là số."}
    ]
    assert _counts() == before, "a failed import changed something"
    assert not run.file
    body = staff.get(response["Location"]).content.decode()
    assert "1 lỗi — chưa có dữ liệu nào được lưu" in body and "Giá trị «mười» không phải là số." in body


def test_the_uploader_scope_applies_in_the_job(
    staff: Client, tree: Tree, jobs_run: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    before = _counts()
    _post(
        staff,
        book(targets=[TARGET_HEADER, ["T1", "SYT", "x", "count", "2024", "", "5"]]).read(),
        django_capture_on_commit_callbacks,
    )
    run = ImportRun.objects.get()
    assert jobs_run == ["failed"]
    assert [p["message"] for p in run.problems] == ["Không có «SYT» trong phạm vi của bạn."]
    assert _counts() == before


def test_an_unreadable_file_is_refused_by_the_job_with_its_message(
    staff: Client,
    tree: Tree,
    jobs_run: list[str],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from exchange import reader

    monkeypatch.setattr(reader, "MAX_ROWS", 1)
    data = book(targets=[TARGET_HEADER, ["T1", "SLDTBXH", "a", "count", "2024", "", "1"], ["T2"]]).read()
    response = _post(staff, data, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED and not Target.objects.exists()
    message = "Trang «Chỉ tiêu» có quá nhiều dòng: tối đa 1 dòng dữ liệu mỗi trang."
    assert run.error == message
    assert message in staff.get(response["Location"]).content.decode()


def test_a_run_whose_uploader_is_gone_imports_nothing(tree: Tree, alice: User) -> None:
    """A run with no user must not import as "the server's operator", who may change everything."""
    upload = SimpleUploadedFile("bang.xlsx", good(tree).read(), XLSX)
    run = services.import_run_request(upload=upload, acting_user=alice, enqueue=False)
    ImportRun.objects.filter(pk=run.pk).update(uploaded_by=None)
    assert services.import_run_execute(run_id=run.pk) == "failed"
    run.refresh_from_db()
    assert run.error == "Tài khoản đã tải tệp lên không còn hoạt động."
    assert not Target.objects.exists()


def test_only_the_uploader_and_superusers_see_a_run(
    client: Client, tree: Tree, alice: User, bob: User, dave: User, erin: User
) -> None:
    upload = SimpleUploadedFile("bang.xlsx", good(tree).read(), XLSX)
    run = services.import_run_request(upload=upload, acting_user=alice, enqueue=False)
    url = reverse("exchange:import_run", args=[run.pk])
    root = User.objects.create_superuser("root", password="x")
    for user, status in ((alice, 200), (bob, 404), (dave, 404), (erin, 404), (root, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
        assert client.get(url, headers={"HX-Request": "true"}).status_code == status, user.username
        listed = "bang.xlsx" in client.get(reverse("exchange:workbook")).content.decode()
        assert listed == (user in (alice, root)), user.username


def test_progress_is_recorded_and_shown_while_the_run_goes(staff: Client, tree: Tree, alice: User) -> None:
    upload = SimpleUploadedFile("bang.xlsx", good(tree).read(), XLSX)
    run = services.import_run_request(upload=upload, acting_user=alice, enqueue=False)
    seen: list[tuple[str, int, int]] = []
    real = services._import_progress

    def spy(run_id: int, done: int, total: int) -> None:
        real(run_id, done, total)
        stored = ImportRun.objects.get(pk=run_id)
        seen.append((stored.status, stored.rows_done, stored.rows_total))

    with mock.patch("exchange.services._import_progress", side_effect=spy):
        services.import_run_execute(run_id=run.pk)
    # One row on each of four sheets: told after the reading, then after each sheet is checked.
    assert seen[0] == ("running", 0, 4)
    assert [done for _s, done, _t in seen] == sorted(done for _s, done, _t in seen)
    assert {done for _s, done, _t in seen} == {0, 1, 2, 3, 4}
    run.refresh_from_db()
    assert (run.rows_done, run.rows_total) == (4, 4)

    # The polled fragment shows where a running import is, and keeps polling.
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING, rows_done=0, rows_total=0)
    body = staff.get(
        reverse("exchange:import_run", args=[run.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Đang đọc tệp…" in body
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING, rows_done=2, rows_total=4)
    fragment = staff.get(reverse("exchange:import_run", args=[run.pk]), headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert "<html" not in body and 'hx-trigger="every 1s"' in body
    assert "Đã kiểm tra 2/4 dòng." in body and 'value="50"' in body
    ImportRun.objects.filter(pk=run.pk).update(rows_done=4)
    body = staff.get(
        reverse("exchange:import_run", args=[run.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "đang lưu vào cơ sở dữ liệu" in body


def test_a_run_left_running_by_a_dead_worker_is_sent_again_then_failed(
    tree: Tree, alice: User, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    upload = SimpleUploadedFile("bang.xlsx", good(tree).read(), XLSX)
    run = services.import_run_request(upload=upload, acting_user=alice, enqueue=False)
    long_ago = timezone.now() - timedelta(seconds=settings.CHITIEU_IMPORT_TIME_LIMIT + 120)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING, started_at=long_ago, attempts=1)
    with mock.patch("exchange.services._enqueue_import"):
        assert services.import_runs_requeue_stuck() == [run.pk]
    assert ImportRun.objects.get(pk=run.pk).status == ImportStatus.QUEUED
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.RUNNING, started_at=long_ago, attempts=MAX_ATTEMPTS
    )
    services.import_runs_requeue_stuck()
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED and "chưa có dữ liệu nào được lưu" in run.error
    assert not Target.objects.exists()
