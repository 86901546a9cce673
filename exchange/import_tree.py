"""The organisations and members sheets: validation, then saving through the committees services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from committees import services as org_services
from committees.access import Action
from committees.models import Member, MemberStatus

if TYPE_CHECKING:
    pass

from exchange.importer_base import ImporterBase
from exchange.sheets import _GENDERS, CODED, _date, _text


class TreeSheets(ImporterBase):
    def validate_organisations(self) -> None:
        sheet = self.sheets.get("organisations")
        if not sheet:
            return
        self._unique("organisations", sheet.rows, "code")
        for number, r in sheet.rows:
            code = _text(r.get("code"))
            if code and code not in self.orgs:
                self.new_orgs[code] = {"parent_code": _text(r.get("parent_code")), "row": number}
        for number, r in sheet.rows:
            code, kind, parent = _text(r.get("code")), _text(r.get("kind")), _text(r.get("parent_code"))
            for key in ("code", "name", "kind"):
                if not _text(r.get(key)):
                    self.problem("organisations", number, key, "Bắt buộc nhập.")
            if kind and kind not in CODED[("organisations", "kind")]:
                self.problem("organisations", number, "kind", f"Loại tổ chức «{kind}» không hợp lệ.")
            if parent and not self.org_known(parent):
                self.missing(
                    "organisations", number, "parent_code", parent, f"Không có tổ chức mã «{parent}»."
                )
            if parent == code and code:
                self.problem(
                    "organisations", number, "parent_code", "Tổ chức không thể là cấp trên của chính nó."
                )
            if code:
                self._organisation_scope(number, code, parent, r)
        self._order_new_orgs()

    def _organisation_scope(self, number: int, code: str, parent: str, r: dict[str, Any]) -> None:
        """A stored organisation is changed by an admin of it; a new one is created by an admin above it."""
        if code in self.orgs:
            if self._org_changed(code, r) and not self.may(code, Action.ADMIN):
                self.refuse("organisations", number, "code", code)
            elif parent in self.orgs and not self.reads(self.orgs[parent]):
                self.refuse("organisations", number, "parent_code", parent)
        elif not parent:
            if not self.may(code, Action.ADMIN):  # a new root: the operator's or a superuser's to create
                self.refuse("organisations", number, "code", code)
        elif self.org_known(parent) and not self.may(parent, Action.ADMIN):
            self.refuse("organisations", number, "parent_code", parent)

    def _org_changed(self, code: str, r: dict[str, Any]) -> bool:
        existing = self.orgs[code]
        return any(
            _text(r.get(k)) != getattr(existing, k)
            for k in ("name", "kind", "committee_name", "issuer_code", "place_name")
        )

    def _order_new_orgs(self) -> None:
        """New organisations must be creatable parents first; a cycle among them is an error."""
        placed: list[str] = []
        pending = dict(self.new_orgs)
        while pending:
            ready = [c for c, v in pending.items() if not v["parent_code"] or v["parent_code"] not in pending]
            if not ready:
                for code, v in pending.items():
                    self.problem(
                        "organisations", v["row"], "parent_code", f"Vòng lặp cấp trên ở tổ chức «{code}»."
                    )
                return
            for code in ready:
                placed.append(code)
                del pending[code]
        self.org_order = placed

    def validate_members(self) -> None:
        sheet = self.sheets.get("members")
        for number, r in sheet.rows if sheet else []:
            code = _text(r.get("organisation_code"))
            if not code:
                self.problem("members", number, "organisation_code", "Bắt buộc nhập.")
            else:  # members are matched inside this organisation: it is also their owner
                self.org_in_scope("members", number, "organisation_code", code, Action.MANAGE)
            if not _text(r.get("full_name")):
                self.problem("members", number, "full_name", "Bắt buộc nhập.")
            gender = _text(r.get("gender")).lower()
            if gender not in _GENDERS:
                self.problem("members", number, "gender", "Giới tính phải là nam hoặc nữ.")
            status = _text(r.get("status"))
            if status and status not in CODED[("members", "status")]:
                self.problem("members", number, "status", f"Tình trạng «{status}» không hợp lệ.")
            for key in ("birth_date", "admitted_on", "official_on"):
                self.field("members", number, r, key, _date)

    def save_organisations(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        by_code = {_text(r.get("code")): r for _n, r in rows}
        for code in getattr(self, "org_order", []):
            r = by_code[code]
            parent = _text(r.get("parent_code"))
            self.orgs[code] = org_services.organisation_create(
                code=code,
                kind=_text(r.get("kind")),
                name=_text(r.get("name")),
                parent=self.orgs[parent] if parent else None,
                committee_name=_text(r.get("committee_name")),
                issuer_code=_text(r.get("issuer_code")),
                place_name=_text(r.get("place_name")),
                acting_user=self.user,
            )
            self.count("organisations", True)
        for code, r in by_code.items():
            if code in self.new_orgs:
                continue
            if self._org_changed(code, r):
                changes = {
                    k: _text(r.get(k))
                    for k in ("name", "kind", "committee_name", "issuer_code", "place_name")
                }
                org_services.organisation_update(
                    organisation=self.orgs[code], acting_user=self.user, **changes
                )
                self.count("organisations", False)

    def save_members(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        for _n, r in rows:
            organisation = self.orgs[_text(r.get("organisation_code"))]
            fields: dict[str, Any] = {
                "gender": _GENDERS[_text(r.get("gender")).lower()],
                "birth_date": _date(r.get("birth_date")),
                "ethnicity": _text(r.get("ethnicity")) or "Kinh",
                "religion": _text(r.get("religion")),
                "admitted_on": _date(r.get("admitted_on")),
                "official_on": _date(r.get("official_on")),
                "status": _text(r.get("status")) or MemberStatus.OFFICIAL,
            }
            name = _text(r.get("full_name"))
            existing = Member.objects.filter(
                organisation=organisation, full_name=name, birth_date=fields["birth_date"]
            ).first()
            if existing is None:
                org_services.member_create(
                    organisation=organisation, full_name=name, acting_user=self.user, **fields
                )
                self.count("members", True)
            elif any(getattr(existing, k) != v for k, v in fields.items()):
                org_services.member_update(member=existing, acting_user=self.user, **fields)
                self.count("members", False)
