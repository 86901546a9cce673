"""The reporting cycle: submit, approve, return, reopen; locking; completeness; reminders; consolidation.

The tree (tests/conftest.py): city → dept → {grassroots → cell2, cell}; city → sibling → sibling_cell.
alice staff, bob leader, carol secretary of dept; dave staff of sibling; erin admin of city.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import AuditEntry, RoleKind
from core.models import Notice
from targets import cycle, cycle_services, selectors, services
from targets.cycle import Transition
from targets.models import Narrative, Reading, ReminderSent, Submission, SubmissionStatus
from targets.periods import parse_period
from tests.conftest import Tree, make_user

H1 = parse_period("2024-H1")
S = SubmissionStatus


def _move(org, transition, user=None, comment=""):  # type: ignore[no-untyped-def]
    return cycle_services.submission_transition(
        organisation=org, period=H1, transition=transition, comment=comment, acting_user=user
    )


def _submit_all_children(tree: Tree) -> None:
    for org in (tree.grassroots, tree.cell):
        _move(org, Transition.SUBMIT)


def _status(org) -> str:  # type: ignore[no-untyped-def]
    return selectors.submission_of(org, H1).status


# --- the state machine ---------------------------------------------------------------------------
ALLOWED_FROM = {
    Transition.SUBMIT: {S.DRAFT, S.RETURNED},
    Transition.APPROVE: {S.SUBMITTED},
    Transition.RETURN: {S.SUBMITTED},
    Transition.REOPEN: {S.APPROVED},
}
RESULT = {
    Transition.SUBMIT: S.SUBMITTED,
    Transition.APPROVE: S.APPROVED,
    Transition.RETURN: S.RETURNED,
    Transition.REOPEN: S.RETURNED,
}


@pytest.mark.parametrize("start", list(S))
@pytest.mark.parametrize("transition", list(Transition))
def test_every_transition_from_every_status(tree: Tree, start: str, transition: Transition) -> None:
    _submit_all_children(tree)
    Submission.objects.update_or_create(organisation=tree.cell, period=H1.code, defaults={"status": start})
    audit_before = AuditEntry.objects.count()
    if start in ALLOWED_FROM[transition]:
        submission = _move(tree.cell, transition, comment="Bổ sung số liệu quý II")
        assert submission.status == RESULT[transition]
        entry = AuditEntry.objects.latest("id")
        assert entry.action == f"submission.{transition}"
        assert entry.before["status"] == start and entry.after["status"] == RESULT[transition]  # type: ignore[index]
    else:
        with pytest.raises(ValidationError, match="Không thể"):
            _move(tree.cell, transition, comment="x")
        assert _status(tree.cell) == start
        assert AuditEntry.objects.count() == audit_before


# (user, transition, organisation) → allowed. Submitting is the organisation's own staff or secretary;
# deciding is the level above's leader (bob leads dept, so he decides on cell, never on dept itself).
ROLE_CASES = [
    ("alice", Transition.SUBMIT, "cell", True),
    ("carol", Transition.SUBMIT, "cell", True),
    ("bob", Transition.SUBMIT, "cell", False),
    ("dave", Transition.SUBMIT, "cell", False),
    ("erin", Transition.SUBMIT, "cell", True),
    ("bob", Transition.APPROVE, "cell", True),
    ("erin", Transition.APPROVE, "cell", True),
    ("alice", Transition.APPROVE, "cell", False),
    ("carol", Transition.APPROVE, "cell", False),
    ("dave", Transition.APPROVE, "cell", False),
    ("bob", Transition.APPROVE, "dept", False),
    ("erin", Transition.APPROVE, "dept", True),
    ("bob", Transition.RETURN, "cell", True),
    ("alice", Transition.RETURN, "cell", False),
    ("bob", Transition.REOPEN, "cell", True),
    ("carol", Transition.REOPEN, "cell", False),
    ("erin", Transition.APPROVE, "city", True),
    ("bob", Transition.APPROVE, "city", False),
]


@pytest.mark.parametrize(("who", "transition", "where", "allowed"), ROLE_CASES)
def test_who_may_move(tree: Tree, alice, bob, carol, dave, erin, who, transition, where, allowed) -> None:  # type: ignore[no-untyped-def]
    users = {"alice": alice, "bob": bob, "carol": carol, "dave": dave, "erin": erin}
    org = getattr(tree, where)
    for child in (tree.dept, tree.sibling, tree.grassroots, tree.cell):
        _move(child, Transition.SUBMIT)
    if transition is Transition.SUBMIT:
        org_status = S.DRAFT
    elif transition is Transition.REOPEN:
        org_status = S.APPROVED
    else:
        org_status = S.SUBMITTED
    Submission.objects.update_or_create(organisation=org, period=H1.code, defaults={"status": org_status})
    assert cycle.may(users[who], transition, org) is allowed
    if allowed:
        assert _move(org, transition, users[who], comment="Ý kiến").status == RESULT[transition]
    else:
        with pytest.raises(PermissionDenied):
            _move(org, transition, users[who], comment="Ý kiến")
        assert _status(org) == org_status


def test_return_and_reopen_need_a_comment(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    _submit_all_children(tree)
    with pytest.raises(ValidationError, match="ghi ý kiến"):
        _move(tree.cell, Transition.RETURN, bob, comment="   ")
    assert _status(tree.cell) == S.SUBMITTED
    returned = _move(tree.cell, Transition.RETURN, bob, comment="Thiếu số liệu chỉ tiêu 3")
    assert returned.comment == "Thiếu số liệu chỉ tiêu 3" and returned.decided_by == bob
    assert AuditEntry.objects.latest("id").reason == "Thiếu số liệu chỉ tiêu 3"


def test_a_level_approves_only_once_all_its_children_have_submitted(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    _move(tree.cell, Transition.SUBMIT)
    with pytest.raises(ValidationError) as refused:
        _move(tree.cell, Transition.APPROVE, bob)
    assert "Đảng bộ cơ sở Cai nghiện ma túy Bố Lá" in str(refused.value)
    assert _status(tree.cell) == S.SUBMITTED
    # A returned child counts as not submitted; an approved one as submitted.
    _move(tree.grassroots, Transition.SUBMIT)
    _move(tree.grassroots, Transition.RETURN, bob, comment="Sửa")
    with pytest.raises(ValidationError):
        _move(tree.cell, Transition.APPROVE, bob)
    _move(tree.grassroots, Transition.SUBMIT)
    assert _move(tree.cell, Transition.APPROVE, bob).status == S.APPROVED
    assert _move(tree.grassroots, Transition.APPROVE, bob).status == S.APPROVED


def test_a_merged_organisation_is_not_waited_for(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    _move(tree.cell, Transition.SUBMIT)
    type(tree.grassroots).objects.filter(pk=tree.grassroots.pk).update(valid_to=date(2024, 1, 31))
    assert _move(tree.cell, Transition.APPROVE, bob).status == S.APPROVED


# --- locking -------------------------------------------------------------------------------------
@pytest.fixture
def cell_target(tree: Tree):  # type: ignore[no-untyped-def]
    return services.target_create(
        code="CB-VP-1",
        organisation=tree.cell,
        title="Kết nạp đảng viên mới",
        period="2024",
        shape="quantity",
        planned=D(4),
        acting_user=None,
    )


def test_figures_lock_when_submitted_and_open_again_when_returned(
    tree: Tree, bob, alice, cell_target
) -> None:  # type: ignore[no-untyped-def]
    services.reading_record(target=cell_target, cut_off=date(2024, 6, 30), value=D(2), acting_user=alice)
    _move(tree.cell, Transition.SUBMIT, alice)
    with pytest.raises(ValidationError, match="đang chờ duyệt"):
        services.reading_record(
            target=cell_target, cut_off=date(2024, 6, 30), value=D(3), reason="Sửa", acting_user=alice
        )
    with pytest.raises(ValidationError, match="đang chờ duyệt"):
        services.reading_record(target=cell_target, cut_off=date(2024, 3, 31), value=D(1), acting_user=alice)
    # The other half-year is not locked.
    services.reading_record(target=cell_target, cut_off=date(2024, 9, 30), value=D(3), acting_user=alice)
    _move(tree.cell, Transition.RETURN, bob, comment="Kiểm tra lại")
    services.reading_record(
        target=cell_target, cut_off=date(2024, 6, 30), value=D(3), reason="Sửa theo ý kiến", acting_user=alice
    )
    assert Reading.objects.get(target=cell_target, cut_off=date(2024, 6, 30), is_current=True).value == 3


def test_approved_figures_need_the_approver_to_reopen(tree: Tree, bob, alice, cell_target) -> None:  # type: ignore[no-untyped-def]
    services.reading_record(target=cell_target, cut_off=date(2024, 6, 30), value=D(2), acting_user=alice)
    _submit_all_children(tree)
    _move(tree.cell, Transition.APPROVE, bob)
    count = Reading.objects.count()
    with pytest.raises(ValidationError, match="mở lại"):
        services.reading_record(
            target=cell_target, cut_off=date(2024, 6, 30), value=D(5), reason="Sửa", acting_user=alice
        )
    with pytest.raises(ValidationError, match="mở lại"):
        services.readings_record_many(
            items=[
                services.ReadingInput(target=cell_target, cut_off=date(2024, 6, 30), value=D(5), reason="x")
            ],
            acting_user=alice,
        )
    assert Reading.objects.count() == count
    with pytest.raises(PermissionDenied):
        _move(tree.cell, Transition.REOPEN, alice, comment="Cho tôi sửa")
    _move(tree.cell, Transition.REOPEN, bob, comment="Sửa số kết nạp theo biên bản")
    services.reading_record(
        target=cell_target, cut_off=date(2024, 6, 30), value=D(5), reason="Theo biên bản", acting_user=alice
    )
    reopen = AuditEntry.objects.get(action="submission.reopen")
    assert reopen.user == bob and reopen.reason == "Sửa số kết nạp theo biên bản"
    assert reopen.before["status"] == S.APPROVED and reopen.after["status"] == S.RETURNED  # type: ignore[index]


def test_the_grid_shows_the_lock_and_saves_nothing(tree: Tree, alice, cell_target) -> None:  # type: ignore[no-untyped-def]
    _move(tree.cell, Transition.SUBMIT, alice)
    client = Client()
    client.force_login(alice)
    response = client.post(
        reverse("targets:entry_save", args=[cell_target.pk]),
        {"value": "3", "kind": "official", "cut_off": "30/06/2024", "expected": "0"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "đang chờ duyệt" in response.content.decode()
    assert not Reading.objects.filter(target=cell_target).exists()


def test_the_narrative_locks_with_the_figures(tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    cycle_services.narrative_save(organisation=tree.cell, period=H1, acting_user=alice, results="Hoàn thành")
    _move(tree.cell, Transition.SUBMIT, alice)
    with pytest.raises(ValidationError, match="thuyết minh"):
        cycle_services.narrative_save(organisation=tree.cell, period=H1, acting_user=alice, results="Sửa")
    assert Narrative.objects.get(organisation=tree.cell).results == "Hoàn thành"


# --- completeness --------------------------------------------------------------------------------
def test_completeness_counts_the_subtree(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    dues = cycle.deadlines(H1)  # cell 5/7, grassroots 10/7, upper grassroots 15/7
    _move(tree.cell, Transition.SUBMIT)
    _move(tree.cell2, Transition.SUBMIT)
    count = selectors.completeness(tree.city, H1, date(2024, 7, 12), dues)
    # Below the city: dept, grassroots, cell, cell2, sibling, sibling_cell.
    assert (count.total, count.reported, count.approved) == (6, 2, 0)
    assert (count.cells_total, count.cells_reported) == (3, 2)  # cell, cell2, sibling_cell
    assert (count.children_total, count.children_reported) == (2, 0)
    # On 12/7 the grassroots level (10/7) and sibling_cell (10/7) are late; upper grassroots (15/7) not yet.
    assert count.late == 2
    late = selectors.completeness_rows(tree.city, H1, date(2024, 7, 12), dues, show="late")
    assert [o.code for o in late] == ["DB-BOLA", "CB-SYT-VP"]
    _move(tree.grassroots, Transition.SUBMIT)
    _move(tree.cell2, Transition.APPROVE, make_user("lanh-dao-bola", tree.grassroots, RoleKind.LEADER))
    count = selectors.completeness(tree.dept, H1, date(2024, 7, 12), dues)
    assert (count.total, count.reported, count.approved, count.late) == (3, 3, 1, 0)
    assert count.share == 100


def test_deadline_set_for_a_period_wins_over_the_default(tree: Tree, erin) -> None:  # type: ignore[no-untyped-def]
    assert cycle.deadlines(H1)["cell"] == date(2024, 7, 5)
    cycle_services.deadline_set(period="2024-H1", kind="cell", due=date(2024, 7, 8), acting_user=erin)
    assert cycle.deadlines(H1)["cell"] == date(2024, 7, 8)
    assert cycle.deadlines(parse_period("2024-H2"))["cell"] == date(2025, 1, 5)
    with pytest.raises(ValidationError, match="sau ngày cuối kỳ"):
        cycle_services.deadline_set(period="2024-H1", kind="cell", due=date(2024, 6, 1), acting_user=erin)
    with pytest.raises(ValidationError, match="6 tháng"):
        cycle_services.deadline_set(period="2024", kind="cell", due=date(2025, 1, 5), acting_user=erin)


# --- reminders -----------------------------------------------------------------------------------
@pytest.fixture
def cell_staff(tree: Tree):  # type: ignore[no-untyped-def]
    staff = {}
    for org in (tree.cell, tree.cell2, tree.grassroots, tree.sibling_cell):
        user = make_user(f"nhap-{org.code.lower()}", org, RoleKind.STAFF)
        user.email = f"{org.code.lower()}@example.vn"
        user.save()
        staff[org.code] = user
    leader = make_user("bithu-dept", tree.dept, RoleKind.LEADER)
    leader.email = "bithu@example.vn"
    leader.save()
    staff["leader"] = leader
    return staff


def _run(day: date) -> cycle_services.RemindersSent:
    return cycle_services.send_submission_reminders(today=day, base_url="https://chitieu.example.vn")


def test_reminders_go_before_and_on_the_deadline_once_a_day_only_to_those_pending(
    tree: Tree, cell_staff
) -> None:  # type: ignore[no-untyped-def]
    _move(tree.cell2, Transition.SUBMIT)  # cell2 (due 5/7) has submitted: never reminded
    # 7/7 = 3 days before 10/7, the deadline of the grassroots level (cell and grassroots).
    sent = _run(date(2024, 7, 7))
    assert sent.reminders == 3  # cell, grassroots, sibling_cell (all due 10/7)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["cb-syt-vp@example.vn", "cb-vp@example.vn", "db-bola@example.vn"]
    assert all("Còn 3 ngày" in m.subject for m in mail.outbox)
    assert "https://chitieu.example.vn/chi-tieu/bao-cao-ky/" in mail.outbox[0].body
    # The job running again the same day sends nothing more.
    assert _run(date(2024, 7, 7)).reminders == 0
    assert len(mail.outbox) == 3
    # Nothing on a day that is neither 3 days before nor the day itself.
    assert _run(date(2024, 7, 8)).reminders == 0
    _move(tree.cell, Transition.SUBMIT)
    mail.outbox.clear()
    sent = _run(date(2024, 7, 10))
    assert sent.reminders == 2 and all("Hôm nay là hạn" in m.subject for m in mail.outbox)
    assert sorted(a for m in mail.outbox for a in m.to) == ["cb-syt-vp@example.vn", "db-bola@example.vn"]
    notices = Notice.objects.filter(user=cell_staff["DB-BOLA"])
    assert notices.count() == 2 and notices.first().url.endswith("/2024-H1/")  # type: ignore[union-attr]
    assert ReminderSent.objects.filter(day=date(2024, 7, 10)).count() == 2


def test_the_level_above_hears_who_is_late_the_day_after_then_weekly(tree: Tree, cell_staff) -> None:  # type: ignore[no-untyped-def]
    _move(tree.cell2, Transition.SUBMIT)
    _move(tree.grassroots, Transition.SUBMIT)
    # 11/7: cell (due 10/7) is late; dept's leader hears it, once.
    sent = _run(date(2024, 7, 11))
    late_mail = [m for m in mail.outbox if "bithu@example.vn" in m.to]
    assert sent.late_notices == 2  # dept about cell; sibling about sibling_cell (no leader, notice only)
    assert len(late_mail) == 1 and "Chi bộ Văn phòng Sở" in late_mail[0].body
    assert "Đảng bộ cơ sở" not in late_mail[0].body  # the grassroots committee submitted
    assert _run(date(2024, 7, 11)).late_notices == 0
    assert _run(date(2024, 7, 12)).late_notices == 0
    assert _run(date(2024, 7, 18)).late_notices == 2  # a week later, still late
    _move(tree.cell, Transition.SUBMIT)
    assert _run(date(2024, 7, 25)).late_notices == 1  # only the sibling's cell remains late


# --- consolidation -------------------------------------------------------------------------------
def test_consolidation_gathers_the_childrens_texts_in_tree_order_marked_by_organisation(
    tree: Tree, alice
) -> None:  # type: ignore[no-untyped-def]
    cycle_services.narrative_save(
        organisation=tree.cell,
        period=H1,
        acting_user=alice,
        results="Kết nạp 2 đảng viên.",
        shortcomings="Sinh hoạt chuyên đề chưa đều.",
    )
    cycle_services.narrative_save(
        organisation=tree.grassroots, period=H1, acting_user=alice, results="Hoàn thành 9/10 chỉ tiêu."
    )
    cycle_services.narrative_save(  # a grandchild: its parent consolidates it, not dept
        organisation=tree.cell2, period=H1, acting_user=alice, results="Chi bộ khu 1."
    )
    sections = {s.name: s for s in selectors.consolidated_narrative(tree.dept, H1)}
    assert [org.code for org, _ in sections["results"].parts] == ["DB-BOLA", "CB-VP"]  # tree order
    assert sections["results"].text() == (
        "Đảng bộ cơ sở Cai nghiện ma túy Bố Lá:\nHoàn thành 9/10 chỉ tiêu.\n\n"
        "Chi bộ Văn phòng Sở:\nKết nạp 2 đảng viên."
    )
    assert [org.code for org, _ in sections["shortcomings"].parts] == ["CB-VP"]
    assert sections["causes"].parts == [] and sections["directions"].parts == []

    client = Client()
    client.force_login(alice)
    cycle_services.narrative_save(
        organisation=tree.dept, period=H1, acting_user=alice, results="Phần của Sở."
    )
    page = client.get(reverse("targets:narrative_edit", args=[tree.dept.pk, "2024-H1"]), {"tong_hop": "1"})
    text = page.context["form"].initial["results"]
    assert text.startswith("Phần của Sở.\n\nĐảng bộ cơ sở Cai nghiện ma túy Bố Lá:")
    assert text.index("Bố Lá") < text.index("Chi bộ Văn phòng Sở")


# --- validation on entry -------------------------------------------------------------------------
def _history(org, values, title="Số đảng viên mới được kết nạp"):  # type: ignore[no-untyped-def]
    for year, value in zip((2020, 2021, 2022, 2023), values, strict=False):
        target = services.target_create(
            code=f"{org.code}-{year}",
            organisation=org,
            title=title,
            period=str(year),
            shape="quantity",
            planned=D(10),
            acting_user=None,
        )
        services.reading_record(target=target, cut_off=date(year, 12, 31), value=D(value), acting_user=None)
    return services.target_create(
        code=f"{org.code}-2024",
        organisation=org,
        title=title,
        period="2024",
        shape="quantity",
        planned=D(10),
        acting_user=None,
    )


def test_a_value_far_from_the_own_history_needs_a_note_and_is_listed(tree: Tree, alice, bob) -> None:  # type: ignore[no-untyped-def]
    target = _history(tree.cell, [8, 10, 9, 11])  # 31/12 of 2020-2023
    year_end = date(2024, 12, 31)
    with pytest.raises(ValidationError) as refused:
        services.reading_record(target=target, cut_off=year_end, value=D(95), acting_user=alice)
    message = str(refused.value)
    assert "khác xa số liệu cùng thời điểm các năm trước" in message and "trung vị 9,5" in message
    assert not Reading.objects.filter(target=target).exists()
    # Figures are cumulative: mid-year is not compared with year-end totals.
    assert services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(2), acting_user=alice)
    # Within the bounds: accepted, not flagged.
    normal = services.reading_record(target=target, cut_off=year_end, value=D(6), acting_user=alice)
    assert normal.flagged is False
    flagged = services.reading_record(
        target=target,
        cut_off=year_end,
        value=D(95),
        reason="Số liệu chính thức",
        note="Đợt kết nạp lớn dịp 3/2",
        acting_user=alice,
    )
    assert flagged.flagged is True
    assert list(selectors.flagged_readings(tree.cell, parse_period("2024-H2"))) == [flagged]
    client = Client()
    client.force_login(bob)
    page = client.get(reverse("targets:cycle_detail", args=[tree.cell.pk, "2024-H2"])).content.decode()
    assert "Số liệu bất thường cần xem" in page and "Đợt kết nạp lớn dịp 3/2" in page


def test_a_value_far_from_the_siblings_needs_a_note(tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    # Three sibling cells under grassroots report ~90% for the same target; a fourth reports 9%.
    siblings = [
        org_services.organisation_create(
            code=f"CB-KDT-{n}",
            kind="cell",
            parent=tree.grassroots,
            name=f"Chi bộ Khu điều trị {n}",
            acting_user=None,
        )
        for n in (2, 3, 4)
    ]
    for org, value in zip([tree.cell2, *siblings[:2]], (90, 92, 88), strict=True):
        target = services.target_create(
            code=f"{org.code}-TL",
            organisation=org,
            title="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ",
            period="2024",
            shape="rate_floor",
            unit="%",
            planned=D(85),
            acting_user=None,
        )
        services.reading_record(target=target, cut_off=date(2024, 6, 30), value=D(value), acting_user=None)
    odd = services.target_create(
        code="CB-KDT-4-TL",
        organisation=siblings[2],
        title="Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ",
        period="2024",
        shape="rate_floor",
        unit="%",
        planned=D(85),
        acting_user=None,
    )
    with pytest.raises(ValidationError, match="các tổ chức cùng cấp"):
        services.reading_record(target=odd, cut_off=date(2024, 6, 30), value=D(9), acting_user=alice)
    assert services.reading_record(target=odd, cut_off=date(2024, 6, 30), value=D(87), acting_user=alice)


def test_the_import_applies_the_same_outlier_rule(tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    target = _history(tree.cell, [8, 10, 9, 11])
    with pytest.raises(ValidationError, match="CB-VP-2024"):
        services.readings_record_many(
            items=[services.ReadingInput(target=target, cut_off=date(2024, 12, 31), value=D(95))],
            acting_user=alice,
        )
    recorded, _ = services.readings_record_many(
        items=[services.ReadingInput(target=target, cut_off=date(2024, 12, 31), value=D(95), note="Đúng")],
        acting_user=alice,
    )
    assert recorded == 1 and Reading.objects.get(target=target, cut_off=date(2024, 12, 31)).flagged


def test_too_little_history_is_not_judged(tree: Tree, alice) -> None:  # type: ignore[no-untyped-def]
    target = _history(tree.cell, [8, 10])  # two references, three needed
    assert services.reading_record(target=target, cut_off=date(2024, 12, 31), value=D(95), acting_user=alice)


# --- pages ---------------------------------------------------------------------------------------
def test_the_cycle_page_in_a_constant_number_of_queries(tree: Tree, bob, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(bob)
    url = reverse("targets:cycle_detail", args=[tree.dept.pk, "2024-H1"])
    client.get(url)
    with django_assert_num_queries(12):
        client.get(url)
    for n in range(5):
        org = org_services.organisation_create(
            code=f"CB-MOI-{n}", kind="cell", parent=tree.grassroots, name=f"Chi bộ mới {n}", acting_user=None
        )
        _move(org, Transition.SUBMIT)
    with django_assert_num_queries(12):
        response = client.get(url)
    assert "Chi bộ mới 4" in response.content.decode()


def test_the_leader_approves_from_the_list_and_returns_with_a_comment(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    _submit_all_children(tree)
    client = Client()
    client.force_login(bob)
    page = client.get(reverse("targets:cycle_detail", args=[tree.dept.pk, "2024-H1"]))
    assert page.content.decode().count(">Duyệt</button>") == 2
    response = client.post(
        reverse("targets:cycle_transition", args=[tree.cell.pk, "2024-H1", "approve"]),
        {"next": reverse("targets:cycle_detail", args=[tree.dept.pk, "2024-H1"])},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/{tree.dept.pk}/2024-H1/")
    assert _status(tree.cell) == S.APPROVED
    # Returning without a comment: a message, nothing changed.
    response = client.post(
        reverse("targets:cycle_transition", args=[tree.grassroots.pk, "2024-H1", "return"]), follow=True
    )
    assert "ghi ý kiến" in response.content.decode()
    assert _status(tree.grassroots) == S.SUBMITTED
    client.post(
        reverse("targets:cycle_transition", args=[tree.grassroots.pk, "2024-H1", "return"]),
        {"comment": "Bổ sung phần hạn chế"},
    )
    assert _status(tree.grassroots) == S.RETURNED
    staff = make_user("nhap-bola", tree.grassroots, RoleKind.STAFF)
    client.force_login(staff)
    assert (
        "Bổ sung phần hạn chế"
        in client.get(reverse("targets:cycle_detail", args=[tree.grassroots.pk, "2024-H1"])).content.decode()
    )


def test_decisions_reach_the_organisation_as_notices(tree: Tree, alice, bob) -> None:  # type: ignore[no-untyped-def]
    _move(tree.grassroots, Transition.SUBMIT)
    _move(tree.cell, Transition.SUBMIT, alice)
    assert Notice.objects.filter(user=bob, subject__contains="chờ duyệt").count() == 2
    staff = make_user("nhap-vp", tree.cell, RoleKind.STAFF)
    _move(tree.cell, Transition.RETURN, bob, comment="Thiếu biên bản")
    notice = Notice.objects.get(user=staff)
    assert "bị trả lại" in notice.subject and notice.body == "Thiếu biên bản"
    client = Client()
    client.force_login(staff)
    assert "Thiếu biên bản" in client.get(reverse("core:notice_list")).content.decode()
    client.post(reverse("core:notice_list"))
    assert Notice.objects.get(user=staff).read_at is not None


def test_a_period_that_is_not_a_half_year_is_404(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(bob)
    assert client.get(reverse("targets:cycle_detail", args=[tree.dept.pk, "2024"])).status_code == 404
    assert client.get(reverse("targets:cycle_detail", args=[tree.dept.pk, "2024-H3"])).status_code == 404
    response = client.post(reverse("targets:cycle_transition", args=[tree.cell.pk, "2024-H1", "publish"]))
    assert response.status_code == 404


def test_the_dashboard_panel_follows_the_cut_off_but_never_an_unfinished_half_year(tree: Tree, bob) -> None:  # type: ignore[no-untyped-def]
    today = date(2026, 11, 29)
    assert cycle.period_for_cut_off(date(2024, 12, 31), today).code == "2024-H2"
    assert cycle.period_for_cut_off(date(2024, 6, 30), today).code == "2024-H1"
    assert cycle.period_for_cut_off(date(2026, 11, 29), today).code == "2026-H1"
    client = Client()
    client.force_login(bob)
    _move(tree.dept, Transition.SUBMIT)
    panel = client.get(reverse("targets:cycle_panel", args=[tree.dept.pk]), {"period": "2024-H1"})
    assert "6 tháng đầu năm 2024" in panel.content.decode() and "Đã gửi, chờ duyệt" in panel.content.decode()
    services.target_create(
        code="T-2024",
        organisation=tree.dept,
        title="Nội dung",
        period="2024",
        shape="count",
        planned=D(5),
        acting_user=None,
    )
    dashboard = client.get(
        reverse("dashboard", args=[tree.dept.pk]), {"period": "2024", "cut_off": "30/06/2024"}
    )
    assert "/tom-tat/?period=2024-H1" in dashboard.content.decode()


def test_a_report_starts_its_written_sections_from_the_period_narrative(tree: Tree, alice, carol) -> None:  # type: ignore[no-untyped-def]
    from reports import services as report_services

    cycle_services.narrative_save(
        organisation=tree.dept,
        period=H1,
        acting_user=alice,
        results="Hoàn thành 12/15 chỉ tiêu.",
        shortcomings="Còn chậm ở 3 chỉ tiêu.",
        causes="Thiếu kinh phí.",
        directions="Đẩy nhanh tiến độ.",
    )
    report = report_services.report_create(
        organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=None
    )
    client = Client()
    client.force_login(carol)
    url = reverse("reports:report_edit", args=[report.pk])
    assert "thuyet_minh=1" in client.get(url).content.decode()
    form = client.get(url, {"thuyet_minh": "1"}).context["form"]
    assert form.initial["results"] == "Hoàn thành 12/15 chỉ tiêu."
    assert form.initial["limitations"] == "Còn chậm ở 3 chỉ tiêu.\n\nThiếu kinh phí."
    assert form.initial["directions"] == "Đẩy nhanh tiến độ."
    report.refresh_from_db()
    assert report.results == ""  # nothing saved until the secretary saves
