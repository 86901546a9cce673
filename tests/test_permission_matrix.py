"""Every URL of the product, walked for every kind of user: a new page cannot be forgotten.

Objects belong to the department (alice staff, bob leader, carol secretary); dave is staff of a sibling
department and must get 404 for all of them; erin is admin of the city; anonymous users go to login
(the JSON API's, under api:, answer 401 instead).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal as D
from typing import Any
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from committees import services as org_services
from exchange import services as exchange_services
from inspections import services as inspection_services
from reports import meeting_services, run_services
from reports import services as report_services
from resolutions import services as doc_services
from targets import services as target_services
from tests.conftest import Tree
from tests.test_workbook import book

ANON, STAFF, LEADER, SECRETARY, SIBLING, ADMIN = "anonymous", "alice", "bob", "carol", "dave", "erin"
OK_ALL = {STAFF: 200, LEADER: 200, SECRETARY: 200, SIBLING: 200, ADMIN: 200}
VIEW = {STAFF: 200, LEADER: 200, SECRETARY: 200, SIBLING: 404, ADMIN: 200}
ENTER = {STAFF: 200, LEADER: 404, SECRETARY: 404, SIBLING: 404, ADMIN: 200}
REPORT = {STAFF: 404, LEADER: 404, SECRETARY: 200, SIBLING: 404, ADMIN: 200}
ADMIN_ONLY = {STAFF: 404, LEADER: 404, SECRETARY: 404, SIBLING: 404, ADMIN: 200}
REPORT_POST = {STAFF: 404, LEADER: 404, SECRETARY: 302, SIBLING: 404, ADMIN: 302}

# url name → (method, kwargs from the objects, expected status by role; anonymous is always sent to login)
MATRIX: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]], dict[str, int]]] = {
    "home": ("get", lambda o: {}, OK_ALL),
    "dashboard": ("get", lambda o: {"org_pk": o["dept"].pk}, VIEW),
    "committees:organisation_list": ("get", lambda o: {}, OK_ALL),
    "committees:organisation_detail": ("get", lambda o: {"pk": o["cell"].pk}, VIEW),
    "committees:organisation_ratings": ("get", lambda o: {"pk": o["dept"].pk}, VIEW),
    "committees:cells_to_upgrade": ("get", lambda o: {}, OK_ALL),
    "committees:member_list": ("get", lambda o: {}, OK_ALL),
    "committees:member_detail": ("get", lambda o: {"pk": o["member"].pk}, VIEW),
    "committees:member_create": ("get", lambda o: {}, {**ENTER, SIBLING: 200}),  # for its own members
    "committees:member_update": ("get", lambda o: {"pk": o["member"].pk}, ENTER),
    "core:notice_list": ("get", lambda o: {}, OK_ALL),
    "committees:audit_list": ("get", lambda o: {}, ADMIN_ONLY),
    "committees:object_history": (
        "get",
        lambda o: {"label": "targets.target", "pk": o["target"].pk},
        VIEW,
    ),
    "resolutions:document_list": ("get", lambda o: {}, OK_ALL),
    "resolutions:document_detail": ("get", lambda o: {"pk": o["document"].pk}, VIEW),
    "resolutions:document_attachment": ("get", lambda o: {"pk": o["document"].pk}, VIEW),
    "resolutions:document_create": (
        "get",
        lambda o: {},
        {**ENTER, SIBLING: 200},
    ),  # the sibling may record its own
    "resolutions:number_check": ("get", lambda o: {}, OK_ALL),
    "resolutions:paste_find": ("get", lambda o: {}, OK_ALL),
    "resolutions:task_list": ("get", lambda o: {}, OK_ALL),
    # The task list's document search: each user gets only the documents he may narrow the list to.
    "resolutions:document_options": ("get", lambda o: {}, OK_ALL),
    "resolutions:document_edit": ("get", lambda o: {"pk": o["document"].pk}, ENTER),  # its keeper's staff
    # A post that names no organisation below the keeper follows nothing, for anyone
    # (tests/resolutions/test_follow.py: who may follow for whom).
    "resolutions:document_follow": (
        "post",
        lambda o: {"pk": o["document"].pk},
        {**ENTER, STAFF: 404, ADMIN: 404},
    ),
    "resolutions:task_create": ("get", lambda o: {}, {**ENTER, SIBLING: 200}),  # for its own tasks
    # Read by whoever sees it in the task list (leaders and secretaries too); changed on task_edit.
    "resolutions:task_detail": ("get", lambda o: {"pk": o["task"].pk}, VIEW),
    "resolutions:task_edit": ("get", lambda o: {"pk": o["task"].pk}, ENTER),
    "resolutions:task_done": ("post", lambda o: {"pk": o["task"].pk}, {**ENTER, STAFF: 302, ADMIN: 302}),
    "targets:target_list": ("get", lambda o: {}, OK_ALL),
    "targets:target_detail": ("get", lambda o: {"pk": o["target"].pk}, VIEW),
    "targets:target_edit": ("get", lambda o: {"pk": o["target"].pk}, ENTER),
    "targets:target_split": ("get", lambda o: {"pk": o["target"].pk}, ENTER),
    "targets:target_create": ("get", lambda o: {"org_pk": o["dept"].pk}, ENTER),
    "targets:entry_grid": ("get", lambda o: {"org_pk": o["dept"].pk, "period": "2024"}, ENTER),
    "targets:entry_save": ("post", lambda o: {"pk": o["target"].pk}, {**ENTER, STAFF: 302, ADMIN: 302}),
    # A target typed by hand: refused with a message, back to its page (a register's: recorded).
    "targets:metric_record": ("post", lambda o: {"pk": o["target"].pk}, {**ENTER, STAFF: 302, ADMIN: 302}),
    "targets:cycle_current": (
        "get",
        lambda o: {"org_pk": o["dept"].pk},
        {**VIEW, **{k: 302 for k in (STAFF, LEADER, SECRETARY, ADMIN)}},
    ),
    "targets:cycle_panel": ("get", lambda o: {"org_pk": o["dept"].pk}, VIEW),
    "targets:cycle_detail": ("get", lambda o: {"org_pk": o["dept"].pk, "period": "2024-H1"}, VIEW),
    "targets:narrative_edit": (
        "get",
        lambda o: {"org_pk": o["dept"].pk, "period": "2024-H1"},
        {**ENTER, SECRETARY: 200},
    ),
    # Submitting is the organisation's own staff or secretary; deciding is the level above's.
    "targets:cycle_transition": (
        "post",
        lambda o: {"org_pk": o["dept"].pk, "period": "2024-H1", "transition": "submit"},
        {STAFF: 302, LEADER: 404, SECRETARY: 302, SIBLING: 404, ADMIN: 302},
    ),
    "targets:document_targets": ("get", lambda o: {"document_pk": o["document"].pk}, VIEW),
    "reports:report_list": ("get", lambda o: {}, OK_ALL),
    "exchange:workbook": ("get", lambda o: {}, OK_ALL),
    "exchange:workbook_template": ("get", lambda o: {}, OK_ALL),
    "exchange:workbook_export": ("get", lambda o: {}, {k: 400 for k in OK_ALL}),  # no organisation chosen
    # An import is its uploader's alone (alice here); other people, admins of the tree too, get 404.
    "exchange:import_run": (
        "get",
        lambda o: {"pk": o["import_run"].pk},
        {STAFF: 200, LEADER: 404, SECRETARY: 404, SIBLING: 404, ADMIN: 404},
    ),
    "reports:report_create": ("get", lambda o: {}, {**REPORT}),
    "reports:review_create": ("get", lambda o: {}, {**REPORT}),
    "reports:report_detail": ("get", lambda o: {"pk": o["report"].pk}, VIEW),
    "reports:report_edit": ("get", lambda o: {"pk": o["report"].pk}, REPORT),
    "reports:report_issue": ("post", lambda o: {"pk": o["report"].pk}, REPORT_POST),  # invalid form: back
    "reports:report_reissue": ("post", lambda o: {"pk": o["report"].pk}, REPORT_POST),  # a draft: refused
    "reports:run_request": ("post", lambda o: {"pk": o["report"].pk}, REPORT_POST),
    "reports:report_runs": (
        "get",
        lambda o: {"pk": o["report"].pk},
        {**VIEW, **{k: 302 for k in (STAFF, LEADER, SECRETARY, ADMIN)}},
    ),
    "reports:report_appendix": ("get", lambda o: {"pk": o["report"].pk}, VIEW),
    "reports:report_docx": ("get", lambda o: {"pk": o["report"].pk}, VIEW),  # as its PDF: who may read it
    "reports:period_reports": ("get", lambda o: {"org_pk": o["dept"].pk, "period": "2024-H1"}, VIEW),
    "reports:run_download": ("get", lambda o: {"pk": o["run"].pk}, VIEW),
    "reports:run_docx": ("get", lambda o: {"pk": o["run"].pk}, VIEW),  # the run's Word file, as its PDF
    "reports:meeting_list": ("get", lambda o: {}, OK_ALL),
    "reports:meeting_create": ("get", lambda o: {}, REPORT),
    "reports:meeting_detail": ("get", lambda o: {"pk": o["meeting"].pk}, VIEW),
    "reports:meeting_edit": ("get", lambda o: {"pk": o["meeting"].pk}, REPORT),
    "reports:meeting_pdf": ("get", lambda o: {"pk": o["meeting"].pk, "which": "bien-ban"}, VIEW),
    "reports:meeting_docx": (
        "get",
        lambda o: {"pk": o["meeting"].pk, "which": "thong-bao"},
        VIEW,
    ),  # as its PDF
    # The part of a task's page naming the meeting it came from: who may see the task.
    "reports:task_meeting": ("get", lambda o: {"pk": o["task"].pk}, VIEW),
    # An empty post is an invalid formset: the meeting page again, with nothing created.
    "reports:meeting_tasks": ("post", lambda o: {"pk": o["meeting"].pk}, REPORT),
    # The term list of the organisation sent, if the user reports for it; else an empty list, for anyone.
    "reports:meeting_terms": ("get", lambda o: {}, OK_ALL),
    "committees:api_token": ("get", lambda o: {}, OK_ALL),
    # Inspections are written by the inspection commission (tests/inspections: its role, ivan) and admins;
    # the department's decided inspection and programme are read by everyone of the department.
    "inspections:inspection_list": ("get", lambda o: {}, OK_ALL),
    "inspections:inspection_detail": ("get", lambda o: {"pk": o["inspection"].pk}, VIEW),
    "inspections:inspection_create": ("get", lambda o: {}, ADMIN_ONLY),
    "inspections:inspection_edit": ("get", lambda o: {"pk": o["inspection"].pk}, ADMIN_ONLY),
    "inspections:inspection_conclude": (  # concluded already: back to the inspection's page
        "get",
        lambda o: {"pk": o["inspection"].pk},
        {**ADMIN_ONLY, ADMIN: 302},
    ),
    "inspections:inspection_follow_up": (
        "post",
        lambda o: {"pk": o["inspection"].pk},
        {**ADMIN_ONLY, ADMIN: 302},  # an empty form: back to the page with the message
    ),
    "inspections:programme_list": ("get", lambda o: {}, OK_ALL),
    "inspections:programme_create": ("get", lambda o: {}, ADMIN_ONLY),
    "inspections:programme_detail": ("get", lambda o: {"pk": o["programme"].pk}, VIEW),
    "reports:inspection_conclusion_pdf": ("get", lambda o: {"pk": o["inspection"].pk}, VIEW),
    "reports:inspection_conclusion_docx": ("get", lambda o: {"pk": o["inspection"].pk}, VIEW),
    # The JSON API: the same scopes; anonymous requests get 401 instead of the login page.
    "api:schema": ("get", lambda o: {}, OK_ALL),
    "api:organisation-list": ("get", lambda o: {}, OK_ALL),
    "api:organisation-detail": ("get", lambda o: {"pk": o["cell"].pk}, VIEW),
    "api:organisation-statistics": ("get", lambda o: {"pk": o["dept"].pk}, VIEW),
    "api:organisation-rollup": ("get", lambda o: {"pk": o["dept"].pk}, VIEW),
    "api:target-list": ("get", lambda o: {}, OK_ALL),
    "api:target-detail": ("get", lambda o: {"pk": o["target"].pk}, VIEW),
    "api:reading-list": ("get", lambda o: {}, OK_ALL),
    "api:reading-detail": ("get", lambda o: {"pk": o["reading"].pk}, VIEW),
    "api:document-list": ("get", lambda o: {}, OK_ALL),
    "api:document-detail": ("get", lambda o: {"pk": o["document"].pk}, VIEW),
    "api:task-list": ("get", lambda o: {}, OK_ALL),
    "api:task-detail": ("get", lambda o: {"pk": o["task"].pk}, VIEW),
    "api:inspection-list": ("get", lambda o: {}, OK_ALL),
    "api:inspection-detail": ("get", lambda o: {"pk": o["inspection"].pk}, VIEW),
    "api:inspectionprogramme-list": ("get", lambda o: {}, OK_ALL),
    "api:inspectionprogramme-detail": ("get", lambda o: {"pk": o["programme"].pk}, VIEW),
    "api:reportrun-list": ("get", lambda o: {}, OK_ALL),
    "api:reportrun-detail": ("get", lambda o: {"pk": o["run"].pk}, VIEW),
    "api:reportrun-download": ("get", lambda o: {"pk": o["run"].pk}, VIEW),
}
PUBLIC = {"login", "healthz", "healthz_web", "set_language", "logout"}


def _names(resolver: URLResolver, namespace: str = "") -> list[str]:
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's admin has its own permission checks (superusers only)
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(namespace + pattern.name)
    return names


def test_every_url_is_in_the_matrix() -> None:
    missing = set(_names(get_resolver())) - set(MATRIX) - PUBLIC
    assert not missing, f"add these pages to the permission matrix: {sorted(missing)}"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def objects(tree: Tree, alice, bob, carol, dave, erin) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    document = doc_services.document_create(
        raw_number="32-CT/TU",
        title="về giảm nghèo",
        organisation=tree.dept,
        issued_on=date(2024, 3, 21),
        acting_user=None,
    )
    doc_services.document_update(
        document=document, attachment=ContentFile(b"%PDF-1.7", name="nghi-quyet.pdf"), acting_user=None
    )
    task = doc_services.task_create(
        document=document, organisation=tree.cell, title="Rà soát", acting_user=None
    )
    target = target_services.target_create(
        code="T",
        organisation=tree.dept,
        title="Nội dung",
        period="2024",
        shape="count",
        planned=D(25),
        document=document,
        acting_user=None,
    )
    report = report_services.report_create(
        organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=None
    )
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF-1.7"):
        run_services.report_run_execute(run_id=run.pk)
    reading = target_services.reading_record(
        target=target, cut_off=date(2024, 6, 30), value=D(10), acting_user=None
    )
    meeting = meeting_services.meeting_create(
        organisation=tree.dept, held_on=date(2024, 7, 4), acting_user=None
    )
    member = org_services.member_create(
        organisation=tree.cell, full_name="Nguyễn Văn An", gender="male", acting_user=None
    )
    import_run = exchange_services.import_run_request(
        upload=SimpleUploadedFile("bang.xlsx", book(targets=[["code"]]).read()),
        acting_user=alice,
        enqueue=False,
    )
    inspection = inspection_services.inspection_create(
        organisation=tree.dept,
        kind="regular",
        title="Kiểm tra chi bộ",
        subjects=[inspection_services.SubjectData(organisation=tree.cell)],
        acting_user=None,
    )
    inspection_services.inspection_conclude(
        inspection=inspection,
        raw_number="05-TB/ĐU",
        issued_on=date(2024, 5, 10),
        recommendations=[inspection_services.RecommendationData(organisation=tree.cell, title="Rà soát")],
        acting_user=None,
    )
    programme = inspection_services.programme_create(
        organisation=tree.dept, year=2024, title="Chương trình kiểm tra 2024", acting_user=None
    )
    return {
        "inspection": inspection,
        "programme": programme,
        "import_run": import_run,
        "dept": tree.dept,
        "cell": tree.cell,
        "document": document,
        "task": task,
        "target": target,
        "reading": reading,
        "report": report,
        "run": run,
        "meeting": meeting,
        "member": member,
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(client: Client, objects: dict[str, Any], name: str) -> None:
    from django.contrib.auth.models import User

    method, kwargs, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs(objects))
    response = getattr(client, method)(url)
    if name.startswith("api:"):
        assert response.status_code == 401, (name, ANON, response.status_code)
    else:
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], (
            name,
            ANON,
            response.status_code,
        )
    for username, status in expected.items():
        client.force_login(User.objects.get(username=username))
        response = getattr(client, method)(url)
        assert response.status_code == status, (name, username, response.status_code)
        client.logout()
