"""A department with the seed 000 figures in miniature, and its draft 2024-H1 report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from reports import services as report_services
from reports.models import Report
from resolutions import services as doc_services
from resolutions.models import LinkKind
from targets import services as target_services
from tests.conftest import Tree


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def _target(tree: Tree, code: str, title: str, shape: str, period: str = "2024", **plan: Any):  # type: ignore[no-untyped-def]
    return target_services.target_create(
        code=code, organisation=tree.dept, title=title, period=period, shape=shape, acting_user=None, **plan
    )


def _reading(target, cut_off: date, value: str | None = None, **extra: Any) -> None:  # type: ignore[no-untyped-def]
    target_services.reading_record(
        target=target,
        cut_off=cut_off,
        value=D(value) if value is not None else None,
        acting_user=None,
        **extra,
    )


@pytest.fixture
def report(tree: Tree) -> Report:
    mid = date(2024, 6, 30)
    directive = doc_services.document_create(
        raw_number="32-CT/TU",
        title="về tăng cường sự lãnh đạo của Đảng đối với công tác giảm nghèo bền vững",
        organisation=tree.city,
        issuer_organisation=tree.city,
        issuer_name="Ban Thường vụ Thành ủy",
        issued_on=date(2024, 3, 21),
        term_label="2020-2025",
        acting_user=None,
    )
    politburo = doc_services.document_create(
        raw_number="28-CT/TW",
        title="về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em",
        organisation=tree.city,
        issuer_name="Bộ Chính trị",
        issued_on=date(2023, 12, 25),
        term_label="2021-2026",
        acting_user=None,
    )
    implementing = doc_services.document_create(
        raw_number="33-CT/TU",
        title="về thực hiện Chỉ thị số 28-CT/TW",
        organisation=tree.city,
        issuer_organisation=tree.city,
        issuer_name="Thành ủy",
        issued_on=date(2024, 4, 26),
        term_label="2020-2025",
        acting_user=None,
    )
    doc_services.document_link(
        source=implementing, target=politburo, kind=LinkKind.IMPLEMENTS, acting_user=None
    )
    doc_services.document_create(
        raw_number="10/CT-UBND",
        title="về tăng cường quản lý nhà nước về lao động, việc làm",
        organisation=tree.dept,
        issuer_name="Ủy ban nhân dân Thành phố",
        issued_on=date(2024, 5, 23),
        acting_user=None,
    )
    doc_services.document_create(  # outside the period: not listed
        raw_number="22-KH/TU",
        title="về sắp xếp tổ chức đảng",
        organisation=tree.city,
        issued_on=date(2021, 1, 27),
        term_label="2020-2025",
        acting_user=None,
    )

    ubnd = _target(tree, "UBND", "Nội dung trình UBND Thành phố", "count", unit="nội dung", planned=D(25))
    _reading(ubnd, mid, "14")
    _reading(ubnd, mid, "15", reason="số liệu chính thức")  # append-only: the newer row wins
    _reading(ubnd, date(2024, 7, 31), "18")  # after the cut-off: not counted
    last = _target(tree, "UBND-23", "Nội dung trình UBND Thành phố", "count", period="2023", planned=D(25))
    _reading(last, date(2023, 6, 30), "12")
    ctct = _target(
        tree, "CTCT", "Nội dung chương trình công tác của Sở", "count", unit="nội dung", planned=D(30)
    )
    _reading(ctct, mid, "20")
    jobs = _target(tree, "GQVL", "Giải quyết việc làm", "growth", unit="lượt người")
    _reading(jobs, mid, "128050", previous=D(125000))
    ddci = _target(tree, "DDCI", "Chỉ số DDCI", "rank", unit="hạng", planned=D(10), rank_out_of=20)
    _reading(ddci, mid, "9", previous=D(20))

    for n in range(1, 56):
        done = date(2024, 5, 1) if n <= 20 else None
        doc_services.task_create(
            document=directive,
            organisation=tree.dept,
            title=f"Nội dung đầu việc số {n}",
            due_on=date(2024, 6, 15) if n <= 20 else date(2024, 11, 30),
            done_on=done,
            acting_user=None,
        )
    return report_services.report_create(
        organisation=tree.dept,
        kind="semi_annual",
        period="2024-H1",
        acting_user=None,
        signer_name="Nguyễn Minh Quang",
        results="Công tác chính trị tư tưởng được quan tâm.",
    )
