"""Targets that take their actual from the registers (targets.outcomes.metrics): the value is computed
from the members, ratings and tasks, recorded as an audited reading, shown with its formula and a link to
the counted rows; typed figures are refused on every path."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import AuditEntry, Gender, RatingLevel
from resolutions import services as doc_services
from targets import services
from targets.models import Reading
from targets.outcomes import metrics
from tests.conftest import Tree
from tests.targets.conftest import make_target

MID = date(2024, 6, 30)


def _member(org, name: str, **fields) -> None:  # type: ignore[no-untyped-def]
    org_services.member_create(
        organisation=org, full_name=name, gender=Gender.MALE, acting_user=None, ethnicity="Kinh", **fields
    )


def test_the_province_rate_of_admissions_is_computed_from_the_register(tree: Tree) -> None:
    """ "tỷ lệ kết nạp so với tổng số đảng viên đầu năm ≥ 7%": 2 admitted in 2024 over 25 members at 1/1."""
    for n in range(25):
        _member(tree.cell, f"Đảng viên {n}", admitted_on=date(2010, 1, 1 + n % 28))
    _member(tree.cell, "Mới Một", admitted_on=date(2024, 2, 1))
    _member(tree.cell2, "Mới Hai", admitted_on=date(2024, 6, 30))
    _member(tree.cell2, "Mới Ba", admitted_on=date(2024, 7, 1))  # after the cut-off
    rate = metrics.METRICS["admission_rate"].compute(tree.dept, date(2024, 1, 1), MID)
    assert (rate.counted, rate.out_of, rate.value) == (2, 25, D("8.000000"))
    admitted = metrics.METRICS["members_admitted"].compute(tree.dept, date(2024, 1, 1), MID)
    assert admitted.value == 2
    assert (
        admitted.rows_url
        == f"{reverse('committees:member_list')}?organisation={tree.dept.pk}&admitted_year=2024"
    )
    assert metrics.METRICS["members_total"].compute(tree.dept, date(2024, 1, 1), MID).value == 27

    target = make_target(
        tree.dept,
        "KN-TL",
        shape="rate_floor",
        planned="7",
        unit="%",
        title="Tỷ lệ kết nạp",
        source="admission_rate",
    )
    reading = services.metric_record(target=target, cut_off=MID, acting_user=None)
    assert reading is not None and reading.value == D(8) and reading.status == "exceeded"
    assert AuditEntry.objects.filter(action="reading.record", object_id=str(reading.pk)).exists()
    assert services.metric_record(target=target, cut_off=MID, acting_user=None) is None  # unchanged
    _member(tree.cell, "Mới Bốn", admitted_on=date(2024, 3, 1))
    again = services.metric_record(target=target, cut_off=MID, acting_user=None)
    assert again is not None and again.value == D(12) and again.supersedes_id == reading.pk
    assert again.reason == "Tính lại từ sổ"


def test_ratings_tasks_and_big_cells(tree: Tree) -> None:
    # Under the department: two cells (CB-VP, a grassroots cell; CB-BOLA-1, a cell of a committee).
    org_services.rating_record(organisation=tree.cell, year=2024, level=RatingLevel.GOOD, acting_user=None)
    org_services.rating_record(organisation=tree.cell2, year=2023, level=RatingLevel.GOOD, acting_user=None)
    good = metrics.METRICS["cells_rated_good"].compute(tree.dept, date(2024, 1, 1), MID)
    assert (good.counted, good.out_of, good.value) == (1, 2, D(50))

    document = doc_services.document_create(
        raw_number="05-KH/ĐU", title="Kế hoạch", organisation=tree.dept, acting_user=None
    )
    on_time = doc_services.task_create(
        document=document,
        organisation=tree.cell,
        title="Việc một",
        due_on=date(2024, 3, 31),
        acting_user=None,
    )
    doc_services.task_create(
        document=document,
        organisation=tree.cell,
        title="Việc hai",
        due_on=date(2024, 4, 30),
        acting_user=None,
    )
    doc_services.task_mark_done(task=on_time, done_on=date(2024, 3, 30), acting_user=None)
    tasks = metrics.METRICS["tasks_on_time"].compute(tree.dept, date(2024, 1, 1), MID)
    assert (tasks.counted, tasks.out_of, tasks.value) == (1, 2, D(50))

    for n in range(30):
        _member(tree.cell, f"Đảng viên {n}", admitted_on=date(2010, 1, 1))
    for n in range(29):
        _member(tree.sibling_cell, f"Đảng viên khác {n}", admitted_on=date(2010, 1, 1))
    assert metrics.METRICS["cells_30_members"].compute(tree.dept, date(2024, 1, 1), MID).value == 1
    assert metrics.METRICS["cells_30_members"].compute(tree.sibling, date(2024, 1, 1), MID).value == 0


def test_typed_figures_are_refused_and_the_page_shows_the_formula(tree: Tree, alice: User) -> None:
    _member(tree.cell, "Mới Một", admitted_on=date(2024, 2, 1))
    target = make_target(
        tree.dept,
        "KNDV",
        shape="quantity",
        planned="3",
        unit="người",
        title="Kết nạp",
        source="members_admitted",
    )
    with pytest.raises(ValidationError, match="lấy số liệu từ sổ"):
        services.reading_record(target=target, cut_off=MID, value=D(27), acting_user=None)
    with pytest.raises(ValidationError, match="lấy số liệu từ sổ"):
        services.readings_record_many(
            items=[services.ReadingInput(target=target, cut_off=MID, value=D(27))], acting_user=None
        )
    staff = Client()
    staff.force_login(alice)
    page = staff.get(reverse("targets:target_detail", args=[target.pk]), {"cut_off": "30/6/2024"})
    html = page.content.decode()
    assert "số đảng viên có ngày vào Đảng trong kỳ" in html
    assert "Xem các dòng được đếm" in html
    assert f"organisation={tree.dept.pk}" in html

    response = staff.post(reverse("targets:metric_record", args=[target.pk]), {"cut_off": "30/6/2024"})
    assert response.status_code == 302
    (reading,) = Reading.objects.filter(target=target)
    assert reading.value == 1 and reading.entered_by == alice

    typed = make_target(tree.dept, "TAY", planned="3")
    staff.post(reverse("targets:metric_record", args=[typed.pk]), {"cut_off": "30/6/2024"})
    assert not Reading.objects.filter(target=typed).exists()
