"""Every write to targets and readings goes through here, and each writes its audit row.

The writes of the reporting cycle (submissions, narratives, deadlines, reminders) are in
`targets.cycle_services`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.audit import audit_entry, audit_record, snapshot, update_audited
from committees.models import AuditEntry, Organisation
from core.people import display_name
from core.vn import fold, format_date
from resolutions.models import Document
from targets import cycle, outliers, selectors
from targets.models import TARGET_EDITABLE, Reading, ReadingKind, SubmissionStatus, Target
from targets.outcomes import steps
from targets.outcomes.achievement import Outcome, evaluate
from targets.outcomes.checks import check_reading
from targets.outcomes.hooks import outcomes_written, readings_writing
from targets.outcomes.metrics import READINGS, metric_of
from targets.outcomes.standing import plan_of
from targets.periods import Period, PeriodError, parse_period

STORED_PLACES = Decimal("0.000001")

if TYPE_CHECKING:
    from committees.access import AnyUser


@transaction.atomic
def target_create(
    *,
    code: str,
    organisation: Organisation,
    title: str,
    period: str,
    shape: str,
    unit: str = "",
    planned: Decimal | None = None,
    planned_low: Decimal | None = None,
    planned_high: Decimal | None = None,
    baseline: Decimal | None = None,
    reduction_unit: str = "points",
    strict: bool = True,
    rank_out_of: int | None = None,
    document: Document | None = None,
    parent: Target | None = None,
    position: int = 0,
    source: str = READINGS,
    acting_user: AnyUser | None,
) -> Target:
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise ValidationError({"period": error.message}) from None
    target = Target(
        code=code,
        organisation=organisation,
        title=title,
        title_folded=fold(title),
        period=parsed.code,
        period_start=parsed.start,
        period_end=parsed.end,
        shape=shape,
        unit=unit,
        planned=planned,
        planned_low=planned_low,
        planned_high=planned_high,
        baseline=baseline,
        reduction_unit=reduction_unit,
        strict=strict,
        rank_out_of=rank_out_of,
        document=document,
        parent=parent,
        position=position,
        source=source,
    )
    target.full_clean()
    target.save()
    outcomes_written([target])
    audit_record(
        acting_user=acting_user,
        action="target.create",
        obj=target,
        organisation=organisation,
        after=snapshot(target),
    )
    return target


class ReadingConflict(ValidationError):
    """Someone else saved a newer value for the same target and cut-off since the form was shown."""

    def __init__(self, current: Reading) -> None:
        self.current = current
        shown = current.value if current.value is not None else current.done
        super().__init__(
            _("Số liệu đã được %(user)s cập nhật thành %(value)s. Vui lòng xem lại trước khi lưu.")
            % {"user": display_name(current.entered_by) or _("người khác"), "value": shown}
        )


def outcome_of(target: Target, reading: Reading) -> Outcome:
    actual: Decimal | bool | None = reading.done if target.yes_no else reading.value
    return evaluate(
        plan_of(target),
        actual,
        previous=reading.previous,
        elapsed=parse_period(target.period).elapsed(reading.cut_off),
    )


def _apply_outcome(target: Target, reading: Reading) -> None:
    outcome = outcome_of(target, reading)
    reading.measure = _stored(outcome.measure)
    reading.achievement_pct = _stored(outcome.achievement_pct)
    reading.status = str(outcome.status)


def _stored(value: Decimal | None) -> Decimal | None:
    # Six decimals cut down (never rounded up), so both half-up and truncated 2-decimal display stay exact.
    return value.quantize(STORED_PLACES, rounding=ROUND_DOWN) if value is not None else None


def _row_label(target: Target, cut_off: date) -> str:
    return _("Chỉ tiêu %(code)s, số liệu đến %(date)s: ") % {
        "code": target.code,
        "date": format_date(cut_off),
    }


def _locked_message(target: Target, period: Period, status: str) -> str:
    names = {"period": period.label(), "org": target.organisation.name}
    if status == SubmissionStatus.APPROVED:
        return (
            _(
                "Số liệu %(period)s của %(org)s đã được cấp trên duyệt nên không sửa được; "
                "cần cấp trên mở lại báo cáo kỳ."
            )
            % names
        )
    return (
        _(
            "Số liệu %(period)s của %(org)s đã gửi cấp trên và đang chờ duyệt nên không sửa được; "
            "cần cấp trên trả lại báo cáo kỳ."
        )
        % names
    )


def _ensure_open(pairs: list[tuple[Target, date]], *, each: bool = False) -> None:
    """Refuse figures of a half-year the organisation has submitted or had approved (1 query)."""
    periods = {(target.organisation_id, cycle.period_of_day(day)) for target, day in pairs}
    locked = selectors.locked_statuses({o for o, _p in periods}, {p.code for _o, p in periods})
    if not locked:
        return
    for target, day in pairs:
        period = cycle.period_of_day(day)
        status = locked.get((target.organisation_id, period.code))
        if status:
            prefix = _row_label(target, day) if each else ""
            raise ValidationError({"cut_off": prefix + _locked_message(target, period, status)})


def _flag_outlier(
    target: Target,
    cut_off: date,
    value: Decimal | None,
    note: str,
    references: dict[tuple[int, date], tuple[list[Decimal], list[Decimal]]],
    *,
    where: str = "",
) -> bool:
    """Whether the value is far from its references; without a note explaining it, it is refused."""
    if target.yes_no or value is None:
        return False
    own, siblings = references.get((target.pk, cut_off), ([], []))
    verdict = outliers.judge(value, own, siblings)
    if verdict is None:
        return False
    if not note.strip():
        raise ValidationError({"note": where + verdict.message(value)})
    return True


@transaction.atomic
def reading_record(
    *,
    target: Target,
    cut_off: date,
    value: Decimal | None = None,
    done: bool | None = None,
    previous: Decimal | None = None,
    kind: str = ReadingKind.OFFICIAL,
    note: str = "",
    reason: str = "",
    expected_current: int | None = None,
    acting_user: AnyUser | None,
    from_register: bool = False,
) -> Reading:
    """Append a reading for `target` at `cut_off`; readings are never edited.

    When a reading already exists for that cut-off this is a correction: it needs a reason (except an
    official figure replacing an estimate), and it supersedes the old one. `expected_current` is the id of
    the reading the person saw (0 for none); if another reading arrived since, ReadingConflict is raised
    and nothing is saved, so no update is ever lost.
    """
    # Serialise writers of one target: the conflict check and the insert must see the same state.
    Target.objects.select_for_update().filter(pk=target.pk).first()
    check_reading(target, cut_off=cut_off, value=value, done=done, previous=previous)
    if not from_register:
        _refuse_typed(target)
    _ensure_open([(target, cut_off)])
    references = selectors.outlier_references([(target, cut_off)])
    flagged = _flag_outlier(target, cut_off, value, note, references)
    current = Reading.objects.filter(target=target, cut_off=cut_off, is_current=True).first()
    if expected_current is not None and current is not None and current.pk != expected_current:
        raise ReadingConflict(current)
    if current is not None:
        replaces_estimate = current.kind == ReadingKind.ESTIMATE and kind == ReadingKind.OFFICIAL
        if not reason.strip() and not replaces_estimate:
            raise ValidationError({"reason": _("Số liệu đã có: vui lòng ghi lý do điều chỉnh.")})
        if previous is None:
            previous = current.previous
    user = acting_user if acting_user is not None and not acting_user.is_anonymous else None
    reading = Reading(
        target=target,
        cut_off=cut_off,
        value=None if target.yes_no else value,
        done=done if target.yes_no else None,
        previous=previous,
        kind=kind,
        note=note,
        reason=reason.strip(),
        supersedes=current,
        entered_by=user,
        flagged=flagged,
    )
    _apply_outcome(target, reading)
    if current is not None:
        before = snapshot(current)
        Reading.objects.filter(pk=current.pk).update(is_current=False)
    else:
        before = None
    # The target is locked above and the user is the one signed in: no query to check that they exist.
    reading.full_clean(exclude=["supersedes", "target", "entered_by"])
    reading.save()
    outcomes_written([target], figures_only=True)
    audit_record(
        acting_user=acting_user,
        action="reading.correct" if current else "reading.record",
        obj=reading,
        organisation=target.organisation,
        before=before,
        after=snapshot(reading),
        reason=reading.reason,
    )
    return reading


@dataclass(frozen=True)
class ReadingInput:
    target: Target
    cut_off: date
    value: Decimal | None = None
    done: bool | None = None
    previous: Decimal | None = None
    kind: str = ReadingKind.OFFICIAL
    note: str = ""
    reason: str = ""


def _same(item: ReadingInput, currents: dict[tuple[int, date], Reading]) -> bool:
    """Whether `item` repeats the current reading of its target and cut-off."""
    current = currents.get((item.target.pk, item.cut_off))
    value, done = (None, item.done) if item.target.yes_no else (item.value, None)
    return (
        current is not None
        and current.value == value
        and current.done == done
        and current.previous == item.previous
    )


@transaction.atomic
def readings_record_many(*, items: list[ReadingInput], acting_user: AnyUser | None) -> tuple[int, int]:
    """Record many readings at once (the workbook import), with the same rules and audit rows as
    reading_record, in a fixed number of queries. A reading equal to the current one is skipped.
    Returns (recorded, corrected)."""
    if not items:
        return 0, 0
    target_ids = {item.target.pk for item in items}
    list(Target.objects.select_for_update().filter(pk__in=target_ids).values_list("pk", flat=True))
    currents = {
        (r.target_id, r.cut_off): r
        for r in Reading.objects.filter(
            target_id__in=target_ids, is_current=True, cut_off__in={i.cut_off for i in items}
        )
    }
    user = acting_user if acting_user is not None and not acting_user.is_anonymous else None
    pairs = [(item.target, item.cut_off) for item in items]
    # A figure already there, unchanged, is no change to a submitted half-year: importing the same
    # workbook again after the report went up changes nothing rather than failing (issue 25).
    _ensure_open(
        [pair for item, pair in zip(items, pairs, strict=True) if not _same(item, currents)], each=True
    )
    references = selectors.outlier_references(pairs)
    new: list[Reading] = []
    superseded: list[Reading] = []
    for item in items:
        target = item.target
        _refuse_typed(target, prefix=_row_label(target, item.cut_off))
        check_reading(
            target,
            cut_off=item.cut_off,
            value=item.value,
            done=item.done,
            previous=item.previous,
            prefix=_row_label(target, item.cut_off),
        )
        current = currents.get((target.pk, item.cut_off))
        value, done = (None, item.done) if target.yes_no else (item.value, None)
        if _same(item, currents):
            continue
        if current is not None:
            replaces_estimate = current.kind == ReadingKind.ESTIMATE and item.kind == ReadingKind.OFFICIAL
            if not item.reason.strip() and not replaces_estimate:
                raise ValidationError({"reason": _("Số liệu đã có: vui lòng ghi lý do điều chỉnh.")})
            superseded.append(current)
        reading = Reading(
            target=target,
            cut_off=item.cut_off,
            value=value,
            done=done,
            previous=item.previous,
            kind=item.kind,
            note=item.note,
            reason=item.reason.strip() if current else "",
            supersedes=current,
            entered_by=user,
            flagged=_flag_outlier(
                target, item.cut_off, value, item.note, references, where=_row_label(target, item.cut_off)
            ),
        )
        _apply_outcome(target, reading)
        new.append(reading)
        currents[(target.pk, item.cut_off)] = reading
    befores = {r.pk: snapshot(r) for r in superseded}
    with readings_writing({r.target.pk: r.target for r in new}.values()):
        Reading.objects.filter(pk__in=[r.pk for r in superseded]).update(is_current=False)
        Reading.objects.bulk_create(new, batch_size=500)
    AuditEntry.objects.bulk_create(
        [
            audit_entry(
                acting_user=acting_user,
                action="reading.correct" if r.supersedes_id else "reading.record",
                obj=r,
                organisation=r.target.organisation,
                before=befores.get(r.supersedes_id) if r.supersedes_id else None,
                after=snapshot(r),
                reason=r.reason,
            )
            for r in new
        ],
        batch_size=500,
    )
    corrected = sum(1 for r in new if r.supersedes_id)
    return len(new) - corrected, corrected


def recompute_readings(target: Target, *, left: steps.Period | None = None) -> int:
    """Recompute the stored outcome of every current reading after the plan of `target` changed (and the
    steps of the period it `left`, when its period changed)."""
    readings = list(Reading.objects.filter(target=target, is_current=True))
    for reading in readings:
        _apply_outcome(target, reading)
    Reading.objects.bulk_update(readings, ["measure", "achievement_pct", "status"])
    # The target itself changed too (its period, document, title): everything cached above it goes.
    outcomes_written([target], also=[left] if left else [])
    return len(readings)


def _refuse_typed(target: Target, *, prefix: str = "") -> None:
    """A target whose actual comes from a register takes no typed reading (metric_record records it)."""
    metric = metric_of(target.source)
    if metric is not None:
        raise ValidationError(
            {
                "value": prefix
                + _("Chỉ tiêu này lấy số liệu từ sổ: %(metric)s; số liệu được tính, không nhập tay.")
                % {"metric": metric.label}
            }
        )


@transaction.atomic
def metric_record(*, target: Target, cut_off: date, acting_user: AnyUser | None) -> Reading | None:
    """Record, as the target's reading at `cut_off`, the value its register metric computes now
    (targets.outcomes.metrics); nothing when the standing reading at that day already has it."""
    metric = metric_of(target.source)
    if metric is None:
        raise ValidationError({"value": _("Chỉ tiêu này lấy số liệu nhập tay, không tính từ sổ.")})
    result = metric.compute(target.organisation, target.period_start, cut_off)
    current = Reading.objects.filter(target=target, cut_off=cut_off, is_current=True).first()
    if current is not None and current.value == result.value:
        return None
    return reading_record(
        target=target,
        cut_off=cut_off,
        value=result.value,
        note=_("Tính từ sổ: %(formula)s (%(n)s dòng).") % {"formula": metric.formula, "n": result.counted},
        reason=_("Tính lại từ sổ") if current is not None else "",
        acting_user=acting_user,
        from_register=True,
    )


@transaction.atomic
def target_update(*, target: Target, acting_user: AnyUser | None, **changes: object) -> Target:
    """Change a target's plan; the stored outcome of its readings is recomputed against the new plan."""
    left = steps.key_of(target)
    update_audited(
        target,
        changes=changes,
        editable=TARGET_EDITABLE,
        action="target.update",
        organisation_of=lambda t: t.organisation,
        acting_user=acting_user,
        derive=_period_and_folded_title,
    )
    recompute_readings(target, left=left)
    return target


def _period_and_folded_title(target: Target) -> None:
    """What target_update derives before saving: the period's dates, refused if readings fall outside."""
    try:
        parsed = parse_period(target.period)
    except PeriodError as error:
        raise ValidationError({"period": error.message}) from None
    outside = target.readings.exclude(cut_off__range=(parsed.start, parsed.end))
    if outside.exists():
        raise ValidationError({"period": _("Đã có số liệu nằm ngoài kỳ mới: không thể đổi kỳ như vậy.")})
    target.period, target.period_start, target.period_end = parsed.code, parsed.start, parsed.end
    target.title_folded = fold(target.title)


@transaction.atomic
def target_split(
    *, target: Target, shares: dict[Organisation, Decimal], acting_user: AnyUser | None
) -> list[Target]:
    """Split a target among child organisations: one child target each, with `target` as its parent."""
    created = []
    for organisation, planned in shares.items():
        if organisation.parent_id != target.organisation_id:
            raise ValidationError(_("Chỉ phân bổ cho tổ chức trực thuộc."))
        code = f"{target.code}/{organisation.code}"
        if Target.objects.filter(code=code).exists():
            raise ValidationError(_("Chỉ tiêu đã được phân bổ cho %(org)s.") % {"org": organisation.name})
        created.append(
            target_create(
                code=code,
                organisation=organisation,
                title=target.title,
                period=target.period,
                shape=target.shape,
                unit=target.unit,
                planned=planned,
                baseline=target.baseline,
                reduction_unit=target.reduction_unit,
                strict=target.strict,
                rank_out_of=target.rank_out_of,
                document=target.document,
                parent=target,
                position=target.position,
                acting_user=acting_user,
            )
        )
    return created
