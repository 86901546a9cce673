"""Ids of another organisation's objects, put into URLs, forms and htmx posts: a 404 for URLs and htmx
(nothing about the object leaks), a form error for a choice; in every case nothing changes.

alice is staff and carol secretary of the department; everything "foreign" belongs to the sibling
department (dave's), which neither of them may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import AuditEntry, Member, QualityRating, RoleKind
from inspections import services as inspection_services
from inspections.models import Inspection, PlannedItem, Programme, Subject, TeamMember
from reports import meeting_services, run_services
from reports import services as report_services
from reports.models import Meeting, Report
from resolutions import services as doc_services
from resolutions.models import Document, DocumentLink, Task
from targets import services as target_services
from targets.models import Reading, Target
from tests.conftest import Tree, make_user


@dataclass
class Objects:
    tree: Tree
    document: Document
    target: Target
    member: Member
    report: Report
    meeting: Meeting
    foreign_document: Document
    foreign_target: Target
    foreign_task: Task
    foreign_member: Member
    foreign_report: Report
    foreign_meeting: Meeting
    foreign_term: Any
    foreign_run: Any
    own_term: Any = None
    task: Any = None
    inspection: Any = None
    foreign_inspection: Any = None
    programme: Any = None


@pytest.fixture
def o(tree: Tree, alice: User, carol: User, dave: User, settings: Any, tmp_path: Any) -> Objects:
    settings.MEDIA_ROOT = tmp_path
    make_user("ivan", tree.dept, RoleKind.INSPECTOR)  # of the department's inspection commission
    objects = make_objects(tree)
    objects.inspection = inspection_services.inspection_create(
        organisation=tree.dept, kind="regular", title="Kiểm tra chi bộ", acting_user=None,
        subjects=[inspection_services.SubjectData(organisation=tree.cell)],
    )  # fmt: skip
    objects.foreign_inspection = inspection_services.inspection_create(
        organisation=tree.sibling, kind="regular", title="Kiểm tra ở sở bên", acting_user=None,
        subjects=[inspection_services.SubjectData(organisation=tree.sibling_cell)],
    )  # fmt: skip
    objects.programme = inspection_services.programme_create(
        organisation=tree.dept, year=2024, title="Chương trình 2024", acting_user=None
    )
    return objects


def make_objects(tree: Tree) -> Objects:

    def target(org: Any, code: str) -> Target:
        return target_services.target_create(
            code=code, organisation=org, title="Việc làm", period="2024", shape="count", planned=D(10),
            acting_user=None,
        )  # fmt: skip

    foreign_document = doc_services.document_create(
        raw_number="07-CT/ĐU", title="của Sở Y tế", organisation=tree.sibling, acting_user=None
    )
    foreign_report = report_services.report_create(
        organisation=tree.sibling, kind="semi_annual", period="2024-H1", acting_user=None
    )
    run = run_services.report_run_request(report=foreign_report, acting_user=None, enqueue=False)
    objects = Objects(
        tree=tree,
        document=doc_services.document_create(
            raw_number="32-CT/TU", title="về giảm nghèo", organisation=tree.dept, acting_user=None
        ),
        target=target(tree.dept, "T"),
        member=org_services.member_create(
            organisation=tree.cell, full_name="Nguyễn Văn An", gender="male", acting_user=None
        ),
        report=report_services.report_create(
            organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=None
        ),
        meeting=meeting_services.meeting_create(
            organisation=tree.dept,
            held_on=date(2024, 7, 4),
            conclusions="Hoàn chỉnh báo cáo sơ kết.\nKết nạp đảng viên mới.",
            acting_user=None,
        ),
        foreign_document=foreign_document,
        foreign_target=target(tree.sibling, "SYT-T"),
        foreign_task=doc_services.task_create(
            document=foreign_document, organisation=tree.sibling_cell, title="Rà soát", acting_user=None
        ),
        foreign_member=org_services.member_create(
            organisation=tree.sibling_cell, full_name="Trần Thị Bình", gender="female", acting_user=None
        ),
        foreign_report=foreign_report,
        foreign_meeting=meeting_services.meeting_create(
            organisation=tree.sibling, held_on=date(2024, 7, 5), acting_user=None
        ),
        foreign_term=org_services.term_create(
            organisation=tree.sibling, start_year=2020, end_year=2025, acting_user=None
        ),
        foreign_run=run,
    )
    objects.task = doc_services.task_create(
        document=objects.document, organisation=tree.cell, title="Rà soát hộ nghèo", acting_user=None
    )
    return objects


def _conclusion_task(organisation_pk: int) -> dict[str, Any]:
    return {
        "kl-TOTAL_FORMS": "1", "kl-INITIAL_FORMS": "1", "kl-0-position": "1", "kl-0-take": "on",
        "kl-0-title": "Hoàn chỉnh báo cáo", "kl-0-organisation": str(organisation_pk), "kl-0-due_on": "",
    }  # fmt: skip


def _state() -> tuple[Any, ...]:
    models = (
        Target,
        Reading,
        Document,
        DocumentLink,
        Task,
        Member,
        QualityRating,
        Report,
        Meeting,
        AuditEntry,
        Inspection,
        Subject,
        TeamMember,
        Programme,
        PlannedItem,
    )
    return (
        *(m.objects.count() for m in models),
        tuple(Target.objects.order_by("pk").values_list("document_id", "parent_id", "planned")),
        tuple(Member.objects.order_by("pk").values_list("organisation_id", "full_name")),
        tuple(Report.objects.order_by("pk").values_list("title", "number")),
        tuple(Task.objects.order_by("pk").values_list("done_on")),
        tuple(
            Inspection.objects.order_by("pk").values_list("title", "status", "decision_id", "follow_up_on")
        ),
    )


SIGNER = {"signer_authority": "T/M ĐẢNG ỦY", "signer_title": "BÍ THƯ"}
TARGET_FORM = {
    "code": "T9", "title": "Mới", "period": "2024", "shape": "count", "planned": "5", "position": "0",
    "reduction_unit": "points",
}  # fmt: skip
INSPECTION_FORM = {
    "body": "committee", "mode": "inspection", "kind": "regular", "title": "Kiểm tra mới",
    "team-TOTAL_FORMS": "0", "team-INITIAL_FORMS": "0",
}  # fmt: skip
MEMBER_FORM = {"full_name": "Lê Văn Cường", "gender": "male", "ethnicity": "Kinh", "status": "official"}

# name → (user, method, url, data, expected status); a 200 must carry a form error.
Case = tuple[str, str, Callable[[Objects], str], Callable[[Objects], dict[str, Any]], int]
CASES: dict[str, Case] = {
    # URLs and htmx posts naming a foreign object: 404.
    "entry_save foreign target (htmx)": (
        "alice", "post", lambda o: reverse("targets:entry_save", args=[o.foreign_target.pk]),
        lambda o: {"value": "5", "kind": "official", "cut_off": "30/6/2024", "expected": "0"}, 404,
    ),
    "metric_record foreign target": (
        "alice", "post", lambda o: reverse("targets:metric_record", args=[o.foreign_target.pk]),
        lambda o: {"cut_off": "30/6/2024"}, 404,
    ),
    "task_done foreign task (htmx)": (
        "alice", "post", lambda o: reverse("resolutions:task_done", args=[o.foreign_task.pk]),
        lambda o: {"done_on": "1/6/2024"}, 404,
    ),
    "target_create in foreign organisation": (
        "alice", "post", lambda o: reverse("targets:target_create", args=[o.tree.sibling.pk]),
        lambda o: TARGET_FORM, 404,
    ),
    "target_edit foreign target": (
        "alice", "post", lambda o: reverse("targets:target_edit", args=[o.foreign_target.pk]),
        lambda o: {**TARGET_FORM, "code": "SYT-T", "planned": "1"}, 404,
    ),
    "target_split foreign target": (
        "alice", "post", lambda o: reverse("targets:target_split", args=[o.foreign_target.pk]),
        lambda o: {f"org_{o.tree.sibling_cell.pk}": "3"}, 404,
    ),
    "member_update foreign member": (
        "alice", "post", lambda o: reverse("committees:member_update", args=[o.foreign_member.pk]),
        lambda o: {**MEMBER_FORM, "organisation": o.tree.sibling_cell.pk}, 404,
    ),
    "ratings of a foreign organisation": (
        "alice", "post", lambda o: reverse("committees:organisation_ratings", args=[o.tree.sibling.pk]),
        lambda o: {"organisation": o.tree.sibling.pk, "year": "2024", "level": "httnv"}, 404,
    ),
    "report_edit foreign report": (
        "carol", "post", lambda o: reverse("reports:report_edit", args=[o.foreign_report.pk]),
        lambda o: {"title": "x", "cut_off": "30/6/2024", "rounding": "half_up"}, 404,
    ),
    "report_issue foreign report": (
        "carol", "post", lambda o: reverse("reports:report_issue", args=[o.foreign_report.pk]),
        lambda o: {"number": "15-BC/ĐU", "dated": "1/7/2024"}, 404,
    ),
    "run_request foreign report (htmx)": (
        "carol", "post", lambda o: reverse("reports:run_request", args=[o.foreign_report.pk]),
        lambda o: {}, 404,
    ),
    "run_download foreign run": (
        "carol", "get", lambda o: reverse("reports:run_download", args=[o.foreign_run.pk]),
        lambda o: {}, 404,
    ),
    "report_docx foreign report": (
        "carol", "get", lambda o: reverse("reports:report_docx", args=[o.foreign_report.pk]),
        lambda o: {}, 404,
    ),
    "run_docx foreign run": (
        "carol", "get", lambda o: reverse("reports:run_docx", args=[o.foreign_run.pk]),
        lambda o: {}, 404,
    ),
    "meeting_edit foreign meeting": (
        "carol", "post", lambda o: reverse("reports:meeting_edit", args=[o.foreign_meeting.pk]),
        lambda o: {"held_on": "1/8/2024", "att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0"}, 404,
    ),
    "task_edit foreign task": (
        "alice", "post", lambda o: reverse("resolutions:task_edit", args=[o.foreign_task.pk]),
        lambda o: {"title": "Đổi", "organisation": o.tree.cell.pk}, 404,
    ),
    "document_edit foreign document": (
        "alice", "post", lambda o: reverse("resolutions:document_edit", args=[o.foreign_document.pk]),
        lambda o: {"raw_number": "08-CT/ĐU", "title": "Đổi"}, 404,
    ),
    "meeting_tasks on a foreign meeting": (
        "carol", "post", lambda o: reverse("reports:meeting_tasks", args=[o.foreign_meeting.pk]),
        lambda o: _conclusion_task(o.tree.sibling.pk), 404,
    ),
    "meeting_pdf of a foreign meeting": (
        "carol", "get", lambda o: reverse("reports:meeting_pdf", args=[o.foreign_meeting.pk, "thong-bao"]),
        lambda o: {}, 404,
    ),
    "meeting_docx of a foreign meeting": (
        "carol", "get", lambda o: reverse("reports:meeting_docx", args=[o.foreign_meeting.pk, "bien-ban"]),
        lambda o: {}, 404,
    ),
    "task_detail of a foreign task": (
        "carol", "get", lambda o: reverse("resolutions:task_detail", args=[o.foreign_task.pk]), lambda o: {}, 404,
    ),
    "task_meeting of a foreign task": (
        "alice", "get", lambda o: reverse("reports:task_meeting", args=[o.foreign_task.pk]), lambda o: {}, 404,
    ),
    "document_follow of a foreign document": (
        "alice", "post", lambda o: reverse("resolutions:document_follow", args=[o.foreign_document.pk]),
        lambda o: {"organisation": o.tree.dept.pk}, 404,
    ),
    "document_follow of an own document for a foreign organisation": (
        "alice", "post", lambda o: reverse("resolutions:document_follow", args=[o.document.pk]),
        lambda o: {"organisation": o.tree.sibling_cell.pk}, 404,
    ),
    "report_create started from a foreign meeting": (
        "carol", "get", lambda o: reverse("reports:report_create"),
        lambda o: {"hoi_nghi": o.foreign_meeting.pk}, 404,
    ),
    "member_list filtered on a foreign organisation": (
        "alice", "get", lambda o: reverse("committees:member_list"),
        lambda o: {"organisation": o.tree.sibling.pk}, 404,
    ),
    "history of a foreign target": (
        "alice", "get", lambda o: reverse("committees:object_history", args=["targets.target", o.foreign_target.pk]),
        lambda o: {}, 404,
    ),
    # Form choices naming a foreign object: the form says no, nothing is saved.
    "target_create with a foreign document": (
        "alice", "post", lambda o: reverse("targets:target_create", args=[o.tree.dept.pk]),
        lambda o: {**TARGET_FORM, "document": o.foreign_document.pk}, 200,
    ),
    "target_create with a foreign parent": (
        "alice", "post", lambda o: reverse("targets:target_create", args=[o.tree.dept.pk]),
        lambda o: {**TARGET_FORM, "parent": o.foreign_target.pk}, 200,
    ),
    "target_edit own target with a foreign document": (
        "alice", "post", lambda o: reverse("targets:target_edit", args=[o.target.pk]),
        lambda o: {**TARGET_FORM, "code": "T", "planned": "11", "document": o.foreign_document.pk}, 200,
    ),
    "target_split onto a foreign organisation": (
        "alice", "post", lambda o: reverse("targets:target_split", args=[o.target.pk]),
        lambda o: {f"org_{o.tree.sibling.pk}": "3", f"org_{o.tree.sibling_cell.pk}": "4"}, 200,
    ),
    "document_create for a foreign organisation": (
        "alice", "post", lambda o: reverse("resolutions:document_create"),
        lambda o: {"raw_number": "11-NQ/ĐU", "title": "x", "organisation": o.tree.sibling.pk, "link_kind": "implements"}, 200,
    ),
    "document_create implementing a foreign document": (
        "alice", "post", lambda o: reverse("resolutions:document_create"),
        lambda o: {"raw_number": "11-NQ/ĐU", "title": "x", "organisation": o.tree.dept.pk,
                   "implements": o.foreign_document.pk, "link_kind": "implements"}, 200,
    ),
    "task_create for a foreign organisation": (
        "alice", "post", lambda o: reverse("resolutions:task_create"),
        lambda o: {"title": "Việc mới", "organisation": o.tree.sibling_cell.pk}, 200,
    ),
    "task_create on a foreign document": (
        "alice", "post", lambda o: reverse("resolutions:task_create"),
        lambda o: {"title": "Việc mới", "organisation": o.tree.cell.pk, "document": o.foreign_document.pk}, 200,
    ),
    "task_create resting on a foreign document": (
        "alice", "post", lambda o: reverse("resolutions:task_create"),
        lambda o: {"title": "Việc mới", "organisation": o.tree.cell.pk, "bases": [o.foreign_document.pk]}, 200,
    ),
    "task_edit own task moved to a foreign organisation": (
        "alice", "post", lambda o: reverse("resolutions:task_edit", args=[o.task.pk]),
        lambda o: {"title": "Rà soát hộ nghèo", "organisation": o.tree.sibling_cell.pk}, 200,
    ),
    "member_create in a foreign cell": (
        "alice", "post", lambda o: reverse("committees:member_create"),
        lambda o: {**MEMBER_FORM, "organisation": o.tree.sibling_cell.pk}, 200,
    ),
    "member_update moving a member to a foreign cell": (
        "alice", "post", lambda o: reverse("committees:member_update", args=[o.member.pk]),
        lambda o: {**MEMBER_FORM, "full_name": "Nguyễn Văn An", "organisation": o.tree.sibling_cell.pk}, 200,
    ),
    "rating of a foreign organisation from the own page": (
        "alice", "post", lambda o: reverse("committees:organisation_ratings", args=[o.tree.dept.pk]),
        lambda o: {"organisation": o.tree.sibling_cell.pk, "year": "2024", "level": "httnv"}, 200,
    ),
    "report_create for a foreign organisation": (
        "carol", "post", lambda o: reverse("reports:report_create"),
        lambda o: {"organisation": o.tree.sibling.pk, "kind": "semi_annual", "period": "2024-H1"}, 200,
    ),
    "report_edit attaching a foreign meeting": (
        "carol", "post", lambda o: reverse("reports:report_edit", args=[o.report.pk]),
        lambda o: {"title": "Đổi tên", "cut_off": "30/6/2024", "rounding": "half_up", **SIGNER,
                   "meetings": [o.foreign_meeting.pk]}, 200,
    ),
    "meeting_create for a foreign organisation": (
        "carol", "post", lambda o: reverse("reports:meeting_create"),
        lambda o: {"organisation": o.tree.sibling.pk, "held_on": "1/8/2024",
                   "att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0"}, 200,
    ),
    "meeting_create with a foreign term": (
        "carol", "post", lambda o: reverse("reports:meeting_create"),
        lambda o: {"organisation": o.tree.dept.pk, "term": o.foreign_term.pk, "held_on": "1/8/2024",
                   "att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0"}, 200,
    ),
    "meeting_edit own meeting with a foreign term": (
        "carol", "post", lambda o: reverse("reports:meeting_edit", args=[o.meeting.pk]),
        lambda o: {"term": o.foreign_term.pk, "held_on": "1/8/2024",
                   "att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0"}, 200,
    ),
    "meeting_tasks led by a foreign organisation": (
        "carol", "post", lambda o: reverse("reports:meeting_tasks", args=[o.meeting.pk]),
        lambda o: _conclusion_task(o.tree.sibling.pk), 200,
    ),
    "report_create linked to a foreign meeting": (
        "carol", "post", lambda o: reverse("reports:report_create"),
        lambda o: {"organisation": o.tree.dept.pk, "kind": "semi_annual", "period": "2024-H1",
                   "meeting": o.foreign_meeting.pk}, 200,
    ),
    "review_create of a foreign document": (
        "carol", "post", lambda o: reverse("reports:review_create"),
        lambda o: {"organisation": o.tree.dept.pk, "document": o.foreign_document.pk, "stage": "so_ket",
                   "window_start": "1/1/2024", "cut_off": "30/6/2024"}, 200,
    ),
    "review_create for a foreign organisation": (
        "carol", "post", lambda o: reverse("reports:review_create"),
        lambda o: {"organisation": o.tree.sibling.pk, "document_number": "32-CT/TU", "stage": "so_ket",
                   "window_start": "1/1/2024", "cut_off": "30/6/2024"}, 200,
    ),
    "inspection_edit foreign inspection": (
        "ivan", "post", lambda o: reverse("inspections:inspection_edit", args=[o.foreign_inspection.pk]),
        lambda o: {**INSPECTION_FORM, "team-TOTAL_FORMS": "0"}, 404,
    ),
    "inspection_conclude foreign inspection": (
        "ivan", "post", lambda o: reverse("inspections:inspection_conclude", args=[o.foreign_inspection.pk]),
        lambda o: {"raw_number": "09-TB/ĐU", "issued_on": "1/6/2024", "rec-TOTAL_FORMS": "0",
                   "rec-INITIAL_FORMS": "0"}, 404,
    ),
    "inspection_follow_up foreign inspection": (
        "ivan", "post", lambda o: reverse("inspections:inspection_follow_up", args=[o.foreign_inspection.pk]),
        lambda o: {"follow_up_on": "1/6/2024", "follow_up_notes": "x"}, 404,
    ),
    "inspection_create for a foreign organisation": (
        "ivan", "post", lambda o: reverse("inspections:inspection_create"),
        lambda o: {**INSPECTION_FORM, "organisation": o.tree.sibling.pk}, 200,
    ),
    "inspection_create with a foreign subject": (
        "ivan", "post", lambda o: reverse("inspections:inspection_create"),
        lambda o: {**INSPECTION_FORM, "organisation": o.tree.dept.pk,
                   "subject_organisations": [o.tree.sibling_cell.pk]}, 200,
    ),
    "inspection_create with a foreign decision": (
        "ivan", "post", lambda o: reverse("inspections:inspection_create"),
        lambda o: {**INSPECTION_FORM, "organisation": o.tree.dept.pk, "decision": o.foreign_document.pk}, 200,
    ),
    "programme item about a foreign organisation": (
        "ivan", "post", lambda o: reverse("inspections:programme_detail", args=[o.programme.pk]),
        lambda o: {"mode": "inspection", "kind": "regular", "title": "x", "subject": o.tree.sibling.pk}, 200,
    ),
    "workbook export of a foreign organisation": (
        "alice", "get", lambda o: reverse("exchange:workbook_export"),
        lambda o: {"organisation": o.tree.sibling.pk}, 400,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_foreign_id_is_refused_and_nothing_changes(client: Client, o: Objects, case: str) -> None:
    username, method, url, data, status = CASES[case]
    client.force_login(User.objects.get(username=username))
    before = _state()
    headers = {"HX-Request": "true"} if "htmx" in case else {}
    response = getattr(client, method)(url(o), data(o), headers=headers)
    assert response.status_code == status, (case, response.status_code)
    assert _state() == before, case
    body = response.content.decode()
    if status != 404:
        assert "errorlist" in body, case
    # Nothing of the foreign objects shows in the answer.
    for name in ("của Sở Y tế", "Trần Thị Bình", "07-CT/ĐU"):
        assert name not in body, (case, name)


# The form cases again with the user's own ids: they do change something, so the refusals above are for
# the foreign ids and not for some other fault of the request.
OWN: dict[str, Callable[[Objects], dict[str, Any]]] = {
    "target_create with a foreign document": lambda o: {**TARGET_FORM, "document": o.document.pk},
    "target_create with a foreign parent": lambda o: {**TARGET_FORM, "parent": o.target.pk},
    "target_edit own target with a foreign document": lambda o: {
        **TARGET_FORM, "code": "T", "planned": "11", "document": o.document.pk
    },
    "target_split onto a foreign organisation": lambda o: {f"org_{o.tree.cell.pk}": "4"},
    "document_create for a foreign organisation": lambda o: {
        "raw_number": "11-NQ/ĐU", "title": "x", "organisation": o.tree.dept.pk, "link_kind": "implements"
    },
    "document_create implementing a foreign document": lambda o: {
        "raw_number": "11-NQ/ĐU", "title": "x", "organisation": o.tree.dept.pk,
        "implements": o.document.pk, "link_kind": "implements",
    },
    "task_create for a foreign organisation": lambda o: {"title": "Việc mới", "organisation": o.tree.cell.pk},
    "task_create on a foreign document": lambda o: {
        "title": "Việc mới", "organisation": o.tree.cell.pk, "document": o.document.pk
    },
    "task_create resting on a foreign document": lambda o: {
        "title": "Việc mới", "organisation": o.tree.cell.pk, "bases": [o.document.pk]
    },
    "task_edit own task moved to a foreign organisation": lambda o: {
        "title": "Rà soát hộ nghèo", "organisation": o.tree.cell2.pk
    },
    "member_create in a foreign cell": lambda o: {**MEMBER_FORM, "organisation": o.tree.cell.pk},
    "member_update moving a member to a foreign cell": lambda o: {
        **MEMBER_FORM, "full_name": "Nguyễn Văn An", "organisation": o.tree.cell2.pk
    },
    "rating of a foreign organisation from the own page": lambda o: {
        "organisation": o.tree.cell.pk, "year": "2024", "level": "httnv"
    },
    "report_create for a foreign organisation": lambda o: {
        "organisation": o.tree.dept.pk, "kind": "annual", "period": "2024"
    },
    "report_edit attaching a foreign meeting": lambda o: {
        "title": "Đổi tên", "cut_off": "30/6/2024", "rounding": "half_up", **SIGNER, "meetings": [o.meeting.pk]
    },
    "meeting_create for a foreign organisation": lambda o: {
        "organisation": o.tree.dept.pk, "held_on": "1/8/2024", "att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0"
    },
    "meeting_create with a foreign term": lambda o: {
        "organisation": o.tree.dept.pk, "term": o.own_term.pk, "held_on": "1/8/2024",
        "att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0",
    },
    "meeting_edit own meeting with a foreign term": lambda o: {
        "term": o.own_term.pk, "held_on": "1/8/2024", "att-TOTAL_FORMS": "0", "att-INITIAL_FORMS": "0"
    },
    "meeting_tasks led by a foreign organisation": lambda o: _conclusion_task(o.tree.cell.pk),
    "review_create of a foreign document": lambda o: {
        "organisation": o.tree.dept.pk, "document": o.document.pk, "stage": "so_ket",
        "window_start": "1/1/2024", "cut_off": "30/6/2024",
    },
    "review_create for a foreign organisation": lambda o: {
        "organisation": o.tree.dept.pk, "document_number": "32-CT/TU", "stage": "so_ket",
        "window_start": "1/1/2024", "cut_off": "30/6/2024",
    },
    "report_create linked to a foreign meeting": lambda o: {
        "organisation": o.tree.dept.pk, "kind": "semi_annual", "period": "2024-H1", "meeting": o.meeting.pk
    },
    "inspection_create for a foreign organisation": lambda o: {**INSPECTION_FORM, "organisation": o.tree.dept.pk},
    "inspection_create with a foreign subject": lambda o: {
        **INSPECTION_FORM, "organisation": o.tree.dept.pk, "subject_organisations": [o.tree.cell2.pk]
    },
    "inspection_create with a foreign decision": lambda o: {
        **INSPECTION_FORM, "organisation": o.tree.dept.pk, "decision": o.document.pk
    },
    "programme item about a foreign organisation": lambda o: {
        "mode": "inspection", "kind": "regular", "title": "x", "subject": o.tree.cell.pk
    },
}  # fmt: skip


def test_every_form_case_has_its_own_id_twin() -> None:
    assert set(OWN) == {name for name, case in CASES.items() if case[4] == 200}


@pytest.mark.parametrize("case", sorted(OWN))
def test_the_same_requests_with_own_ids_do_change(client: Client, o: Objects, case: str) -> None:
    username, method, url, _data, _status = CASES[case]
    client.force_login(User.objects.get(username=username))
    o.own_term = org_services.term_create(
        organisation=o.tree.dept, start_year=2020, end_year=2025, acting_user=None
    )
    before = AuditEntry.objects.count()
    response = getattr(client, method)(url(o), OWN[case](o))
    assert response.status_code == 302, (case, response.context and response.context.get("form").errors)
    assert AuditEntry.objects.count() > before, case
