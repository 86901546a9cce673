"""Inspections: the stages and their status, the rules of the services, the conclusion's recommendations
as tasks of the inspected organisation, the inspection commission's role and the pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committees import access
from committees.access import Action
from committees.models import AuditEntry
from inspections import selectors, services
from inspections.models import Inspection, Status
from inspections.stages import order_problems, status_of
from resolutions import services as doc_services
from resolutions.models import Document, Task
from resolutions.selectors import tasks_for_user
from tests.conftest import Tree

D = date


def test_status_follows_the_latest_dated_stage() -> None:
    assert status_of({}) == Status.PLANNED
    assert status_of({"decided_on": D(2024, 3, 1)}) == Status.DECIDED
    assert status_of({"decided_on": D(2024, 3, 1), "sessions_from": D(2024, 4, 2)}) == Status.IN_SESSION
    assert status_of({"decided_on": D(2024, 3, 1), "concluded_on": D(2024, 6, 1)}) == Status.CONCLUDED


def test_stages_dated_out_of_order_are_named() -> None:
    problems = order_problems({"decided_on": D(2024, 3, 1), "notified_on": D(2024, 2, 1)})
    assert set(problems) == {"notified_on"}
    assert order_problems({"decided_on": D(2024, 3, 1), "sessions_from": D(2024, 4, 1),
                           "sessions_to": D(2024, 4, 1)}) == {}  # fmt: skip


def test_the_case_of_the_issue_is_recorded(tree: Tree, inspection: Inspection) -> None:
    assert inspection.status == Status.DECIDED
    assert [t.role for t in inspection.team.all()] == ["lead", "member"]
    assert inspection.team.all()[1].display_name == "Lê Thị Mai"
    assert list(inspection.subjects.values_list("organisation_id", flat=True)) == [tree.dept.pk]
    assert sorted(inspection.subject_documents.values_list("canonical_number", flat=True)) == [
        "04-NQ/TU", "45-KH/ĐU",
    ]  # fmt: skip
    row = AuditEntry.objects.get(action="inspection.create")
    assert row.after is not None and row.after["Đối tượng"] == ["Đảng bộ Sở Lao động - Thương binh và Xã hội"]
    assert row.after["Đoàn kiểm tra, giám sát"][0] == "Trưởng đoàn: Võ Văn Hải (Ủy viên BTV)"


def test_updating_the_stages_moves_the_status_and_keeps_before_and_after(inspection: Inspection) -> None:
    services.inspection_update(
        inspection=inspection, notified_on=D(2024, 3, 5), self_report_on=D(2024, 3, 20),
        sessions_from=D(2024, 4, 2), sessions_to=D(2024, 4, 2), acting_user=None,
    )  # fmt: skip
    inspection.refresh_from_db()
    assert inspection.status == Status.IN_SESSION
    row = AuditEntry.objects.filter(action="inspection.update").get()
    assert row.before is not None and row.after is not None
    assert row.before["status"] == "decided" and row.after["status"] == "in_session"


def test_bad_stage_order_is_refused_and_nothing_changes(inspection: Inspection) -> None:
    with pytest.raises(ValidationError) as error:
        services.inspection_update(inspection=inspection, notified_on=D(2024, 2, 1), acting_user=None)
    assert "notified_on" in error.value.message_dict
    assert Inspection.objects.get(pk=inspection.pk).notified_on is None


def test_a_subject_outside_the_committees_subtree_is_refused(tree: Tree) -> None:
    with pytest.raises(ValidationError):
        services.inspection_create(
            organisation=tree.dept, kind="regular", title="x",
            subjects=[services.SubjectData(organisation=tree.sibling)], acting_user=None,
        )  # fmt: skip
    assert not Inspection.objects.exists()


def test_supervision_has_only_regular_and_thematic_kinds(tree: Tree) -> None:
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            organisation=tree.dept, mode="supervision", kind="suspected", title="x", acting_user=None
        )
    assert "kind" in error.value.message_dict


def test_a_decision_of_another_organisation_is_refused(tree: Tree) -> None:
    other = doc_services.document_create(
        raw_number="07-QĐ/ĐU", title="x", organisation=tree.sibling, acting_user=None
    )
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            organisation=tree.dept, kind="regular", title="x", decision=other, acting_user=None
        )
    assert "decision" in error.value.message_dict


def _conclude(inspection: Inspection, tree: Tree, **kwargs: object) -> Inspection:
    return services.inspection_conclude(
        inspection=inspection,
        raw_number="125-TB/TU",
        issued_on=D(2024, 5, 10),
        results="Ban hành kịp thời kế hoạch thực hiện.",
        shortcomings="Một số nội dung chậm.",
        recommendations=[
            services.RecommendationData(organisation=tree.dept, title=f"Kiến nghị {n}", due_on=due)
            for n, due in enumerate([D(2024, 9, 30)] * 10 + [D(2027, 12, 31)], start=1)
        ],
        acting_user=None,
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_conclusion_notice_is_a_document_and_its_recommendations_are_the_subjects_tasks(
    tree: Tree, inspection: Inspection, alice: User
) -> None:
    _conclude(inspection, tree)
    inspection.refresh_from_db()
    notice = inspection.conclusion
    assert notice is not None and notice.canonical_number == "125-TB/TU" and notice.organisation == tree.city
    assert inspection.status == Status.CONCLUDED and inspection.concluded_on == D(2024, 5, 10)
    tasks = Task.objects.filter(document=notice)
    assert tasks.count() == 11 and set(tasks.values_list("organisation_id", flat=True)) == {tree.dept.pk}
    # Tracked like every task: the department's staff see them in their task list and mark them done.
    assert tasks_for_user(alice).filter(document=notice).count() == 11
    # And the task list's search finds them (task_create did not fold the title it searches).
    from resolutions.filters import TaskFilterSet

    found = TaskFilterSet({"q": "kien nghi 11"}, queryset=tasks_for_user(alice)).qs
    assert [t.title for t in found] == ["Kiến nghị 11"]
    doc_services.task_mark_done(task=tasks.first(), done_on=D(2024, 6, 1), acting_user=alice)  # type: ignore[arg-type]
    assert Task.objects.filter(document=notice, done_on__isnull=False).count() == 1


def test_a_second_conclusion_or_a_recommendation_to_a_non_subject_is_refused(
    tree: Tree, inspection: Inspection
) -> None:
    with pytest.raises(ValidationError):
        services.inspection_conclude(
            inspection=inspection, raw_number="125-TB/TU", issued_on=D(2024, 5, 10),
            recommendations=[services.RecommendationData(organisation=tree.sibling, title="x")],
            acting_user=None,
        )  # fmt: skip
    assert not Document.objects.filter(canonical_number="125-TB/TU").exists()
    _conclude(inspection, tree)
    with pytest.raises(ValidationError):
        services.inspection_conclude(
            inspection=inspection, raw_number="126-TB/TU", issued_on=D(2024, 5, 10), acting_user=None
        )


def test_follow_up_needs_a_conclusion_and_then_closes_the_inspection(
    tree: Tree, inspection: Inspection
) -> None:
    with pytest.raises(ValidationError):
        services.inspection_follow_up(inspection=inspection, on=D(2024, 10, 1), notes="x", acting_user=None)
    _conclude(inspection, tree)
    services.inspection_follow_up(
        inspection=inspection, on=D(2024, 10, 1), notes="10/11 kiến nghị đã thực hiện.", acting_user=None
    )
    inspection.refresh_from_db()
    assert inspection.status == Status.FOLLOWED_UP


def test_counts_for_the_periodic_report(tree: Tree, inspection: Inspection) -> None:
    _conclude(inspection, tree)
    notice = Inspection.objects.get(pk=inspection.pk).conclusion
    first, second = Task.objects.filter(document=notice).order_by("id")[:2]
    doc_services.task_mark_done(task=first, done_on=D(2024, 9, 1), acting_user=None)
    doc_services.task_mark_done(task=second, done_on=D(2024, 10, 5), acting_user=None)
    services.inspection_create(
        organisation=tree.city, mode="supervision", kind="regular", title="giám sát", decided_on=D(2024, 2, 1),
        subjects=[services.SubjectData(organisation=tree.sibling)], acting_user=None,
    )  # fmt: skip
    counts = selectors.counts_for(tree.city, D(2024, 1, 1), D(2024, 12, 31), D(2024, 12, 31))
    by_kind = {code: (i, s) for code, _label, i, s in counts.by_kind}
    assert by_kind["thematic"] == (1, 0) and by_kind["regular"] == (0, 1)
    assert counts.total == 2 and counts.subject_organisations == 2 and counts.concluded == 1
    assert counts.recommendations == 11 and counts.recommendations_done == 2
    assert counts.recommendations_done_on_time == 1 and counts.recommendations_with_deadline == 11


# --- the inspection commission's role ----------------------------------------------------------------


def test_an_inspector_reads_the_subtree_and_writes_only_inspections(tree: Tree, ivan: User) -> None:
    assert access.can(ivan, Action.VIEW, tree.cell2)
    assert access.can(ivan, Action.INSPECT, tree.dept)
    for action in (Action.ENTER, Action.MANAGE, Action.REPORT, Action.APPROVE, Action.ADMIN):
        assert not access.can(ivan, action, tree.dept), action


def test_an_inspector_below_cannot_change_the_city_s_inspection(
    tree: Tree, inspection: Inspection, client: Client
) -> None:
    from tests.conftest import make_user

    local = make_user("kiemtra.so", tree.dept, "inspector")
    client.force_login(local)
    # The department is the subject: its inspector reads the inspection but may not change it.
    assert client.get(reverse("inspections:inspection_detail", args=[inspection.pk])).status_code == 200
    for name in ("inspections:inspection_edit", "inspections:inspection_conclude"):
        assert client.get(reverse(name, args=[inspection.pk])).status_code == 404
    response = client.post(
        reverse("inspections:inspection_follow_up", args=[inspection.pk]),
        {"follow_up_on": "1/10/2024", "follow_up_notes": "x"},
    )
    assert response.status_code == 404
    assert Inspection.objects.get(pk=inspection.pk).follow_up_on is None


def test_the_sibling_sees_nothing_of_it(
    tree: Tree, inspection: Inspection, dave: User, client: Client
) -> None:
    client.force_login(dave)
    assert client.get(reverse("inspections:inspection_detail", args=[inspection.pk])).status_code == 404
    assert "cải cách hành chính" not in client.get(reverse("inspections:inspection_list")).content.decode()


# --- the pages -----------------------------------------------------------------------------------------


def test_the_inspector_goes_from_programme_to_conclusion_in_the_pages(
    tree: Tree, ivan: User, client: Client
) -> None:
    client.force_login(ivan)
    response = client.post(
        reverse("inspections:programme_create"),
        {"organisation": tree.city.pk, "body": "commission", "year": "2024", "title": "Chương trình 2024"},
    )
    assert response.status_code == 302
    programme = selectors.programmes_for_user(ivan).get()
    response = client.post(
        reverse("inspections:programme_detail", args=[programme.pk]),
        {"mode": "inspection", "kind": "thematic", "title": "Cải cách hành chính", "subject": tree.dept.pk,
         "planned_month": "3"},
    )  # fmt: skip
    assert response.status_code == 302
    item = programme.items.get()
    form = {
        "organisation": tree.city.pk, "body": "standing", "mode": "inspection", "kind": "thematic",
        "title": "việc thực hiện Nghị quyết 04-NQ/TU", "planned_item": item.pk,
        "subject_organisations": [tree.dept.pk], "decided_on": "1/3/2024", "window_from": "1/3/2021",
        "window_to": "29/2/2024", "team-TOTAL_FORMS": "1", "team-INITIAL_FORMS": "0",
        "team-0-role": "lead", "team-0-person_name": "Võ Văn Hải", "team-0-title": "Ủy viên BTV",
    }  # fmt: skip
    response = client.post(reverse("inspections:inspection_create"), form)
    assert response.status_code == 302, response.context["form"].errors
    inspection = Inspection.objects.get()
    assert inspection.planned_item == item and inspection.status == Status.DECIDED
    page = client.get(reverse("inspections:programme_detail", args=[programme.pk])).content.decode()
    assert "Đã có quyết định" in page
    response = client.post(
        reverse("inspections:inspection_conclude", args=[inspection.pk]),
        {"raw_number": "125-TB/TU", "issued_on": "10/5/2024", "results": "Tốt.", "shortcomings": "Chậm.",
         "rec-TOTAL_FORMS": "2", "rec-INITIAL_FORMS": "0",
         "rec-0-title": "Rà soát thủ tục", "rec-0-organisation": tree.dept.pk, "rec-0-due_on": "30/9/2024",
         "rec-1-title": "", "rec-1-organisation": "", "rec-1-due_on": ""},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("inspections:inspection_detail", args=[inspection.pk])).content.decode()
    assert "125-TB/TU" in page and "Rà soát thủ tục" in page and "Đã kết luận" in page


def test_the_conclusion_form_says_what_is_wrong_in_vietnamese(
    tree: Tree, ivan: User, inspection: Inspection, client: Client
) -> None:
    client.force_login(ivan)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("inspections:inspection_conclude", args=[inspection.pk]),
        {"raw_number": "125-TB/TU", "issued_on": f"{tomorrow.day}/{tomorrow.month}/{tomorrow.year}",
         "rec-TOTAL_FORMS": "1", "rec-INITIAL_FORMS": "0", "rec-0-title": "x", "rec-0-organisation": ""},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chọn tổ chức thực hiện kiến nghị." in body
    assert not Document.objects.filter(canonical_number="125-TB/TU").exists()


def test_the_list_filters_by_kind_and_status(
    tree: Tree, inspection: Inspection, erin: User, client: Client
) -> None:
    services.inspection_create(
        organisation=tree.dept, kind="finance", title="thu chi tài chính", acting_user=None
    )
    client.force_login(erin)
    url = reverse("inspections:inspection_list")
    body = client.get(url, {"kind": "finance"}).content.decode()
    assert "thu chi tài chính" in body and "cải cách hành chính" not in body
    body = client.get(url, {"status": "decided"}).content.decode()
    assert "cải cách hành chính" in body and "thu chi tài chính" not in body
    body = client.get(url, {"organisation": tree.dept.pk}).content.decode()
    assert "cải cách hành chính" in body and "thu chi tài chính" in body  # subject or deciding committee


def test_the_conclusion_notice_renders_as_a_pdf_in_the_party_layout(
    tree: Tree, inspection: Inspection, ivan: User, dave: User, client: Client
) -> None:
    from reports.inspection_pdf import conclusion_context, render_conclusion_html

    url = reverse("reports:inspection_conclusion_pdf", args=[inspection.pk])
    client.force_login(ivan)
    assert client.get(url).status_code == 404  # no notice yet
    _conclude(inspection, tree)
    inspection = Inspection.objects.get(pk=inspection.pk)
    html = render_conclusion_html(
        conclusion_context(inspection, selectors.recommendations(inspection, user=ivan))
    )
    for text in ("THÔNG BÁO", "Số 125-TB/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Quyết định số 120-QĐ/TU",
                 "đồng chí Võ Văn Hải, Ủy viên BTV, làm Trưởng đoàn", "Kiến nghị 11", "31/12/2027",
                 "Nơi nhận:", "Một số nội dung chậm."):  # fmt: skip
        assert text in html, text
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(dave)
    assert client.get(url).status_code == 404


def test_the_committee_s_periodic_report_has_its_inspection_section(
    tree: Tree, inspection: Inspection
) -> None:
    from reports import services as report_services
    from reports.context import report_context
    from reports.pdf import render_html

    _conclude(inspection, tree)
    first = Task.objects.filter(document__canonical_number="125-TB/TU").order_by("id").first()
    assert first is not None
    doc_services.task_mark_done(task=first, done_on=D(2024, 6, 1), acting_user=None)
    report = report_services.report_create(organisation=tree.city, kind="semi_annual", period="2024-H1",
                                           acting_user=None)  # fmt: skip
    context = report_context(report)
    assert context.inspections is not None and context.inspections.total == 1
    html = render_html(context)
    assert (
        "Công tác kiểm tra, giám sát: trong kỳ đã tiến hành 1 cuộc (kiểm tra chuyên đề 1) đối với 1 tổ chức đảng; "
        "đã kết luận 1 cuộc; 1/11 kiến nghị đã thực hiện, trong đó 1 hoàn thành đúng hạn hoặc trước hạn."
    ) in html
    # The department's own report says nothing of the city's inspection of it.
    own = report_services.report_create(organisation=tree.dept, kind="semi_annual", period="2024-H1",
                                        acting_user=None)  # fmt: skip
    assert "Công tác kiểm tra, giám sát" not in render_html(report_context(own))


def test_the_api_reads_inspections_and_programmes_in_scope(
    tree: Tree, inspection: Inspection, ivan: User, dave: User
) -> None:
    from tests.api.conftest import token_client

    _conclude(inspection, tree)
    services.programme_create(organisation=tree.city, year=2024, title="Chương trình 2024", acting_user=None)
    client = token_client(ivan)
    rows = client.get(reverse("api:inspection-list"), {"kind": "thematic"}).json()["results"]
    assert [r["id"] for r in rows] == [inspection.pk]
    row = rows[0]
    assert row["status"] == "concluded" and row["conclusion"]["canonical_number"] == "125-TB/TU"
    assert row["decision"]["canonical_number"] == "120-QĐ/TU" and len(row["recommendations"]) == 11
    assert [t["name"] for t in row["team"]] == ["Võ Văn Hải", "Lê Thị Mai"]
    assert row["subjects"] == [{"organisation": tree.dept.pk, "member": None}]
    programmes = client.get(reverse("api:inspectionprogramme-list")).json()["results"]
    assert [p["title"] for p in programmes] == ["Chương trình 2024"]
    other = token_client(dave)
    assert other.get(reverse("api:inspection-detail", args=[inspection.pk])).status_code == 404
    assert other.get(reverse("api:inspection-list")).json()["results"] == []


def test_the_conclusion_notice_downloads_as_a_word_document(
    tree: Tree, inspection: Inspection, ivan: User, dave: User, client: Client
) -> None:
    import io

    from docx.api import Document as WordDocument

    _conclude(inspection, tree)
    url = reverse("reports:inspection_conclusion_docx", args=[inspection.pk])
    client.force_login(ivan)
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    word = WordDocument(io.BytesIO(response.content))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(p.text for t in word.tables for cell in t._cells for p in cell.paragraphs)
    assert "THÔNG BÁO" in text and "Quyết định số 120-QĐ/TU" in text and "Một số nội dung chậm." in text
    # Read from the PDF's HTML: numbered as the PDF's list, the issuer block broken as the PDF's.
    assert "\n11. Đảng ủy Sở Lao động - Thương binh và Xã hội: Kiến nghị 11 (thời hạn: 31/12/2027)." in text
    assert "Số 125-TB/TU" in cells and "ĐẢNG CỘNG SẢN VIỆT NAM" in cells and "Nơi nhận:" in cells
    assert "THÀNH ỦY THÀNH PHỐ\nHỒ CHÍ MINH" in cells
    assert "\n- Thành viên Đoàn kiểm tra" in cells and "- - " not in cells  # one dash a recipient
    client.force_login(dave)
    assert client.get(url).status_code == 404


def test_the_pages_with_data_speak_vietnamese(
    tree: Tree, inspection: Inspection, ivan: User, client: Client
) -> None:
    """The demo has no inspection for the crawl of tests/test_ui_language.py: its checks, on these pages."""
    from tests.test_ui_language import _problems, _visible

    _conclude(inspection, tree)
    programme = services.programme_create(organisation=tree.city, year=2024, title="Chương trình 2024",
                                          acting_user=None)  # fmt: skip
    item = services.planned_item_create(programme=programme, kind="thematic", title="Cải cách hành chính",
                                        subject=tree.dept, planned_month=3, acting_user=None)  # fmt: skip
    services.inspection_update(inspection=inspection, planned_item=item, acting_user=None)
    client.force_login(ivan)
    urls = [
        reverse("inspections:inspection_list"),
        reverse("inspections:inspection_list") + "?kind=thematic&status=concluded",
        reverse("inspections:inspection_detail", args=[inspection.pk]),
        reverse("inspections:inspection_edit", args=[inspection.pk]),
        reverse("inspections:inspection_create") + f"?organisation={tree.city.pk}",
        reverse("inspections:programme_list"),
        reverse("inspections:programme_detail", args=[programme.pk]),
        reverse("inspections:programme_create"),
        reverse("committees:object_history", args=["inspections.inspection", inspection.pk]),
    ]
    problems = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        problems += _problems(url, " ".join(_visible(response.content.decode())))
    assert not problems, problems


def test_a_planned_item_is_changed_in_its_place_with_its_audit_row(tree: Tree) -> None:
    programme = services.programme_create(organisation=tree.dept, year=2024, title="Chương trình 2024",
                                          acting_user=None)  # fmt: skip
    item = services.planned_item_create(programme=programme, kind="regular", title="Kiểm tra chi bộ",
                                        acting_user=None)  # fmt: skip
    services.planned_item_update(
        item=item, mode="supervision", kind="thematic", subject=tree.cell, planned_month=6, acting_user=None
    )
    item.refresh_from_db()
    assert (item.position, item.mode, item.subject, item.planned_month) == (1, "supervision", tree.cell, 6)
    entry = AuditEntry.objects.get(action="planned_item.update")
    assert entry.organisation == tree.dept and (entry.before or {})["mode"] == "inspection"
    with pytest.raises(ValidationError, match="Giám sát chỉ có hai loại"):
        services.planned_item_update(item=item, kind="finance", acting_user=None)
    with pytest.raises(ValidationError, match="Đối tượng phải là tổ chức thuộc cấp ủy lập chương trình"):
        services.planned_item_update(item=item, subject=tree.sibling, acting_user=None)
    item.refresh_from_db()
    assert (item.kind, item.subject) == ("thematic", tree.cell)
