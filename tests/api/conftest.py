"""Objects in the department (alice's, bob's, carol's) and in the sibling (dave's), and API clients."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from committees import services as org_services
from reports import run_services
from reports import services as report_services
from resolutions import services as doc_services
from targets import services as target_services
from tests.conftest import Tree


def token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {org_services.api_token_issue(user=user, acting_user=None)}"
    )
    return client


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(tree: Tree, alice, bob, carol, dave, erin) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A document with a task and a link, targets of the department and its cell with readings, a done
    report run; and the same kind of things in the sibling department."""
    parent_doc = doc_services.document_create(
        raw_number="28-CT/TU",
        title="về công tác giảm nghèo",
        organisation=tree.city,
        issued_on=date(2023, 1, 5),
        acting_user=None,
    )
    document = doc_services.document_create(
        raw_number="32-CT/ĐU",
        title="về giảm nghèo bền vững",
        organisation=tree.dept,
        issued_on=date(2024, 3, 21),
        acting_user=None,
    )
    doc_services.document_link(source=document, target=parent_doc, kind="implements", acting_user=None)
    task = doc_services.task_create(
        document=document,
        organisation=tree.cell,
        title="Rà soát hộ nghèo",
        due_on=date(2024, 5, 31),
        acting_user=None,
    )
    count = target_services.target_create(
        code="T-COUNT",
        organisation=tree.dept,
        title="Hoàn thành nội dung",
        period="2024",
        shape="count",
        planned=D(25),
        document=document,
        acting_user=None,
    )
    rate = target_services.target_create(
        code="T-RATE",
        organisation=tree.cell,
        title="Tỷ lệ hộ nghèo giảm",
        period="2024",
        shape="rate_floor",
        unit="%",
        planned=D(90),
        acting_user=None,
    )
    milestone = target_services.target_create(
        code="T-MILE",
        organisation=tree.dept,
        title="Ban hành kế hoạch",
        period="2024",
        shape="milestone",
        acting_user=None,
    )
    target_services.reading_record(target=count, cut_off=date(2024, 6, 30), value=D(15), acting_user=None)
    target_services.reading_record(target=rate, cut_off=date(2024, 6, 30), value=D("92.5"), acting_user=None)
    target_services.reading_record(target=milestone, cut_off=date(2024, 3, 1), done=True, acting_user=None)
    report = report_services.report_create(
        organisation=tree.dept, kind="semi_annual", period="2024-H1", acting_user=None
    )
    run = run_services.report_run_request(report=report, acting_user=None, enqueue=False)
    with mock.patch("reports.pdf.render_pdf", return_value=b"%PDF-1.7 test"):
        run_services.report_run_execute(run_id=run.pk)
    sibling_doc = doc_services.document_create(
        raw_number="5-CT/ĐU",
        title="của Sở Y tế",
        organisation=tree.sibling,
        issued_on=date(2024, 2, 1),
        acting_user=None,
    )
    sibling_task = doc_services.task_create(
        document=sibling_doc, organisation=tree.sibling, title="Việc của Sở Y tế", acting_user=None
    )
    sibling_target = target_services.target_create(
        code="S-1",
        organisation=tree.sibling,
        title="Chỉ tiêu Sở Y tế",
        period="2024",
        shape="quantity",
        planned=D(10),
        acting_user=None,
    )
    sibling_reading = target_services.reading_record(
        target=sibling_target, cut_off=date(2024, 6, 30), value=D(4), acting_user=None
    )
    sibling_report = report_services.report_create(
        organisation=tree.sibling, kind="semi_annual", period="2024-H1", acting_user=None
    )
    sibling_run = run_services.report_run_request(report=sibling_report, acting_user=None, enqueue=False)
    return {
        "tree": tree,
        "sibling_run": sibling_run,
        "document": document,
        "parent_doc": parent_doc,
        "task": task,
        "count": count,
        "rate": rate,
        "milestone": milestone,
        "report": report,
        "run": run,
        "sibling_doc": sibling_doc,
        "sibling_task": sibling_task,
        "sibling_target": sibling_target,
        "sibling_reading": sibling_reading,
    }
