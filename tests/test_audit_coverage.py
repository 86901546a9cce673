"""Every write service of every app leaves an audit row: who, when, what it was before and after.

The table below calls each public service once with a real user; a new service that is not in the table
fails test_every_service_is_walked, so none can be added without its audit row being checked.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal as D
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from committees import services as org_services
from committees.models import AuditEntry, Role, RoleKind
from exchange import services as exchange_services
from exchange.models import ImportRun, ImportStatus
from inspections import services as inspection_services
from reports import conclusion_services, meeting_services, run_services
from reports import services as report_services
from reports.models import ReportRun, RunStatus
from resolutions import services as doc_services
from targets import cycle_services
from targets import services as target_services
from targets.cycle import Transition
from targets.periods import parse_period
from tests.conftest import Tree, make_user
from tests.test_workbook import book

# Every app's services.py and its services split by concern (reports/run_services.py, …): a new module of
# writes is walked without being listed here.
APPS = ("core", "committees", "resolutions", "targets", "inspections", "reports", "exchange")
SERVICE_MODULES = tuple(
    importlib.import_module(f"{app}.{path.stem}")
    for app in APPS
    for path in sorted((Path(__file__).resolve().parents[1] / app).glob("*services.py"))
)
# Helpers that write nothing, and the worker's heartbeat (no business object).
NOT_WRITES = {
    "targets.outcome_of",
    "targets.recompute_readings",  # part of target_update: derived columns, audited there
    "reports.default_title",
    # The one requeue rule of background runs: audited by its callers, report_runs_requeue_stuck and
    # exchange.import_runs_requeue_stuck.
    "reports.requeue_stuck",
    "reports.send_run",  # publishes a message; the request that queued the run wrote the audit row
    "core.worker_ping_request",
    "core.worker_ping_answer",
    # An API key's "last used" stamp: bookkeeping of a request, not a change (at most once a minute).
    "committees.api_key_mark_used",
    # Notices are messages to one user, not a change of the organisation's data; reading them is personal.
    "core.notices_send",
    "core.notices_mark_read",
    # The reminder job writes its receipts (ReminderSent: organisation, period, kind, day, recipients) and
    # notices; the receipts are its log.
    "targets.send_submission_reminders",
}
# Creations keep only "after"; removals only "before"; everything else both.
AFTER_ONLY = ("create", "record", "grant", "link", "request", "reissue")
BEFORE_ONLY = ("delete", "revoke")


def _public(module: Any) -> set[str]:
    app = module.__name__.split(".")[0]
    return {
        f"{app}.{name}"
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    }


class World:
    """Objects made once, then each step changes something through one service."""

    def __init__(self, tree: Tree, user: User) -> None:
        self.tree, self.user = tree, user
        u = user
        self.document = doc_services.document_create(
            raw_number="32-CT/TU", title="về giảm nghèo", organisation=tree.dept, acting_user=u
        )
        self.city_document = doc_services.document_create(
            raw_number="18-NQ/TW", title="về tổ chức bộ máy", organisation=tree.city, acting_user=u
        )
        self.other_document = doc_services.document_create(
            raw_number="05-KH/ĐU", title="Kế hoạch", organisation=tree.dept, acting_user=u
        )
        self.task = doc_services.task_create(
            document=self.document, organisation=tree.cell, title="Rà soát", acting_user=u
        )
        self.target = target_services.target_create(
            code="T",
            organisation=tree.dept,
            title="Việc làm",
            period="2024",
            shape="count",
            planned=D(10),
            acting_user=u,
        )
        self.member = org_services.member_create(
            organisation=tree.cell, full_name="Nguyễn Văn An", gender="male", acting_user=u
        )
        self.term = org_services.term_create(
            organisation=tree.dept, start_year=2020, end_year=2025, acting_user=u
        )
        self.seat = org_services.seat_create(
            term=self.term, body="bch", position="uy_vien_bch", member=self.member, acting_user=u
        )
        self.report = report_services.report_create(
            organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=u
        )
        self.meeting = meeting_services.meeting_create(
            organisation=tree.dept, held_on=date(2024, 7, 4), acting_user=u
        )
        self.grantee = make_user("moi")
        self.programme = inspection_services.programme_create(
            organisation=tree.dept, year=2024, title="Chương trình kiểm tra 2024", acting_user=u
        )
        self.planned_item = inspection_services.planned_item_create(
            programme=self.programme, kind="regular", title="Giám sát chi bộ", acting_user=u
        )
        self.inspection = inspection_services.inspection_create(
            organisation=tree.dept,
            kind="regular",
            title="Kiểm tra chi bộ",
            decided_on=date(2024, 3, 1),
            subjects=[inspection_services.SubjectData(organisation=tree.cell)],
            acting_user=u,
        )


def _issued(w: World) -> Any:
    return report_services.report_issue(
        report=w.report, number="15-BC/ĐU", dated=date(2024, 7, 10), acting_user=w.user
    )


def _executed(w: World) -> Any:
    run = run_services.report_run_request(report=w.report, acting_user=w.user, enqueue=False)
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF-1.7 test"):
        run_services.report_run_execute(run_id=run.pk)
    return run


def _stuck(w: World) -> Any:
    run = run_services.report_run_request(report=w.report, acting_user=w.user, enqueue=False)
    ReportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2), attempts=1
    )
    with mock.patch("reports.run_services._enqueue"):
        run_services.report_runs_requeue_stuck()
    return run


def _upload(w: World) -> Any:
    data = book(targets=[["code", "organisation_code", "title", "shape", "period"]]).read()
    return exchange_services.import_run_request(
        upload=SimpleUploadedFile("bang.xlsx", data), acting_user=w.user, enqueue=False
    )


def _imported(w: World) -> Any:
    run = _upload(w)
    assert exchange_services.import_run_execute(run_id=run.pk) == "done"
    return run


def _import_stuck(w: World) -> Any:
    run = _upload(w)
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2), attempts=1
    )
    with mock.patch("exchange.services._enqueue_import"):
        exchange_services.import_runs_requeue_stuck()
    return run


def _drafts(w: World) -> Any:
    target_services.target_create(
        code="T25",
        organisation=w.tree.cell,
        title="Việc làm",
        period="2025",
        shape="count",
        planned=D(3),
        acting_user=w.user,
    )
    return report_services.report_drafts_create(today=date(2025, 6, 25))


# service → (call, actions expected, whether the acting user is recorded)
STEPS: dict[str, tuple[Callable[[World], Any], set[str], bool]] = {
    "committees.organisation_create": (
        lambda w: org_services.organisation_create(
            code="CB-MOI", kind="cell", parent=w.tree.grassroots, name="Chi bộ mới", acting_user=w.user
        ),
        {"organisation.create"},
        True,
    ),
    "committees.organisation_update": (
        lambda w: org_services.organisation_update(
            organisation=w.tree.cell, place_name="Quận 3", acting_user=w.user
        ),
        {"organisation.update"},
        True,
    ),
    "committees.organisation_merge": (
        lambda w: org_services.organisation_merge(
            organisation=w.tree.cell2, into=w.tree.cell, on=date(2024, 1, 1), acting_user=w.user
        ),
        {"organisation.merge"},
        True,
    ),
    "committees.member_create": (
        lambda w: org_services.member_create(
            organisation=w.tree.cell, full_name="Trần Thị Bình", gender="female", acting_user=w.user
        ),
        {"member.create"},
        True,
    ),
    "committees.member_update": (
        lambda w: org_services.member_update(member=w.member, religion="Phật giáo", acting_user=w.user),
        {"member.update"},
        True,
    ),
    "committees.role_grant": (
        lambda w: org_services.role_grant(
            user=w.grantee, organisation=w.tree.cell, kind=RoleKind.STAFF, acting_user=w.user
        ),
        {"role.grant"},
        True,
    ),
    "committees.role_revoke": (
        lambda w: org_services.role_revoke(role=Role.objects.get(user__username="alice"), acting_user=w.user),
        {"role.revoke"},
        True,
    ),
    "committees.term_create": (
        lambda w: org_services.term_create(
            organisation=w.tree.cell, start_year=2020, end_year=2025, acting_user=w.user
        ),
        {"term.create"},
        True,
    ),
    "committees.term_update": (
        lambda w: org_services.term_update(term=w.term, congress_number=12, acting_user=w.user),
        {"term.update"},
        True,
    ),
    "committees.seat_create": (
        lambda w: org_services.seat_create(
            term=w.term, body="bch", position="uy_vien_bch", person_name="Lê Văn Cường", acting_user=w.user
        ),
        {"seat.create"},
        True,
    ),
    "committees.seat_update": (
        lambda w: org_services.seat_update(seat=w.seat, end_date=date(2024, 5, 1), acting_user=w.user),
        {"seat.update"},
        True,
    ),
    "committees.rating_record": (
        lambda w: org_services.rating_record(year=2024, level="httnv", member=w.member, acting_user=w.user),
        {"rating.record"},
        True,
    ),
    "committees.object_delete": (
        lambda w: org_services.object_delete(obj=w.seat, acting_user=w.user, reason="nhập nhầm"),
        {"bodymembership.delete"},
        True,
    ),
    "resolutions.document_create": (
        lambda w: doc_services.document_create(
            raw_number="10-NQ/ĐU", title="Nghị quyết", organisation=w.tree.dept, acting_user=w.user
        ),
        {"document.create"},
        True,
    ),
    "resolutions.document_update": (
        lambda w: doc_services.document_update(
            document=w.document, title="về giảm nghèo bền vững", acting_user=w.user
        ),
        {"document.update"},
        True,
    ),
    "resolutions.document_link": (
        lambda w: doc_services.document_link(
            source=w.other_document, target=w.document, kind="implements", acting_user=w.user
        ),
        {"document.link"},
        True,
    ),
    "resolutions.task_create": (
        lambda w: doc_services.task_create(
            document=w.document, organisation=w.tree.cell, title="Báo cáo", acting_user=w.user
        ),
        {"task.create"},
        True,
    ),
    "resolutions.task_update": (
        lambda w: doc_services.task_update(
            task=w.task, title="Rà soát hộ nghèo", lead_unit="Công đoàn Sở", acting_user=w.user
        ),
        {"task.update"},
        True,
    ),
    "resolutions.issuing_body_create": (
        lambda w: doc_services.issuing_body_create(
            code="UBND-HN", name="Ủy ban nhân dân Thành phố Hà Nội", level="local_state", acting_user=w.user
        ),
        {"issuing_body.create"},
        True,
    ),
    "resolutions.task_mark_done": (
        lambda w: doc_services.task_mark_done(task=w.task, done_on=date(2024, 5, 2), acting_user=w.user),
        {"task.done"},
        True,
    ),
    "targets.target_create": (
        lambda w: target_services.target_create(
            code="T2",
            organisation=w.tree.dept,
            title="Hộ nghèo",
            period="2024",
            shape="count",
            planned=D(5),
            acting_user=w.user,
        ),
        {"target.create"},
        True,
    ),
    "targets.target_update": (
        lambda w: target_services.target_update(target=w.target, planned=D(12), acting_user=w.user),
        {"target.update"},
        True,
    ),
    "targets.target_split": (
        lambda w: target_services.target_split(
            target=w.target, shares={w.tree.cell: D(4), w.tree.grassroots: D(6)}, acting_user=w.user
        ),
        {"target.create"},
        True,
    ),
    "targets.reading_record": (
        lambda w: (
            target_services.reading_record(
                target=w.target, cut_off=date(2024, 6, 30), value=D(4), acting_user=w.user
            ),
            target_services.reading_record(
                target=w.target,
                cut_off=date(2024, 6, 30),
                value=D(5),
                reason="số liệu chính thức",
                acting_user=w.user,
            ),
        ),
        {"reading.record", "reading.correct"},
        True,
    ),
    "targets.metric_record": (
        lambda w: target_services.metric_record(
            target=target_services.target_create(
                code="KN-SO",
                organisation=w.tree.dept,
                title="Kết nạp đảng viên mới",
                period="2024",
                shape="quantity",
                planned=D(3),
                source="members_admitted",
                acting_user=w.user,
            ),
            cut_off=date(2024, 6, 30),
            acting_user=w.user,
        ),
        {"target.create", "reading.record"},
        True,
    ),
    "targets.readings_record_many": (
        lambda w: (
            target_services.readings_record_many(
                items=[target_services.ReadingInput(target=w.target, cut_off=date(2024, 3, 31), value=D(2))],
                acting_user=w.user,
            ),
            target_services.readings_record_many(
                items=[
                    target_services.ReadingInput(
                        target=w.target, cut_off=date(2024, 3, 31), value=D(3), reason="sửa"
                    )
                ],
                acting_user=w.user,
            ),
        ),
        {"reading.record", "reading.correct"},
        True,
    ),
    "reports.report_create": (
        lambda w: report_services.report_create(
            organisation=w.tree.dept, kind="annual", period="2024", acting_user=w.user
        ),
        {"report.create"},
        True,
    ),
    "reports.report_update": (
        lambda w: report_services.report_update(report=w.report, results="Đạt kết quả.", acting_user=w.user),
        {"report.update"},
        True,
    ),
    "reports.report_issue": (_issued, {"report.issue"}, True),
    "reports.report_reissue": (
        lambda w: report_services.report_reissue(report=_issued(w), acting_user=w.user),
        {"report.issue", "report.reissue"},
        True,
    ),
    "reports.report_run_request": (
        lambda w: run_services.report_run_request(report=w.report, acting_user=w.user, enqueue=False),
        {"report_run.request"},
        True,
    ),
    "reports.report_run_execute": (_executed, {"report_run.request", "report_run.done"}, True),
    "reports.report_runs_requeue_stuck": (_stuck, {"report_run.request", "report_run.requeue"}, False),
    "reports.report_drafts_create": (_drafts, {"target.create", "report.create"}, False),
    "exchange.import_run_request": (_upload, {"import_run.request"}, True),
    "exchange.import_run_execute": (_imported, {"import_run.request", "import_run.done"}, True),
    "exchange.import_runs_requeue_stuck": (
        _import_stuck,
        {"import_run.request", "import_run.requeue"},
        False,
    ),
    "reports.meeting_create": (
        lambda w: meeting_services.meeting_create(
            organisation=w.tree.dept,
            held_on=date(2024, 12, 20),
            attendees=[meeting_services.AttendeeData(name="Phạm Văn Dũng")],
            acting_user=w.user,
        ),
        {"meeting.create"},
        True,
    ),
    "committees.api_token_issue": (
        lambda w: [org_services.api_token_issue(user=w.user, acting_user=w.user) for _ in range(2)],
        {"api_token.create", "api_token.replace"},
        True,
    ),
    "committees.api_token_revoke": (
        lambda w: (
            org_services.api_token_issue(user=w.user, acting_user=w.user),
            org_services.api_token_revoke(user=w.user, acting_user=w.user),
        ),
        {"api_token.create", "api_token.revoke"},
        True,
    ),
    "targets.submission_transition": (
        lambda w: cycle_services.submission_transition(
            organisation=w.tree.dept,
            period=parse_period("2024-H1"),
            transition=Transition.SUBMIT,
            acting_user=w.user,
        ),
        {"submission.submit"},
        True,
    ),
    "targets.narrative_save": (
        lambda w: [
            cycle_services.narrative_save(
                organisation=w.tree.dept, period=parse_period("2024-H1"), acting_user=w.user, results=text
            )
            for text in ("Đạt.", "Đạt 9/10 chỉ tiêu.")
        ],
        {"narrative.create", "narrative.update"},
        True,
    ),
    "targets.deadline_set": (
        lambda w: [
            cycle_services.deadline_set(period="2024-H1", kind="cell", due=due, acting_user=w.user)
            for due in (date(2024, 7, 8), date(2024, 7, 9))
        ],
        {"deadline.create", "deadline.update"},
        True,
    ),
    "reports.meeting_conclusions_to_tasks": (
        lambda w: meeting_services.meeting_conclusions_to_tasks(
            meeting=meeting_services.meeting_create(
                organisation=w.tree.dept,
                held_on=date(2024, 12, 20),
                conclusions="Hoàn chỉnh báo cáo.",
                acting_user=w.user,
            ),
            assignments=[meeting_services.ConclusionAssignment(position=1, organisation=w.tree.cell)],
            acting_user=w.user,
        ),
        {
            "meeting.create",
            "document.create",  # a notice without a number is created a draft: no update after
            "meeting.notice_document",
            "task.create",
            "meeting.conclusion_task",
        },
        True,
    ),
    "reports.review_create": (
        lambda w: report_services.review_create(
            organisation=w.tree.dept,
            document=doc_services.document_create(
                raw_number="04-NQ/TU", title="về nguồn nhân lực", organisation=w.tree.city, acting_user=w.user
            ),
            window_start=date(2021, 3, 15),
            cut_off=date(2024, 3, 15),
            acting_user=w.user,
        ),
        {"document.create", "report.create"},
        True,
    ),
    "inspections.programme_create": (
        lambda w: inspection_services.programme_create(
            organisation=w.tree.dept, year=2025, title="Chương trình 2025", acting_user=w.user
        ),
        {"programme.create"},
        True,
    ),
    "inspections.programme_update": (
        lambda w: inspection_services.programme_update(
            programme=w.programme, title="Chương trình kiểm tra, giám sát 2024", acting_user=w.user
        ),
        {"programme.update"},
        True,
    ),
    "inspections.planned_item_create": (
        lambda w: inspection_services.planned_item_create(
            programme=w.programme, kind="thematic", title="Cải cách hành chính", acting_user=w.user
        ),
        {"planned_item.create"},
        True,
    ),
    "inspections.planned_item_update": (
        lambda w: inspection_services.planned_item_update(
            item=w.planned_item, title="Giám sát chi bộ cơ sở", planned_month=9, acting_user=w.user
        ),
        {"planned_item.update"},
        True,
    ),
    "inspections.inspection_create": (
        lambda w: inspection_services.inspection_create(
            organisation=w.tree.dept, kind="finance", title="Thu chi tài chính", acting_user=w.user
        ),
        {"inspection.create"},
        True,
    ),
    "inspections.inspection_update": (
        lambda w: inspection_services.inspection_update(
            inspection=w.inspection, notified_on=date(2024, 3, 5), acting_user=w.user
        ),
        {"inspection.update"},
        True,
    ),
    "inspections.inspection_conclude": (
        lambda w: inspection_services.inspection_conclude(
            inspection=w.inspection,
            raw_number="05-TB/ĐU",
            issued_on=date(2024, 5, 10),
            recommendations=[
                inspection_services.RecommendationData(organisation=w.tree.cell, title="Rà soát")
            ],
            acting_user=w.user,
        ),
        {"document.create", "task.create", "inspection.conclude"},
        True,
    ),
    "inspections.inspection_follow_up": (
        lambda w: (
            inspection_services.inspection_conclude(
                inspection=w.inspection,
                raw_number="05-TB/ĐU",
                issued_on=date(2024, 5, 10),
                acting_user=w.user,
            ),
            inspection_services.inspection_follow_up(
                inspection=w.inspection, on=date(2024, 10, 1), notes="Đã thực hiện.", acting_user=w.user
            ),
        ),
        {"document.create", "inspection.conclude", "inspection.follow_up"},
        True,
    ),
    "resolutions.document_follow": (
        lambda w: doc_services.document_follow(
            document=w.city_document, organisation=w.tree.dept, acting_user=w.user
        ),
        {"document.follow"},
        True,
    ),
    "resolutions.document_unfollow": (
        lambda w: (
            doc_services.document_follow(
                document=w.city_document, organisation=w.tree.cell, acting_user=w.user
            ),
            doc_services.document_unfollow(
                document=w.city_document, organisation=w.tree.cell, acting_user=w.user
            ),
        ),
        {"document.follow", "document.unfollow"},
        True,
    ),
    # The links a workbook carries, to tasks its tasks sheet made (exchange/sheets_meetings.py).
    "reports.meeting_links_set": (
        lambda w: conclusion_services.meeting_links_set(
            meeting=meeting_services.meeting_create(
                organisation=w.tree.dept, held_on=date(2024, 12, 20), conclusions="Một.", acting_user=w.user
            ),
            notice_document=w.other_document,
            conclusion_tasks=[(1, w.task)],
            acting_user=w.user,
        ),
        {"meeting.create", "meeting.notice_document", "meeting.conclusion_task"},
        True,
    ),
    "reports.meeting_update": (
        lambda w: meeting_services.meeting_update(
            meeting=w.meeting, place="Hội trường A", acting_user=w.user
        ),
        {"meeting.update"},
        True,
    ),
}


def test_every_service_is_walked() -> None:
    services = set().union(*(_public(m) for m in SERVICE_MODULES)) - NOT_WRITES
    missing = services - set(STEPS)
    assert not missing, f"add these services to STEPS (and give them an audit row): {sorted(missing)}"
    assert not set(STEPS) - services


@pytest.mark.parametrize("name", sorted(STEPS))
def test_service_writes_an_audit_row_with_user_time_before_and_after(
    tree: Tree, alice: User, erin: User, settings: Any, tmp_path: Any, name: str
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = World(tree, erin)
    call, actions, records_user = STEPS[name]
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    started = timezone.now()
    call(world)
    rows = list(AuditEntry.objects.filter(id__gt=last).order_by("id"))
    assert rows, f"{name} wrote no audit row"
    assert {row.action for row in rows} == actions
    for row in rows:
        assert row.at is not None and started - timedelta(seconds=5) <= row.at <= timezone.now()
        # Scheduled jobs act as the system (no user); every person's change names the person.
        assert row.user == erin if records_user else row.user in (None, erin), (name, row.action)
        assert row.object_type and row.object_id and row.object_repr
        verb = row.action.rpartition(".")[2]
        if verb in AFTER_ONLY:
            assert row.after, (name, row.action)
        elif verb in BEFORE_ONLY:
            assert row.before and row.after is None, (name, row.action)
        else:
            assert row.before is not None and row.after is not None, (name, row.action)
            assert row.before != row.after, (name, row.action)
