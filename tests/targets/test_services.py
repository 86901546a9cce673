from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from committees.models import AuditEntry
from core.vn import parse_decimal
from targets import services
from targets.models import Reading, Target
from tests.conftest import Tree
from tests.targets.conftest import make_target

MID = date(2024, 6, 30)


def test_record_computes_and_audits(submissions: Target, alice) -> None:  # type: ignore[no-untyped-def]
    reading = services.reading_record(target=submissions, cut_off=MID, value=D(15), acting_user=alice)
    assert reading.achievement_pct == D(60)
    assert reading.status == "on_track"  # 60% reached with 49,7% of the year elapsed
    entry = AuditEntry.objects.get(action="reading.record")
    assert entry.user == alice
    assert entry.after is not None and D(entry.after["value"]) == D(15)


def test_year_end_reading_is_final(submissions: Target) -> None:
    reading = services.reading_record(
        target=submissions, cut_off=date(2024, 12, 31), value=D(15), acting_user=None
    )
    assert reading.status == "not_met"


def test_correction_needs_a_reason_and_keeps_history(submissions: Target, alice) -> None:  # type: ignore[no-untyped-def]
    first = services.reading_record(target=submissions, cut_off=MID, value=D(15), acting_user=alice)
    with pytest.raises(ValidationError) as error:
        services.reading_record(
            target=submissions, cut_off=MID, value=D(16), acting_user=alice, expected_current=first.pk
        )
    assert "lý do" in str(error.value)
    assert Reading.objects.count() == 1
    second = services.reading_record(
        target=submissions,
        cut_off=MID,
        value=D(16),
        reason="Bổ sung 1 nội dung",
        expected_current=first.pk,
        acting_user=alice,
    )
    first.refresh_from_db()
    assert not first.is_current and second.is_current and second.supersedes == first
    assert AuditEntry.objects.get(action="reading.correct").reason == "Bổ sung 1 nội dung"
    assert [r.value for r in Reading.objects.order_by("id")] == [D(15), D(16)]


def test_second_writer_is_refused_with_the_newer_value(submissions: Target, alice, bob) -> None:  # type: ignore[no-untyped-def]
    services.reading_record(
        target=submissions, cut_off=MID, value=D(15), acting_user=alice, expected_current=0
    )
    with pytest.raises(services.ReadingConflict) as conflict:
        services.reading_record(
            target=submissions, cut_off=MID, value=D(14), acting_user=bob, expected_current=0
        )
    assert "15" in conflict.value.messages[0]
    assert Reading.objects.count() == 1


def test_official_figure_replaces_estimate_without_reason(submissions: Target) -> None:
    estimate = services.reading_record(
        target=submissions, cut_off=MID, value=D(14), kind="estimate", acting_user=None
    )
    official = services.reading_record(
        target=submissions, cut_off=MID, value=D(15), kind="official", acting_user=None
    )
    assert official.supersedes == estimate and official.achievement_pct == D(60)


@pytest.mark.parametrize(
    ("shape", "extra", "value", "message"),
    [
        ("count", {}, D(-1), "không được âm"),
        ("count", {}, D("1.5"), "số nguyên"),
        ("rank", {"rank_out_of": 20}, D(21), "vượt quá tổng số 20"),
        ("rate_floor", {"unit": "%"}, D(101), "lớn hơn 100%"),
    ],
)
def test_invalid_values_change_nothing(tree: Tree, shape: str, extra: dict, value: D, message: str) -> None:  # type: ignore[type-arg]
    target = make_target(tree.dept, "X", shape=shape, planned="10", **extra)
    with pytest.raises(ValidationError, match=message):
        services.reading_record(target=target, cut_off=MID, value=value, acting_user=None)
    assert not Reading.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="reading").exists()


def test_cut_off_outside_period(submissions: Target) -> None:
    with pytest.raises(ValidationError, match="nằm trong kỳ 1/1/2024 – 31/12/2024"):
        services.reading_record(target=submissions, cut_off=date(2025, 1, 1), value=D(1), acting_user=None)


def test_milestone_takes_done(tree: Tree) -> None:
    target = make_target(tree.dept, "M", shape="milestone", planned=None)
    reading = services.reading_record(target=target, cut_off=date(2024, 12, 31), done=True, acting_user=None)
    assert reading.status == "met" and reading.value is None


def test_bad_period_is_refused(tree: Tree) -> None:
    with pytest.raises(ValidationError, match="không hợp lệ"):
        make_target(tree.dept, "P", period="2024-H3")


@pytest.mark.parametrize(
    ("typed", "refused_on"),
    [
        ("66,6666667", {"sqlite", "postgresql"}),  # seven places: Django would round it
        ("123.456.789.012.345", {"sqlite", "postgresql"}),  # 15 whole digits: the column holds 14
        ("12.345.678.901,234567", {"sqlite"}),  # 17 significant digits: SQLite would give back a float
        ("1.234,5", set()),
    ],
)
def test_a_value_the_database_cannot_keep_exactly_is_refused_not_changed(
    tree: Tree, typed: str, refused_on: set[str]
) -> None:
    """The entry grid, the workbook and the API all record through the service: a figure is stored exactly
    as typed or refused with a Vietnamese message, never rounded by the database."""
    target = make_target(tree.dept, "T-EXACT", shape="quantity", planned="1000", unit="người")
    value = parse_decimal(typed)
    one = services.ReadingInput(target=target, cut_off=date(2024, 6, 30), value=value)
    if connection.vendor in refused_on:
        with pytest.raises(ValidationError) as refused:
            services.reading_record(target=target, cut_off=date(2024, 6, 30), value=value, acting_user=None)
        assert "value" in refused.value.message_dict
        with pytest.raises(ValidationError):
            services.readings_record_many(items=[one], acting_user=None)
        assert not Reading.objects.filter(target=target).exists()
    else:
        services.reading_record(target=target, cut_off=date(2024, 6, 30), value=value, acting_user=None)
        assert Reading.objects.get(target=target).value == value


def test_recording_many_readings_costs_the_same_queries_for_2_or_20(tree: Tree) -> None:
    """The workbook's bulk path runs a fixed number of queries, whatever the number of readings (issue 24:
    a misplaced `@transaction.atomic` once gave every reading its own savepoint, 20.000 statements for an
    import of 10.000 readings, 7 s of the benchmark's 16,7 s)."""
    from django.test.utils import CaptureQueriesContext

    def record(count: int, day: date) -> int:
        items = [
            services.ReadingInput(
                target=make_target(
                    tree.dept, f"N-{count}-{i}", shape="quantity", planned="100", unit="người"
                ),
                cut_off=day,
                value=D(i + 1),
            )
            for i in range(count)
        ]
        with CaptureQueriesContext(connection) as queries:
            recorded, _corrected = services.readings_record_many(items=items, acting_user=None)
        assert recorded == count
        return len(queries)

    two, twenty = record(2, date(2024, 3, 31)), record(20, date(2024, 4, 30))
    assert two == twenty
