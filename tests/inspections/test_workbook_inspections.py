"""The workbook's `inspections` and `inspection_subjects` sheets, the recommendations in `tasks`: exported,
re-imported unchanged (into the same database and into an empty one), refused outside the user's scope."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth.models import User

from committees import services as org_services
from exchange.workbook import export_workbook, import_workbook
from inspections import services
from inspections.models import Inspection, PlannedItem, Programme, Subject, TeamMember
from resolutions.models import Task
from tests.conftest import Tree
from tests.test_workbook import _wipe, sheets_of

CUT_OFF = date(2024, 12, 31)


def _concluded(tree: Tree, inspection: Inspection) -> Inspection:
    member = org_services.member_create(
        organisation=tree.cell, full_name="Phạm Văn Dũng", gender="male", acting_user=None
    )
    services.inspection_update(
        inspection=inspection,
        subjects=[services.SubjectData(organisation=tree.dept), services.SubjectData(organisation=tree.cell,
                                                                                    member=member)],
        acting_user=None,
    )  # fmt: skip
    return services.inspection_conclude(
        inspection=inspection, raw_number="125-TB/TU", issued_on=date(2024, 5, 10), results="Tốt.",
        shortcomings="Chậm.", acting_user=None,
        recommendations=[services.RecommendationData(organisation=tree.dept, title="Rà soát thủ tục",
                                                     due_on=date(2027, 12, 31))],
    )  # fmt: skip


def test_inspections_travel_in_the_workbook_and_come_back_unchanged(
    tree: Tree, inspection: Inspection
) -> None:
    _concluded(tree, inspection)
    first = export_workbook(cut_off=CUT_OFF)
    sheets = sheets_of(first)
    header, row = sheets["inspections"][0], sheets["inspections"][1]
    record = dict(zip(header, row, strict=True))
    assert record["code"] == inspection.code and record["organisation_code"] == "TU-HCM"
    assert record["decision_number"] == "120-QĐ/TU" and record["conclusion_number"] == "125-TB/TU"
    assert record["subject_document_numbers"] == "04-NQ/TU; 45-KH/ĐU" and record["status"] == "concluded"
    assert sheets["inspection_subjects"][1:] == [
        (inspection.code, "SLDTBXH", None), (inspection.code, "CB-VP", "Phạm Văn Dũng"),
    ]  # fmt: skip
    # The recommendation is a task of the notice, in the tasks sheet under its number.
    assert any(r[1] == "125-TB/TU" and r[3] == "Rà soát thủ tục" for r in sheets["tasks"][1:])

    again = import_workbook(io.BytesIO(first), acting_user=None)
    assert again.ok and "inspections" not in again.created and "inspections" not in again.updated
    assert sheets_of(export_workbook(cut_off=CUT_OFF)) == sheets

    TeamMember.objects.all().delete()  # the team comes back from the inspection_team sheet
    Subject.objects.all().delete()
    Inspection.objects.all().delete()
    PlannedItem.objects.all().delete()
    Programme.objects.all().delete()
    _wipe()
    result = import_workbook(io.BytesIO(first), acting_user=None)
    assert result.ok, [str(p) for p in result.problems][:5]
    assert result.created["inspections"] == 1
    assert sheets_of(export_workbook(cut_off=CUT_OFF)) == sheets
    restored = Inspection.objects.get()
    assert restored.conclusion is not None and Task.objects.filter(document=restored.conclusion).count() == 1


def test_an_import_outside_the_inspectors_scope_is_refused_and_changes_nothing(
    tree: Tree, inspection: Inspection, alice: User
) -> None:
    from tests.test_workbook import book

    header = ["code", "organisation_code", "mode", "kind", "title"]
    # alice is staff of the department: she may not write inspections at all, not even her own committee's.
    data = book(inspections=[header, ["KT-MOI", "SLDTBXH", "inspection", "regular", "Kiểm tra mới"]])
    result = import_workbook(data, acting_user=alice)
    assert not result.ok and "Không có «SLDTBXH» trong phạm vi của bạn." in str(result.problems[0])
    data = book(inspections=[header, [inspection.code, "TU-HCM", "inspection", "regular", "Đổi nội dung"]])
    assert not import_workbook(data, acting_user=alice).ok
    assert Inspection.objects.get().title == inspection.title and Inspection.objects.count() == 1


def test_bad_rows_are_named_in_vietnamese(tree: Tree, erin: User) -> None:
    from tests.test_workbook import book

    header = ["code", "organisation_code", "mode", "kind", "title", "decided_on", "notified_on"]
    data = book(
        inspections=[header, ["KT-1", "SLDTBXH", "supervision", "finance", "x", "1/3/2024", "1/2/2024"]]
    )
    result = import_workbook(data, acting_user=erin)
    messages = [str(p) for p in result.problems]
    assert any("Giám sát chỉ có hai loại" in m for m in messages), messages
    assert any("không được trước ngày của bước trước đó" in m for m in messages), messages
    assert not Inspection.objects.exists()
