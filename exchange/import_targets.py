"""The targets and readings sheets: validation, then saving through the targets services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from committees.access import Action
from core.vn import VnValueError
from targets import services as target_services
from targets.models import SHAPE_FIELDS, ReductionUnit
from targets.outcomes.achievement import is_yes_no
from targets.outcomes.checks import ReadTarget, TargetFacts, reading_problems
from targets.periods import Period, PeriodError, parse_period

if TYPE_CHECKING:
    pass

from exchange import sheets_documents, sheets_sources
from exchange.importer_base import ImporterBase, _differs
from exchange.sheets import CODED, _bool, _date, _decimal, _text


class TargetSheets(ImporterBase):
    def validate_targets(self) -> None:
        sheet = self.sheets.get("targets")
        if not sheet:
            return
        self._unique("targets", sheet.rows, "code")
        for number, r in sheet.rows:
            code = _text(r.get("code"))
            self.new_targets.setdefault(
                code, {"row": number, "period": _text(r.get("period")), "shape": _text(r.get("shape"))}
            )
        for number, r in sheet.rows:
            for key in ("code", "title"):
                if not _text(r.get(key)):
                    self.problem("targets", number, key, "Bắt buộc nhập.")
            stored = self.targets.get(_text(r.get("code")))
            if stored is not None and not self.allows(stored.organisation, Action.MANAGE):
                self.refuse("targets", number, "code", stored.code)
            code = _text(r.get("organisation_code"))
            if not code:
                self.problem("targets", number, "organisation_code", "Bắt buộc nhập.")
            else:
                self.org_in_scope("targets", number, "organisation_code", code, Action.MANAGE)
            shape = _text(r.get("shape"))
            if shape not in CODED[("targets", "shape")]:
                self.problem("targets", number, "shape", f"Dạng chỉ tiêu «{shape}» không hợp lệ.")
            try:
                parse_period(_text(r.get("period")))
            except PeriodError as error:
                self.problem("targets", number, "period", error.message)
            values = {
                k: self.field("targets", number, r, k, _decimal)
                for k in ("planned", "planned_low", "planned_high", "baseline")
            }
            if (values["planned_low"] is None) != (values["planned_high"] is None):
                self.problem("targets", number, "planned_high", "Nhập cả hai đầu của khoảng kế hoạch.")
            elif values["planned_low"] is not None and values["planned_high"] < values["planned_low"]:
                self.problem("targets", number, "planned_high", "Đầu trên phải lớn hơn hoặc bằng đầu dưới.")
            rule = SHAPE_FIELDS.get(shape)
            if rule is not None and "planned" in rule.required and not _text(r.get("planned")):
                self.problem("targets", number, "planned", "Dạng chỉ tiêu này cần giá trị kế hoạch.")
            unit = _text(r.get("reduction_unit"))
            if unit and unit not in CODED[("targets", "reduction_unit")]:
                self.problem("targets", number, "reduction_unit", "Đơn vị giảm phải là points hoặc percent.")
            self.field("targets", number, r, "strict", _bool)
            out_of = self.field("targets", number, r, "rank_out_of", _decimal)
            if out_of is not None and (out_of != out_of.to_integral_value() or out_of < 1):
                self.problem("targets", number, "rank_out_of", "Tổng số phải là số nguyên dương.")
            document = _text(r.get("document_number"))
            if document:
                self.document_known(document, "targets", number, "document_number")
            position = self.field("targets", number, r, "position", _decimal)
            if position is not None and (position != position.to_integral_value() or position < 0):
                self.problem("targets", number, "position", "Thứ tự phải là số nguyên không âm.")
            if sheets_sources.source_problem(r):
                self.problem("targets", number, "source", sheets_sources.source_problem(r))
            parent = _text(r.get("parent_code"))
            if parent and parent not in self.new_targets and not self._target_visible(parent):
                self.missing("targets", number, "parent_code", parent, f"Không có chỉ tiêu mã «{parent}».")

    def _target_visible(self, code: str) -> bool:
        """A stored target a row may point at: one the user sees (the target form's parents)."""
        target = self.targets.get(code)
        return target is not None and self.allows(target.organisation, Action.VIEW)

    def _target_info(self, code: str) -> tuple[str, str, str] | None:
        """(organisation code, period, shape) of a target from the sheet or the database."""
        if not hasattr(self, "_sheet_targets"):
            self._sheet_targets = {
                _text(r.get("code")): (
                    _text(r.get("organisation_code")),
                    _text(r.get("period")),
                    _text(r.get("shape")),
                )
                for _n, r in (self.sheets["targets"].rows if "targets" in self.sheets else [])
            }
        if code in self._sheet_targets:
            return self._sheet_targets[code]
        target = self.targets.get(code)
        return (target.organisation.code, target.period, target.shape) if target else None

    def _read_target(self, code: str, period: Period, shape: str) -> ReadTarget:
        """What the reading checks need of the target: the sheet's row wins over the stored target."""
        if not hasattr(self, "_sheet_units"):
            self._sheet_units: dict[str, tuple[str, Any]] = {
                _text(r.get("code")): (_text(r.get("unit")), r.get("rank_out_of"))
                for _n, r in (self.sheets["targets"].rows if "targets" in self.sheets else [])
            }
        if code in self._sheet_units:
            unit, raw = self._sheet_units[code]
            try:
                out_of = _decimal(raw)
            except VnValueError:
                out_of = None  # said by the targets sheet's own checks
            return TargetFacts(shape, unit, int(out_of) if out_of else None, period.start, period.end)
        stored = self.targets[code]
        return TargetFacts(shape, stored.unit, stored.rank_out_of, period.start, period.end)

    def _may_enter(self, code: str, org_code: str) -> bool:
        """Readings of a stored target are judged by its stored owner, of a new one by the sheet's."""
        stored = self.targets.get(code)
        if stored is not None:
            return self.allows(stored.organisation, Action.ENTER)
        return self.may(org_code, Action.ENTER)

    def validate_readings(self) -> None:
        sheet = self.sheets.get("readings")
        seen: dict[tuple[str, Any], int] = {}
        for number, r in sheet.rows if sheet else []:
            code = _text(r.get("target_code"))
            info = self._target_info(code) if code else None
            if not code:
                self.problem("readings", number, "target_code", "Bắt buộc nhập.")
            elif info is None:
                self.missing("readings", number, "target_code", code, f"Không có chỉ tiêu mã «{code}».")
            elif not self._may_enter(code, info[0]):
                self.refuse("readings", number, "target_code", code)
                info = None  # nothing more is said of a target outside the scope, not even its period
            cut_off = self.field("readings", number, r, "cut_off", _date, required=True)
            if info is None:
                continue
            _org_code, period_code, shape = info
            if is_yes_no(shape):
                done, value = self.field("readings", number, r, "value", _bool, required=True), None
            else:
                done, value = None, self.field("readings", number, r, "value", _decimal, required=True)
            previous = self.field("readings", number, r, "previous", _decimal)
            try:
                period = parse_period(period_code)
            except PeriodError:
                period = None
            if period is not None and (done is not None or value is not None):
                # The checks every path applies (targets.outcomes.checks), with their messages.
                problems = reading_problems(
                    self._read_target(code, period, shape),
                    cut_off=cut_off,
                    value=value,
                    done=done,
                    previous=previous,
                )
                for column, message in problems.items():
                    self.problem("readings", number, column, message)
            key = (code, cut_off)
            if key in seen:
                self.problem("readings", number, "cut_off", f"Trùng chỉ tiêu và ngày với dòng {seen[key]}.")
            seen.setdefault(key, number)

    def save_targets(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        pending = list(rows)
        # Parents before children: a few passes settle any order in the sheet.
        for _round in range(len(pending) + 1):
            if not pending:
                break
            later = []
            for number, r in pending:
                parent = _text(r.get("parent_code"))
                if parent and parent not in self.targets:
                    later.append((number, r))
                    continue
                self._save_target(r)
            pending = later

    def _save_target(self, r: dict[str, Any]) -> None:
        code = _text(r.get("code"))
        document = _text(r.get("document_number"))
        parent = _text(r.get("parent_code"))
        out_of = _decimal(r.get("rank_out_of"))
        strict = _bool(r.get("strict"))
        fields: dict[str, Any] = {
            "title": _text(r.get("title")),
            "period": parse_period(_text(r.get("period"))).code,
            "shape": _text(r.get("shape")),
            "unit": _text(r.get("unit")),
            "planned": _decimal(r.get("planned")),
            "planned_low": _decimal(r.get("planned_low")),
            "planned_high": _decimal(r.get("planned_high")),
            "baseline": _decimal(r.get("baseline")),
            "reduction_unit": _text(r.get("reduction_unit")) or ReductionUnit.POINTS,
            "strict": True if strict is None else strict,
            "rank_out_of": int(out_of) if out_of is not None else None,
            "document": self.documents[sheets_documents.reference_known(document, self.documents) or ""]
            if document
            else None,
            "parent": self.targets[parent] if parent else None,
            "source": sheets_sources.source_of(r),
        }
        position = _decimal(r.get("position"))
        if position is not None:  # a workbook without the column keeps the stored order
            fields["position"] = int(position)
        existing = self.targets.get(code)
        organisation = self.orgs[_text(r.get("organisation_code"))]
        if existing is None:
            self.targets[code] = target_services.target_create(
                code=code, organisation=organisation, acting_user=self.user, **fields
            )
            self.count("targets", True)
            return
        current = {k: getattr(existing, k) for k in fields}
        if any(_differs(current[k], v) for k, v in fields.items()):
            self.targets[code] = target_services.target_update(
                target=existing, acting_user=self.user, **fields
            )
            self.count("targets", False)

    def save_readings(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        items = []
        for _n, r in rows:
            target = self.targets[_text(r.get("target_code"))]
            boolean = target.yes_no
            cut_off = _date(r.get("cut_off"))
            assert cut_off is not None
            items.append(
                target_services.ReadingInput(
                    target=target,
                    cut_off=cut_off,
                    value=None if boolean else _decimal(r.get("value")),
                    done=_bool(r.get("value")) if boolean else None,
                    previous=_decimal(r.get("previous")),
                    note=_text(r.get("note")),
                    reason="Nhập từ tệp Excel",
                )
            )
        recorded, corrected = target_services.readings_record_many(items=items, acting_user=self.user)
        if recorded:
            self.result.created["readings"] = recorded
        if corrected:
            self.result.updated["readings"] = corrected
