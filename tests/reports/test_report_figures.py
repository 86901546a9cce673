"""The report agrees with itself (issue 20): the body's figures are counted from appendix 1's rows, its
categories add up, unknown is said as unknown, and every measure is worded by the target's shape."""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from committees import services as org_services
from committees.models import Gender, Organisation
from reports import services as report_services
from reports.context import ReportContext, report_context
from reports.models import Report
from reports.pdf import render_html
from targets import services as target_services
from targets.outcomes.achievement import Status
from tests.conftest import Tree

MID = date(2024, 6, 30)


def _context(report: Report) -> ReportContext:
    report = Report.objects.select_related("organisation__parent").get(pk=report.pk)
    return report_context(report)


def _text(context: ReportContext) -> str:
    """The rendered report as a reader reads it: tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<style>.*?</style>", " ", render_html(context), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _body(context: ReportContext) -> str:
    text = _text(context)
    return text[: text.index("PHỤ LỤC 1")]


def _appendix_row(context: ReportContext, title: str) -> str:
    text = _text(context)
    appendix = text[text.index("PHỤ LỤC 1") : text.index("PHỤ LỤC 2")]
    start = appendix.index(title)
    return appendix[start : start + 160]


def _target(org: Organisation, code: str, title: str, shape: str, period: str = "2024", **plan: Any):  # type: ignore[no-untyped-def]
    return target_services.target_create(
        code=code, organisation=org, title=title, period=period, shape=shape, acting_user=None, **plan
    )


def _reading(target, value: str | None = None, **extra: Any) -> None:  # type: ignore[no-untyped-def]
    target_services.reading_record(
        target=target,
        cut_off=min(MID, target.period_end),
        value=D(value) if value is not None else None,
        note="số liệu thử",
        acting_user=None,
        **extra,
    )


def _member(org: Organisation, name: str, gender: str = Gender.MALE, **fields: Any) -> None:
    org_services.member_create(
        organisation=org, full_name=name, gender=gender, acting_user=None, ethnicity="Kinh", **fields
    )


def _report(org: Organisation) -> Report:
    return report_services.report_create(
        organisation=org, kind="semi_annual", period="2024-H1", acting_user=None, signer_name="Lê Văn A"
    )


# --- 1. the body's counts come from appendix 1's rows, and add up ----------------------------------


def test_every_category_of_targets_is_counted_so_they_add_up(report: Report, tree: Tree) -> None:
    """Was "4/4 chỉ tiêu đang triển khai thực hiện (3 …; 1 …)" with the target without data left out."""
    _target(tree.dept, "DVTT", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "rate_floor", planned=D(90))
    context = _context(report)
    body = _body(context)
    assert "5/5 chỉ tiêu đang triển khai thực hiện" in body
    assert "1 chỉ tiêu chưa có số liệu" in body
    named = [int(n) for n in re.findall(r"(\d+) chỉ tiêu (?:đã đạt|đúng|chậm|chưa)", body)]
    assert sum(named) == len(context.targets) == 5


def test_a_finished_period_names_what_was_not_met_and_what_is_unknown(tree: Tree) -> None:
    done = _target(tree.dept, "A", "Nội dung A", "count", period="2024-Q1", planned=D(4))
    _reading(done, "4")
    missed = _target(tree.dept, "B", "Nội dung B", "count", period="2024-Q1", planned=D(4))
    _reading(missed, "3")
    _target(tree.dept, "C", "Nội dung C", "count", period="2024-Q1", planned=D(4))
    report = report_services.report_create(
        organisation=tree.dept, kind="annual", period="2024", acting_user=None, signer_name="Lê Văn A"
    )
    body = _body(report_context(Report.objects.get(pk=report.pk), cut_off=date(2024, 12, 31)))
    assert "1/3 chỉ tiêu đạt và vượt kế hoạch (1 chỉ tiêu chưa đạt; 1 chỉ tiêu chưa có số liệu)" in body


def test_new_members_in_the_body_are_the_appendix_figure(report: Report, tree: Tree) -> None:
    """Was "kết nạp 10 đảng viên mới" from the register while appendix 1 gave 27: the target now takes its
    actual from the register (source members_admitted), so both are the register's figure."""
    _member(tree.dept, "Nguyễn Văn Một", admitted_on=date(2024, 3, 2))
    _member(tree.dept, "Trần Văn Hai", admitted_on=date(2024, 5, 2))
    admitted = _target(
        tree.dept,
        "KNDV",
        "Đảng viên mới được kết nạp",
        "quantity",
        unit="người",
        planned=D(60),
        source="members_admitted",
    )
    with pytest.raises(ValidationError, match="lấy số liệu từ sổ"):
        _reading(admitted, "27")  # typed figures are refused: the register says it
    target_services.metric_record(target=admitted, cut_off=MID, acting_user=None)
    context = _context(report)
    body = _body(context)
    assert "kết nạp 2 đảng viên mới trong kỳ" in body
    assert context.admissions_row is not None and context.admissions_row.actual == 2
    assert "Tính từ sổ" in context.admissions_row.reading.note  # type: ignore[union-attr]


def test_a_typed_admissions_target_is_still_the_body_figure(report: Report, tree: Tree) -> None:
    """Data typed before targets could take their actual from the register: the body still prints the
    appendix's 27, not the register's 1."""
    _member(tree.dept, "Nguyễn Văn Một", admitted_on=date(2024, 3, 2))
    admitted = _target(
        tree.dept, "KNDV", "Đảng viên mới được kết nạp", "quantity", unit="người", planned=D(60)
    )
    _reading(admitted, "27")
    body = _body(_context(report))
    assert "kết nạp 27 đảng viên mới trong kỳ" in body
    assert "kết nạp 1 đảng viên mới" not in body


def test_new_members_without_a_reading_are_unknown_not_the_register(report: Report, tree: Tree) -> None:
    _member(tree.dept, "Nguyễn Văn Một", admitted_on=date(2024, 3, 2))
    _target(
        tree.dept,
        "KNDV",
        "Kết nạp đảng viên mới",
        "quantity",
        unit="người",
        planned=D(60),
        source="members_admitted",
    )
    body = _body(_context(report))
    assert "số đảng viên mới kết nạp trong kỳ: chưa có số liệu" in body
    assert "kết nạp 1 đảng viên mới" not in body


def test_new_members_without_a_target_come_from_the_register(report: Report, tree: Tree) -> None:
    _member(tree.dept, "Nguyễn Văn Một", admitted_on=date(2024, 3, 2))
    _member(tree.dept, "Trần Thị Hai", gender=Gender.FEMALE, admitted_on=date(2010, 3, 2))
    body = _body(_context(report))
    assert "Toàn Đảng bộ hiện có 2 đảng viên, trong đó 1 đảng viên nữ" in body
    assert "kết nạp 1 đảng viên mới trong kỳ" in body


# --- 2. no member data is unknown, never 0 ---------------------------------------------------------


def test_no_member_data_is_said_as_unknown(report: Report) -> None:
    """Was "Toàn Đảng bộ hiện có 0 đảng viên, trong đó 0 đảng viên nữ, …" with an empty register."""
    body = _body(_context(report))
    assert "0 đảng viên" not in body
    assert "Số lượng đảng viên: chưa có số liệu" in body
    assert "số đảng viên mới kết nạp trong kỳ: chưa có số liệu" in body


def test_report_page_says_unknown_members(client, report: Report, carol) -> None:  # type: ignore[no-untyped-def]
    client.force_login(carol)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "0 đảng viên" not in page and "Số lượng đảng viên: chưa có số liệu" in page


# --- 3. no empty clauses ---------------------------------------------------------------------------


def test_nothing_to_report_prints_no_empty_clause(tree: Tree) -> None:
    """Was "Kết quả đạt được: . (Số liệu tính đến …)" for an organisation with no figures yet."""
    body = _body(_context(_report(tree.grassroots)))
    assert "Kết quả đạt được:" not in body
    assert "Chưa có số liệu về kết quả thực hiện các chỉ tiêu, nhiệm vụ trong kỳ." in body


def test_tasks_alone_print_no_empty_clause(tree: Tree) -> None:
    """Was "Kết quả đạt được: , trong đó có 0/1 nội dung …" with tasks but no targets."""
    from resolutions import services as doc_services

    document = doc_services.document_create(
        raw_number="05-KH/ĐU", title="kế hoạch", organisation=tree.grassroots, acting_user=None
    )
    doc_services.task_create(
        document=document,
        organisation=tree.grassroots,
        title="Việc 1",
        due_on=date(2024, 11, 30),
        acting_user=None,
    )
    body = _body(_context(_report(tree.grassroots)))
    assert not re.search(r":\s*[,.;]", body), body
    assert "Kết quả đạt được: 0/1 nội dung đầu việc" in body


# --- 4. the measure column follows the shape -------------------------------------------------------


def test_a_ceiling_shows_its_distance_from_the_bound_not_a_ratio(report: Report, tree: Tree) -> None:
    """Was 214,29% for 21 against "không quá 45"."""
    accidents = _target(
        tree.dept, "TNLD", "Số vụ tai nạn lao động", "rate_ceiling", unit="vụ", planned=D(45), strict=False
    )
    _reading(accidents, "21")
    unemployment = _target(tree.dept, "TN", "Tỷ lệ thất nghiệp", "rate_ceiling", unit="%", planned=D("2.5"))
    _reading(unemployment, "2.41")
    context = _context(report)
    row = _appendix_row(context, "Số vụ tai nạn lao động")
    assert "-24 vụ" in row and "214,29%" not in row
    assert "-0,09 điểm %" in _appendix_row(context, "Tỷ lệ thất nghiệp")


def test_a_floor_shows_the_gap_in_points(report: Report, tree: Tree) -> None:
    trained = _target(tree.dept, "LDDT", "Tỷ lệ lao động qua đào tạo", "rate_floor", unit="%", planned=D(87))
    _reading(trained, "86.5")
    row = _appendix_row(_context(report), "Tỷ lệ lao động qua đào tạo")
    assert "-0,5 điểm %" in row and "99,43%" not in row


def test_growth_is_worded_as_growth(report: Report) -> None:
    """The growth target's measure reads "tăng 2,44% so với cùng kỳ", in its column, beside "Đạt"."""
    row = _appendix_row(_context(report), "Giải quyết việc làm")
    assert "128.050 tăng 2,44% so với cùng kỳ 125.000" in row


def test_pages_show_the_same_measure_as_the_report(client, report: Report, tree: Tree, alice, bob) -> None:  # type: ignore[no-untyped-def]
    """The dashboard showed a bare "2,44%" beside "Đạt" for growth and 214,29% for a ceiling."""
    accidents = _target(
        tree.dept, "TNLD", "Số vụ tai nạn lao động", "rate_ceiling", unit="vụ", planned=D(45), strict=False
    )
    _reading(accidents, "21")
    client.force_login(bob)
    page = client.get(reverse("dashboard", args=[tree.dept.pk]) + "?period=2024&cut_off=30/6/2024")
    body = " ".join(page.content.decode().split())
    assert "tăng 2,44% so với cùng kỳ" in body
    assert "-24 vụ" in body and "214,29%" not in body
    detail = client.get(reverse("targets:target_detail", args=[accidents.pk])).content.decode()
    assert "-24 vụ" in detail and "214,29%" not in detail
    client.force_login(alice)
    grid = client.get(reverse("targets:entry_grid", args=[tree.dept.pk, "2024"]) + "?cut_off=30/6/2024")
    assert "-24 vụ" in grid.content.decode() and "214,29%" not in grid.content.decode()


# --- the property: whatever the targets, the body and the appendix agree -------------------------

SHAPES: dict[str, dict[str, Any]] = {
    "count": {"planned": D(10)},
    "quantity": {"planned": D(100)},
    "rate_floor": {"planned": D(50), "unit": "%"},
    "rate_ceiling": {"planned": D(5), "unit": "%"},
    "growth": {"planned": D(2)},
    "rank": {"planned": D(5), "rank_out_of": 20},
    "milestone": {},
}
TARGET = st.tuples(
    st.sampled_from(sorted(SHAPES)),
    st.sampled_from(["2024", "2024-H1", "2024-Q1"]),
    st.one_of(st.none(), st.integers(min_value=0, max_value=200)),
    st.booleans(),  # an admissions target
)
WORDS = {
    "đã đạt và vượt": (Status.MET, Status.EXCEEDED),
    "đúng tiến độ": (Status.ON_TRACK,),
    "chậm tiến độ": (Status.BEHIND,),
    "chưa đạt": (Status.NOT_MET,),
    "chưa có số liệu": (Status.NO_DATA,),
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(targets=st.lists(TARGET, max_size=8), members=st.integers(min_value=0, max_value=3))
def test_body_counts_are_the_appendix_rows(tree: Tree, targets: list[Any], members: int) -> None:
    with transaction.atomic():
        org = tree.grassroots
        for n in range(members):
            _member(org, f"Đảng viên {n}", admitted_on=date(2024, 2, 1) if n % 2 else None)
        for n, (shape, period, value, admissions) in enumerate(targets):
            plan = dict(SHAPES[shape])
            title = (
                f"Đảng viên mới được kết nạp {n}" if admissions and shape == "quantity" else f"Nội dung {n}"
            )
            source = "members_admitted" if admissions and shape == "quantity" else "readings"
            target = _target(org, f"P{n}", title, shape, period=period, source=source, **plan)
            if value is None:
                continue
            if source != "readings":
                target_services.metric_record(
                    target=target, cut_off=min(MID, target.period_end), acting_user=None
                )
            elif shape == "milestone":
                _reading(target, done=value % 2 == 0)
            elif shape == "growth":
                _reading(target, str(value + 1), previous=D(value % 50 + 1))
            elif shape == "rank":
                _reading(target, str(value % 20 + 1), previous=D(value * 7 % 20 + 1))
            elif shape.startswith("rate"):
                _reading(target, str(value % 101))
            else:
                _reading(target, str(value))
        context = _context(_report(org))
        body = _body(context)

        statuses = Counter(row.outcome.status for row in context.targets)
        named = dict(
            (words, int(n)) for n, words in re.findall(r"(\d+) chỉ tiêu (" + "|".join(WORDS) + ")", body)
        )
        if context.targets:
            finished_met = re.search(r"(\d+)/(\d+) chỉ tiêu đạt và vượt kế hoạch", body)
            if finished_met:
                named.setdefault("đã đạt và vượt", int(finished_met[1]))
            assert sum(named.values()) == len(context.targets), body
            for words, count in named.items():
                assert count == sum(statuses[s] for s in WORDS[words]), (words, body)
            for words, members_of in WORDS.items():
                if words not in named:
                    assert not any(statuses[s] for s in members_of), (words, body)
        if not members:
            assert not re.search(r"\b0 đảng viên", body), body
        assert not re.search(r":\s*[,.;]", body), body
        admissions_rows = [row for row in context.targets if row.target.source == "members_admitted"]
        if admissions_rows and admissions_rows[0].actual is not None:
            assert (
                f"kết nạp {admissions_rows[0].actual:.0f} đảng viên mới" in body
                or admissions_rows[0].actual == 0
            )
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("raw_number", "word"),
    [
        ("05-TT/TU", "Thông tri"),  # a Party "TT" is a thông tri
        ("12/2024/TT-BNV", "Thông tư"),  # a State "TT" is a thông tư
        ("18-NQ/TW", "Nghị quyết"),
        ("30/2020/NĐ-CP", "Nghị định"),
    ],
)
def test_a_report_cites_a_document_by_the_name_of_its_type_in_its_system(
    tree: Tree, raw_number: str, word: str
) -> None:
    from reports.heading import document_reference
    from resolutions import services as doc_services

    document = doc_services.document_create(
        raw_number=raw_number, title="về việc X", organisation=tree.city, acting_user=None
    )
    assert document_reference(document).startswith(f"{word} số {document.canonical_number}")
