"""Every write to targets and readings goes through here, and each writes its audit row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.audit import audit_record, snapshot
from committees.models import Organisation
from committees.vn import fold
from resolutions.models import Document
from targets.models import Reading, ReadingKind, Target
from targets.periods import PeriodError, parse_period

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
    )
    target.full_clean()
    target.save()
    audit_record(
        acting_user=acting_user,
        action="target.create",
        obj=target,
        organisation=organisation,
        after=snapshot(target),
    )
    return target


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
    acting_user: AnyUser | None,
) -> Reading:
    """Append a reading. Readings are never edited: a correction is a new row (see reading_correct)."""
    if not target.period_start <= cut_off <= target.period_end:
        raise ValidationError({"cut_off": _("Ngày tính số liệu phải nằm trong kỳ của chỉ tiêu.")})
    if value is None and done is None:
        raise ValidationError({"value": _("Vui lòng nhập giá trị.")})
    reading = Reading(
        target=target,
        cut_off=cut_off,
        value=value,
        done=done,
        previous=previous,
        kind=kind,
        note=note,
        entered_by=acting_user if acting_user is not None and not acting_user.is_anonymous else None,
    )
    reading.full_clean()
    reading.save()
    audit_record(
        acting_user=acting_user,
        action="reading.record",
        obj=reading,
        organisation=target.organisation,
        after=snapshot(reading),
    )
    return reading
