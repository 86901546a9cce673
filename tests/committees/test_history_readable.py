"""History pages read as a person writes (issue 23): field labels, names, Vietnamese numbers and dates,
local time and action labels, never the stored codes ("22.000000", "+00:00", "supersedes", "not_met")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal as D
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from committees import audit
from committees import services as org_services
from committees.models import AuditEntry
from resolutions import services as doc_services
from resolutions.models import LinkKind
from targets import cycle_services
from targets import services as target_services
from targets.cycle import Transition
from targets.models import SubmissionStatus, Target
from targets.periods import parse_period
from tests.conftest import Tree
from tests.test_audit_coverage import STEPS

# What a page must never show: raw decimals and UTC offsets, attribute names, codes of statuses and actions.
RAW = (
    "000000",
    "+00:00",
    "supersedes",
    "achievement",
    "not_met",
    "entered by",
    "submitted by",
    "submission.submit",
    "reading.record",
    "reading.correct",
    "target.update",
    "document.link",
    "implements",
)


def _local(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day}/{local.month}/{local.year} {local:%H:%M}"


def _utc(moment: datetime) -> str:
    return f"{moment.day}/{moment.month}/{moment.year} {moment.astimezone(UTC):%H:%M}"


def _page(client: Client, user: User, url: str, **query: Any) -> str:
    client.force_login(user)
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _assert_readable(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw


@pytest.fixture
def named_alice(alice: User) -> User:
    alice.first_name, alice.last_name = "Trần Thị", "Hoa"
    alice.save(update_fields=["first_name", "last_name"])
    return alice


@pytest.fixture
def target(tree: Tree, named_alice: User) -> Target:
    created = target_services.target_create(
        code="VL-01",
        organisation=tree.dept,
        title="Giải quyết việc làm",
        period="2024",
        shape="quantity",
        planned=D(22),
        acting_user=named_alice,
    )
    # As a page would: loaded from the database, where the plan reads back as 22.000000.
    return Target.objects.get(pk=created.pk)


def test_history_of_a_target_update_shows_labels_and_vietnamese_numbers(
    client: Client, target: Target, named_alice: User, bob: User
) -> None:
    target_services.target_update(target=target, planned=D("66.5"), acting_user=named_alice)
    html = _page(client, bob, reverse("committees:object_history", args=["targets.target", target.pk]))
    assert "Sửa chỉ tiêu" in html and "Thêm chỉ tiêu" in html
    assert "<td>Kế hoạch</td><td><del>22</del></td><td><ins>66,5</ins></td>" in html
    assert "Trần Thị Hoa" in html  # who did it, by name
    entry = AuditEntry.objects.get(action="target.update")
    assert _local(entry.at) in html and _utc(entry.at) not in html
    _assert_readable(html)


def test_history_of_a_reading_correction_names_the_user_and_hides_derived_columns(
    client: Client, target: Target, named_alice: User, bob: User
) -> None:
    target_services.reading_record(
        target=target, cut_off=date(2024, 6, 30), value=D("16.5"), acting_user=named_alice
    )
    target_services.reading_record(
        target=target,
        cut_off=date(2024, 6, 30),
        value=D("1234.5"),
        reason="số liệu chính thức",
        acting_user=named_alice,
    )
    html = _page(client, bob, reverse("committees:object_history", args=["targets.target", target.pk]))
    assert "Nhập số liệu" in html and "Điều chỉnh số liệu" in html
    # The correction shows the value it replaced, and the first record the value entered.
    assert "<td>Giá trị</td><td><del>16,5</del></td><td><ins>1.234,5</ins></td>" in html
    assert "<td>Giá trị</td><td><del>—</del></td><td><ins>16,5</ins></td>" in html
    assert "<td>Tính đến ngày</td><td><del>—</del></td><td><ins>30/6/2024</ins></td>" in html
    assert "<td>Người nhập</td><td><del>—</del></td><td><ins>Trần Thị Hoa</ins></td>" in html
    assert "<td>Chỉ tiêu</td><td><del>—</del></td><td><ins>VL-01 — Giải quyết việc làm</ins></td>" in html
    correction = AuditEntry.objects.get(action="reading.correct")
    entered_at = parse_datetime((correction.after or {})["entered_at"])
    assert entered_at is not None and _local(entered_at) in html and _utc(entered_at) not in html
    # The object's own name is readable too: its date and value, not "5@2024-06-30: 1234.500000".
    assert "30/6/2024: 1.234,5" in html
    _assert_readable(html)
    for derived in ("Is current", "Measure", "Status", "Supersedes"):  # computed or internal: not shown
        assert f"<td>{derived}</td>" not in html


def test_audit_list_of_a_submission_transition_shows_status_labels_and_local_time(
    client: Client, tree: Tree, named_alice: User, erin: User
) -> None:
    cycle_services.submission_transition(
        organisation=tree.dept,
        period=parse_period("2024-H1"),
        transition=Transition.SUBMIT,
        acting_user=named_alice,
    )
    html = _page(client, erin, reverse("committees:audit_list"), object_type="targets.submission")
    assert "Gửi báo cáo kỳ" in html
    draft, submitted = SubmissionStatus.DRAFT.label, SubmissionStatus.SUBMITTED.label
    assert f"<td>Trạng thái</td><td><del>{draft}</del></td><td><ins>{submitted}</ins></td>" in html
    assert "<td>Người gửi</td><td><del>—</del></td><td><ins>Trần Thị Hoa</ins></td>" in html
    entry = AuditEntry.objects.get(action="submission.submit")
    submitted_at = parse_datetime((entry.after or {})["submitted_at"])
    assert submitted_at is not None
    assert f"<td>Thời điểm gửi</td><td><del>—</del></td><td><ins>{_local(submitted_at)}</ins></td>" in html
    assert _utc(submitted_at) not in html
    _assert_readable(html)
    assert ">draft<" not in html and ">submitted<" not in html


def test_document_history_of_a_link_names_both_documents_and_the_relation(
    client: Client, tree: Tree, named_alice: User
) -> None:
    plan = doc_services.document_create(
        raw_number="05-KH/ĐU", title="Kế hoạch", organisation=tree.dept, acting_user=named_alice
    )
    directive = doc_services.document_create(
        raw_number="32-CT/TU", title="về giảm nghèo", organisation=tree.dept, acting_user=named_alice
    )
    doc_services.document_link(source=plan, target=directive, kind="implements", acting_user=named_alice)
    url = reverse("committees:object_history", args=["resolutions.document", plan.pk])
    html = _page(client, named_alice, url)
    assert "Liên kết văn bản" in html
    assert f"<td>Văn bản được liên kết</td><td><del>—</del></td><td><ins>{directive}</ins></td>" in html
    assert f"<td>Quan hệ</td><td><del>—</del></td><td><ins>{LinkKind.IMPLEMENTS.label}</ins></td>" in html
    assert "Trần Thị Hoa" in html
    _assert_readable(html)
    assert not re.search(r"<ins>#\d+</ins>", html)  # no bare ids


def test_english_shows_english_field_labels(
    client: Client, target: Target, named_alice: User, bob: User
) -> None:
    target_services.target_update(target=target, planned=D("66.5"), acting_user=named_alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # The middleware activates English for the thread: restored afterwards so later tests read Vietnamese.
    with translation.override(settings.LANGUAGE_CODE):
        html = _page(client, bob, reverse("committees:object_history", args=["targets.target", target.pk]))
    assert 'lang="en"' in html
    assert "<td>Planned</td><td><del>22</del></td>" in html
    assert "Kế hoạch" not in html and "<td>Organisation</td>" in html
    assert "000000" not in html and "+00:00" not in html


def test_member_values_show_choice_labels_dates_and_booleans(tree: Tree, erin: User) -> None:
    member = org_services.member_create(
        organisation=tree.cell,
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date=date(1990, 3, 5),
        acting_user=erin,
    )
    created = AuditEntry.objects.get(action="member.create", object_id=str(member.pk))
    with translation.override("vi"):
        shown = {change.field: change.after for change in audit.changes(created)}
    assert shown["Giới tính"] == "Nam"
    assert shown["Ngày sinh"] == "5/3/1990"
    assert shown["Sinh hoạt tại"] == tree.cell.name
    assert not any("folded" in field.lower() for field in shown)


def test_every_action_a_service_writes_has_a_label() -> None:
    used = set().union(*(actions for _call, actions, _user in STEPS.values()))
    # Outcomes the walk through the services does not reach: the other transitions and failed runs.
    used |= {f"submission.{transition}" for transition in Transition}
    used |= {"report_run.fail", "import_run.fail"}
    missing = {action for action in used if action not in audit.ACTIONS and not action.endswith(".delete")}
    assert not missing, f"give these actions a label in committees.audit.ACTIONS: {sorted(missing)}"
    with translation.override("vi"):
        assert audit.action_label("submission.submit") == "Gửi báo cáo kỳ"
        assert audit.action_label("bodymembership.delete") == "Xóa"
    assert audit.action_label("something.else") == "something.else"  # unknown: as stored, never hidden


def test_a_referenced_object_outside_the_viewers_branch_is_not_named(
    tree: Tree, named_alice: User, bob: User, dave: User
) -> None:
    """A name shown in a history row obeys the same rule as the object's own page."""
    other_branch = doc_services.document_create(
        raw_number="07-NQ/ĐU", title="Nghị quyết của Sở Y tế", organisation=tree.sibling, acting_user=dave
    )
    target = target_services.target_create(
        code="VL-02",
        organisation=tree.dept,
        title="Việc làm",
        period="2024",
        shape="quantity",
        planned=D(5),
        acting_user=named_alice,
    )
    entry = audit.audit_entry(
        acting_user=dave,
        action="target.update",
        obj=target,
        before={"document": None},
        after={"document": other_branch.pk},
    )
    with translation.override("vi"):
        (for_bob,) = audit.changes(entry, audit.referenced_names([entry], bob))
        (for_dave,) = audit.changes(entry, audit.referenced_names([entry], dave))
    assert for_bob.field == "Văn bản giao" and for_bob.after == f"#{other_branch.pk}"
    assert for_dave.after == str(other_branch)
