"""Every form of the product, fed hypothesis-generated junk through the page that uses it.

For each example: no exception and no 500; when the form refuses, nothing at all changed (no row, no audit
row); every message shown is Vietnamese. A form class added to one of the apps without a case here fails
test_every_form_is_fuzzed.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.contrib.messages.constants import ERROR
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import Tree
from tests.test_foreign_ids import Objects, make_objects

FORM_MODULES = (
    "committees.forms",
    "resolutions.forms",
    "targets.forms",
    "reports.forms",
    "exchange.forms",
)

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "9" * 400,
    "1e400",
    "NaN",
    "Infinity",
    "-0",
    "1.234,5",
    "1,234.5",
    "168.9",
    "23.000",
    "66,5%",
    "31/2/2024",
    "29/2/2023",
    "0/0/0",
    "1/1/10000",
    "2024-13-01",
    "30/6/2024",
    "1/1/0001",
    "\0",
    "a\0b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE targets_target; --",
    "Nguyễn Văn Đức",
    "Đảng bộ Sở Y tế",
    "=1+1",
    "@SUM(A1)",
    "x" * 5000,
    "🙂",
    "\u202eabc",
    "2024-H1",
    "2024",
    "2020-2025",
    "32-CT/TU",
    "Số 15-bc/ĐU",
    "official",
    "estimate",
    "yes",
    "no",
]
VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@dataclass
class Case:
    user: str
    url: Callable[[Objects], str]
    fields: Callable[[Objects], dict[str, list[Any]]]  # field → extra values worth trying (valid ids…)
    method: str = "post"
    htmx: bool = False
    fixed: dict[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()


def _ids(*objects: Any) -> list[Any]:
    return [obj.pk for obj in objects] + [999_999, "abc", -1]


TARGET = lambda o: {  # noqa: E731
    "code": ["T", "T-MOI", "T/X"],
    "title": ["Chỉ tiêu mới"],
    "period": ["2024", "2024-H1", "2025", "2020-2025", "2024-Q5"],
    "shape": ["count", "quantity", "rate_floor", "rate_ceiling", "range", "reduction", "rank", "milestone"],
    "unit": ["%", "người"],
    "planned": ["25", "66,5"],
    "planned_low": ["1"],
    "planned_high": ["2"],
    "baseline": ["10"],
    "reduction_unit": ["points", "percent"],
    "strict": ["on"],
    "rank_out_of": ["63"],
    "document": _ids(o.document, o.foreign_document),
    "parent": _ids(o.target, o.foreign_target),
    "position": ["0", "1"],
}
MEETING = lambda o: {  # noqa: E731
    "organisation": _ids(o.tree.dept, o.tree.sibling),
    "term": _ids(o.foreign_term),
    "number": ["1", "12"],
    "extended": ["on"],
    "held_on": ["4/7/2024"],
    "place": ["Hội trường"],
    "chair": ["Bí thư"],
    "agenda": ["Nội dung"],
    "conclusions": ["Kết luận", "1. Một\n2. Hai"],
    "kind": ["bch", "btv", "cell", "inspection", "khac"],
    "secretary": ["Trần Thị Thu"],
    "discussion": ["Ý kiến"],
    "notice_number": ["05-TB/ĐU", "5-TB/ĐU", "32-CT/ĐU", "…-TB/ĐU", "abc"],
    "notice_dated": ["5/7/2024", "31/2/2024"],
    "notice_signer_authority": ["T/M BAN THƯỜNG VỤ"],
    "notice_signer_title": ["PHÓ BÍ THƯ"],
    "notice_signer_name": ["Nguyễn Văn An"],
    "att-TOTAL_FORMS": ["0", "1", "3", "100000", "-1"],
    "att-INITIAL_FORMS": ["0", "1"],
    "att-0-name": ["Nguyễn Văn An"],
    "att-0-title": ["Bí thư"],
    "att-0-invited": ["on"],
}

CASES: dict[str, Case] = {
    "committees.forms.MemberForm": Case(
        "alice",
        lambda o: reverse("committees:member_create"),
        lambda o: {
            "full_name": ["Lê Văn Cường"],
            "gender": ["male", "female"],
            "birth_date": ["21/3/1985"],
            "ethnicity": ["Kinh", "Tày"],
            "religion": [""],
            "organisation": _ids(o.tree.cell, o.tree.sibling_cell),
            "admitted_on": ["2/3/2010"],
            "official_on": ["2/3/2011"],
            "status": ["official", "probationary"],
        },
    ),
    "committees.forms.RatingForm": Case(
        "alice",
        lambda o: reverse("committees:organisation_ratings", args=[o.tree.dept.pk]),
        lambda o: {
            "organisation": _ids(o.tree.cell, o.tree.sibling),
            "year": ["2024", "2025", "1929"],
            "level": ["httnv", "htxsnv", "khtnv", "htnv"],
            "score": ["85,5", "101"],
        },
    ),
    "resolutions.forms.DocumentForm": Case(
        "alice",
        lambda o: reverse("resolutions:document_create"),
        lambda o: {
            "raw_number": ["11-NQ/ĐU", "32-ct/tu", "10/CT-UBND"],
            "confirm_suggestion": ["on"],
            "title": ["Nghị quyết"],
            "issued_on": ["21/3/2024"],
            "issuer_name": ["Ban Thường vụ"],
            "organisation": _ids(o.tree.dept, o.tree.sibling),
            "term_label": ["2020-2025"],
            "implements": _ids(o.document, o.foreign_document),
            "link_kind": ["implements", "replaces", "guides", "amends"],
        },
        files=("attachment",),
    ),
    "resolutions.forms.DocumentEditForm": Case(
        "alice",
        lambda o: reverse("resolutions:document_edit", args=[o.document.pk]),
        lambda o: {
            "raw_number": ["", "12-NQ/ĐU", "Số   -NQ/ĐU", "32-ct/tu", "abc"],
            "citation": ["", "Nghị quyết Đại hội XIII"],
            "title": ["Nghị quyết"],
            "issued_on": ["21/3/2024", "31/2/2024"],
            "issuing_body": ["1", "999999", "abc"],
            "status": ["draft", "in_force", "replaced", "expired", "xyz"],
            "term_label": ["2020-2025"],
        },
    ),
    "resolutions.forms.TaskForm": Case(
        "alice",
        lambda o: reverse("resolutions:task_create"),
        lambda o: {
            "title": ["Việc mới"],
            "organisation": _ids(o.tree.cell, o.tree.sibling),
            "lead_unit": ["Báo Người Lao Động"],
            "co_units": ["Công đoàn Sở; Sở Nội vụ"],
            "document": _ids(o.document, o.foreign_document),
            "bases": _ids(o.document, o.foreign_document),
            "co_organisations": _ids(o.tree.cell2, o.tree.sibling_cell),
            "due_on": ["31/12/2024", "31/13/2024"],
            "done_on": ["1/6/2024", "1/6/2999"],
            "code": ["NV-1", ""],
        },
    ),
    "resolutions.forms.TaskDoneForm": Case(
        "alice",
        lambda o: reverse("resolutions:task_done", args=[o.task.pk]),
        lambda o: {"done_on": ["2/5/2024"]},
        htmx=True,
    ),
    "resolutions.forms.PasteForm": Case(
        "alice",
        lambda o: reverse("resolutions:paste_find"),
        lambda o: {"text": ["Theo 32-CT/TU và 10/CT-UBND"]},
    ),
    "targets.forms.ReadingEntryForm": Case(
        "alice",
        lambda o: reverse("targets:entry_save", args=[o.target.pk]),
        lambda o: {
            "value": ["12", "1.885,4"],
            "done": ["yes", "no"],
            "previous": ["10"],
            "kind": ["official", "estimate"],
            "cut_off": ["30/6/2024", "1/1/2025"],
            "note": ["ghi chú"],
            "reason": ["điều chỉnh"],
            "expected": ["0", "1"],
        },
        htmx=True,
    ),
    "targets.forms.TargetForm": Case(
        "alice", lambda o: reverse("targets:target_create", args=[o.tree.dept.pk]), TARGET
    ),
    "targets.forms.SplitForm": Case(
        "alice",
        lambda o: reverse("targets:target_split", args=[o.target.pk]),
        lambda o: {
            f"org_{o.tree.cell.pk}": ["4"],
            f"org_{o.tree.grassroots.pk}": ["6"],
            f"org_{o.tree.sibling.pk}": ["3"],
        },
    ),
    "targets.forms.TransitionForm": Case(
        "alice",
        lambda o: reverse("targets:cycle_transition", args=[o.tree.dept.pk, "2024-H1", "submit"]),
        lambda o: {"comment": ["Đã đủ số liệu", "a" * 5000]},
    ),
    "targets.forms.NarrativeForm": Case(
        "alice",
        lambda o: reverse("targets:narrative_edit", args=[o.tree.dept.pk, "2024-H1"]),
        lambda o: {
            "results": ["Hoàn thành 9/10 chỉ tiêu."],
            "shortcomings": ["Còn chậm"],
            "causes": ["Thiếu người"],
            "directions": ["Tập trung"],
        },
    ),
    "targets.forms.CompletenessForm": Case(
        "bob",
        lambda o: reverse("targets:cycle_detail", args=[o.tree.dept.pk, "2024-H1"]),
        lambda o: {"show": ["", "pending", "late", "submitted", "returned", "approved"], "page": ["1", "2"]},
        method="get",
    ),
    "reports.forms.ReportCreateForm": Case(
        "carol",
        lambda o: reverse("reports:report_create"),
        lambda o: {
            "organisation": _ids(o.tree.dept, o.tree.sibling),
            "kind": ["semi_annual", "annual", "nine_months", "term_review"],
            "period": ["2024-H1", "2024", "2024-9M", "2020-2025"],
            "cut_off": ["30/6/2024"],
            "meeting": _ids(o.meeting, o.foreign_meeting),
        },
    ),
    "reports.forms.ReviewCreateForm": Case(
        "carol",
        lambda o: reverse("reports:review_create"),
        lambda o: {
            "organisation": _ids(o.tree.dept, o.tree.sibling),
            "document_number": ["32-CT/TU", "32/CT-TU", "07-CT/ĐU", "abc", ""],
            "issued_year": ["2024", "0", "abc"],
            "document": _ids(o.document, o.foreign_document),
            "stage": ["so_ket", "tong_ket", "khac"],
            "window_start": ["1/1/2024", "31/12/2030", "31/2/2024"],
            "cut_off": ["30/6/2024", "1/1/1900"],
        },
    ),
    "reports.forms.ConclusionTaskForm": Case(
        "carol",
        lambda o: reverse("reports:meeting_tasks", args=[o.meeting.pk]),
        lambda o: {
            "kl-TOTAL_FORMS": ["0", "1", "2", "100000", "-1"],
            "kl-INITIAL_FORMS": ["0", "1"],
            "kl-0-position": ["1", "2", "0", "-1", "abc"],
            "kl-0-take": ["on"],
            "kl-0-title": ["Hoàn chỉnh báo cáo"],
            "kl-0-organisation": _ids(o.tree.dept, o.tree.cell, o.tree.sibling),
            "kl-0-due_on": ["10/7/2024", "1/1/2000", "31/2/2024"],
        },
    ),
    "reports.forms.ReportEditForm": Case(
        "carol",
        lambda o: reverse("reports:report_edit", args=[o.report.pk]),
        lambda o: {
            "title": ["Báo cáo"],
            "cut_off": ["30/6/2024"],
            "place": ["TP. Hồ Chí Minh"],
            "dated": ["5/7/2024"],
            "signer_authority": ["T/M ĐẢNG ỦY"],
            "signer_title": ["BÍ THƯ"],
            "signer_name": ["Nguyễn Văn An"],
            "recipients": ["- Thành ủy"],
            "results": ["Đạt."],
            "limitations": [""],
            "directions": [""],
            "recommendations": [""],
            "rounding": ["half_up", "truncate"],
            "meetings": _ids(o.meeting, o.foreign_meeting),
        },
    ),
    "reports.forms.ReportIssueForm": Case(
        "carol",
        lambda o: reverse("reports:report_issue", args=[o.report.pk]),
        lambda o: {"number": ["15-BC/ĐU", "Số 15-bc/ĐU"], "dated": ["5/7/2024"]},
    ),
    "reports.forms.MeetingForm": Case("carol", lambda o: reverse("reports:meeting_create"), MEETING),
    "reports.forms.MeetingOrganisationForm": Case(
        "carol", lambda o: reverse("reports:meeting_create"), MEETING
    ),
    "reports.forms.AttendeeForm": Case("carol", lambda o: reverse("reports:meeting_create"), MEETING),
    "exchange.forms.UploadForm": Case(
        "alice", lambda o: reverse("exchange:workbook"), lambda o: {}, files=("file",)
    ),
    "exchange.forms.ExportForm": Case(
        "alice",
        lambda o: reverse("exchange:workbook_export"),
        lambda o: {"organisation": _ids(o.tree.dept, o.tree.sibling), "cut_off": ["30/6/2024"]},
        method="get",
    ),
}


@pytest.fixture
def objects(
    tree: Tree, alice: User, bob: User, carol: User, dave: User, settings: Any, tmp_path: Any
) -> Objects:
    settings.MEDIA_ROOT = tmp_path
    return make_objects(tree)


def _form_classes() -> set[str]:
    found = set()
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for attr, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.add(f"{name}.{attr}")
    return found


def test_every_form_is_fuzzed() -> None:
    missing = _form_classes() - set(CASES)
    assert not missing, f"add these forms to CASES: {sorted(missing)}"
    assert not set(CASES) - _form_classes()


def _state() -> tuple[int, ...]:
    models = [
        m
        for label in ("committees", "resolutions", "targets", "reports")
        for m in apps.get_app_config(label).get_models()
    ]
    return tuple(m._default_manager.count() for m in models)


def _form_errors(context: Any) -> list[str]:
    if context is None:
        return []
    errors: list[str] = []
    values: dict[int, Any] = {}
    for one in context if isinstance(context, list) else [context]:
        values.update((id(v), v) for v in one.flatten().values())
    for value in values.values():
        if isinstance(value, forms.BaseForm) and value.is_bound:
            errors += [str(e) for field_errors in value.errors.values() for e in field_errors]
        elif isinstance(value, BaseFormSet) and value.is_bound:
            errors += [str(e) for e in value.non_form_errors()]
            for form in value.forms:
                errors += [str(e) for field_errors in form.errors.values() for e in field_errors]
    return errors


def _vietnamese(message: str) -> bool:
    return any(ord(ch) > 127 for ch in message)


FILES = st.one_of(
    st.binary(max_size=3000),
    st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.7", b"\0" * 100, b"<script>alert(1)</script>"]),
)
FILE_NAMES = st.sampled_from(
    ["bang.xlsx", "x.exe", "../../etc/passwd", "a\0b.xlsx", "văn bản.pdf", ".xlsx", "x" * 300]
)


@pytest.mark.parametrize("name", sorted(CASES))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # Each example is a request against the database: shrinking a failure would take minutes, and the
    # unshrunk example (printed in full) is readable enough.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=st.data())
def test_junk_through_every_form(client: Client, objects: Objects, name: str, data: st.DataObject) -> None:
    o = objects
    case = CASES[name]
    client.force_login(User.objects.get(username=case.user))
    extra = case.fields(o)
    payload: dict[str, Any] = {}
    for key, values in extra.items():
        choice = data.draw(st.one_of(VALUE, st.sampled_from(values)) if values else VALUE, label=key)
        if choice != "" or data.draw(st.booleans(), label=f"{key} sent"):
            payload[key] = str(choice)
    if case.method == "post":
        for key in case.files:
            if data.draw(st.booleans(), label=f"{key} sent") or key == "file":
                content = data.draw(FILES, label=key)
                payload[key] = SimpleUploadedFile(data.draw(FILE_NAMES, label=f"{key} name"), content)
    before = _state()
    headers = {"HX-Request": "true"} if case.htmx else {}
    response = getattr(client, case.method)(case.url(o), payload, headers=headers)
    assert response.status_code < 500
    errors = _form_errors(response.context)
    if case.method == "post" and response.status_code in (301, 302):
        # Only what this request said: earlier redirects' messages wait unread in the cookie.
        queued = get_messages(response.wsgi_request)._queued_messages  # type: ignore[union-attr]
        errors += [str(m) for m in queued if m.level == ERROR]
    if errors or case.method == "get" or name.endswith("PasteForm"):
        assert _state() == before, (name, payload, errors)
    for message in errors:
        assert _vietnamese(message), (name, message)


def test_huge_ids_in_a_multiple_choice_are_a_form_error(client: Client, objects: Objects) -> None:
    o = objects
    """Found by the fuzzing above: an id past 64 bits crashed the IN (…) query of the meetings choice."""
    client.force_login(User.objects.get(username="carol"))
    before = _state()
    response = client.post(
        reverse("reports:report_edit", args=[o.report.pk]),
        {"title": "x", "cut_off": "30/6/2024", "rounding": "half_up", "meetings": ["9" * 40, "-" + "9" * 30]},
    )
    assert response.status_code == 200
    assert _state() == before
    assert "lựa chọn hợp lệ" in " ".join(_form_errors(response.context))


def test_django_messages_missing_from_its_catalogue_are_vietnamese(client: Client, objects: Objects) -> None:
    o = objects
    """NUL characters and a tampered formset: Django has no Vietnamese for these; locale/vi fills them."""
    client.force_login(User.objects.get(username="carol"))
    response = client.post(
        reverse("reports:meeting_create"),
        {"organisation": o.tree.dept.pk, "held_on": "4/7/2024", "place": "a\0b"},
    )
    errors = " ".join(_form_errors(response.context))
    assert "Không được nhập ký tự rỗng (NUL)." in errors
    assert "Dữ liệu của biểu mẫu bị thiếu hoặc đã bị sửa đổi" in errors
