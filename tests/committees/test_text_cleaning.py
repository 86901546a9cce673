"""Text people type (issue 19, finding 8): names and titles are stored in NFC without bidi or zero-width
controls, whatever path they come by; codes holding an invisible character or a look-alike letter are
refused with a Vietnamese message, through the form, the services and the workbook import."""

from __future__ import annotations

import unicodedata
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from committees import services as org_services
from committees.models import AuditEntry, Organisation
from core.fields import validate_code
from core.vn import INVISIBLE, clean_text, fold
from exchange.workbook import import_workbook
from resolutions.models import Document
from targets import services as target_services
from targets.models import Reading, Target
from tests.api.conftest import token_client
from tests.conftest import Tree
from tests.test_workbook import TARGET_HEADER, book

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: shows what follows reversed
ZWSP = "\u200b"
CYRILLIC_A = "\u0410"


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- the one function -----------------------------------------------------------------------------


def test_clean_text_drops_controls_composes_and_collapses() -> None:
    assert clean_text(f"năm{RLO} 2025") == "năm 2025"
    assert clean_text(_nfd("Nguyễn Thị Ánh")) == "Nguyễn Thị Ánh"
    assert len(clean_text(_nfd("Ánh"))) == 3
    assert clean_text("\u2066a\u2069\u200fb\u061c\ufeff  c\u00a0\u2060 ") == "ab c"
    assert clean_text("dòng 1\u202e  \r\n\n\n\ndòng  2", multiline=True) == "dòng 1\n\ndòng 2"


@given(st.text())
def test_clean_text_is_idempotent_and_leaves_no_control(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert not set(cleaned) & INVISIBLE
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("code", ["TU-HCM", "ĐUCS", "Ấp_Mới.1", "32-CT/TU", "TTg", "T1"])
def test_codes_in_the_alphabet_pass(code: str) -> None:
    validate_code(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (f"T{ZWSP}1", "Mã «T1» có ký tự ẩn U+200B ZERO WIDTH SPACE"),
        (f"T{CYRILLIC_A}", "chữ «А» (U+0410 CYRILLIC CAPITAL LETTER A) trông giống chữ Latinh"),
        ("ΤU", "U+03A4 GREEK CAPITAL LETTER TAU"),
        ("Ｔ1", "U+FF34 FULLWIDTH LATIN CAPITAL LETTER T"),
        ("ÐU", "U+00D0 LATIN CAPITAL LETTER ETH"),
        ("T 1", "ký tự « » (U+0020 SPACE) không dùng được"),
        ("T=1", "mã chỉ gồm chữ cái, chữ số và các dấu - / . _"),
    ],
)
def test_codes_with_invisible_or_look_alike_characters_are_refused(code: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_code(code)
    assert message in refused.value.messages[0]


# --- through the form ------------------------------------------------------------------------------


def test_a_title_typed_with_a_bidi_override_or_decomposed_is_saved_clean(
    client: Client, tree: Tree, alice: Any
) -> None:
    client.force_login(alice)
    response = client.post(
        reverse("resolutions:document_create"),
        {
            "raw_number": "05-NQ/ĐU",
            "title": f"Nghị quyết năm{RLO} 2025 về  {_nfd('công tác')}",
            "issuer_name": _nfd("Ban Thường vụ Đảng ủy") + ZWSP,
            "organisation": tree.dept.pk,
            "link_kind": "implements",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.title == "Nghị quyết năm 2025 về công tác"
    assert document.issuer_name == "Ban Thường vụ Đảng ủy"
    assert document.title_folded == "nghi quyet nam 2025 ve cong tac"


@pytest.mark.parametrize("code", [f"T{ZWSP}1", f"T{CYRILLIC_A}1"])
def test_a_target_code_with_an_invisible_or_cyrillic_letter_is_refused_by_the_form(
    client: Client, tree: Tree, alice: Any, code: str
) -> None:
    client.force_login(alice)
    before = (Target.objects.count(), AuditEntry.objects.count())
    response = client.post(
        reverse("targets:target_create", args=[tree.dept.pk]),
        {"code": code, "title": "Nội dung", "period": "2024", "shape": "count", "planned": "25"},
    )
    assert response.status_code == 200
    assert "Mã «T" in response.content.decode() and "hãy" in response.content.decode()
    assert (Target.objects.count(), AuditEntry.objects.count()) == before


def test_a_document_number_with_an_invisible_character_is_refused_by_the_form(
    client: Client, tree: Tree, alice: Any
) -> None:
    client.force_login(alice)
    response = client.post(
        reverse("resolutions:document_create"),
        {
            "raw_number": f"05-NQ/Đ{ZWSP}U",
            "title": "x",
            "organisation": tree.dept.pk,
            "link_kind": "implements",
        },
    )
    assert response.status_code == 200
    assert "Không nhận ra số, ký hiệu văn bản" in response.content.decode()
    assert not Document.objects.exists()


# --- through the services and any other write ------------------------------------------------------


def test_services_clean_names_and_refuse_bad_codes(tree: Tree) -> None:
    member = org_services.member_create(
        organisation=tree.cell, full_name=_nfd("Nguyễn  Văn Ánh") + RLO, gender="male", acting_user=None
    )
    assert member.full_name == "Nguyễn Văn Ánh"
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Văn Ánh" and member.full_name_folded == "nguyen van anh"
    with pytest.raises(ValidationError) as refused:
        org_services.organisation_create(
            code=f"CB-{CYRILLIC_A}", kind="cell", name="Chi bộ", parent=tree.dept, acting_user=None
        )
    assert "code" in refused.value.message_dict
    assert not Organisation.objects.filter(name="Chi bộ").exists()


def test_a_bulk_update_is_cleaned_too(tree: Tree) -> None:
    target = target_services.target_create(
        code="T1",
        organisation=tree.dept,
        title="a",
        period="2024",
        shape="count",
        planned=D(5),
        acting_user=None,
    )
    Target.objects.filter(pk=target.pk).update(title=f"năm{RLO} 2025")
    target.refresh_from_db()
    assert target.title == "năm 2025"


# --- through the workbook import and the API -------------------------------------------------------


@pytest.mark.parametrize("code", [f"T{ZWSP}1", f"T{CYRILLIC_A}"])
def test_the_workbook_import_refuses_a_bad_target_code_and_changes_nothing(tree: Tree, code: str) -> None:
    before = (Target.objects.count(), AuditEntry.objects.count())
    result = import_workbook(
        book(targets=[TARGET_HEADER, [code, "SLDTBXH", "Nội dung", "count", "2024", "", "5"]]),
        acting_user=None,
    )
    assert not result.ok
    assert any("Mã «T" in p.message for p in result.problems), result.problems
    assert (Target.objects.count(), AuditEntry.objects.count()) == before


def test_the_workbook_import_refuses_a_bad_organisation_code(tree: Tree) -> None:
    result = import_workbook(
        book(
            organisations=[
                ["code", "name", "kind", "parent_code"],
                [f"CB{ZWSP}X", "Chi bộ X", "cell", "SLDTBXH"],
            ]
        ),
        acting_user=None,
    )
    assert not result.ok and any("ký tự ẩn" in p.message for p in result.problems), result.problems
    assert not Organisation.objects.filter(name="Chi bộ X").exists()


def test_the_workbook_import_cleans_titles(tree: Tree) -> None:
    result = import_workbook(
        book(
            targets=[
                TARGET_HEADER,
                ["T1", "SLDTBXH", f"Kết nạp{RLO} {_nfd('đảng viên')}", "count", "2024", "", "5"],
            ]
        ),
        acting_user=None,
    )
    assert result.ok, result.problems
    assert Target.objects.get().title == "Kết nạp đảng viên"


def test_a_note_recorded_through_the_api_is_cleaned(tree: Tree, alice: Any) -> None:
    target = target_services.target_create(
        code="T1",
        organisation=tree.dept,
        title="Nội dung",
        period="2024",
        shape="count",
        planned=D(25),
        acting_user=None,
    )
    response = token_client(alice).post(
        reverse("api:reading-list"),
        {"target": target.pk, "cut_off": "2024-06-30", "value": "15", "note": f"quý{RLO} II {_nfd('ổn')}"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Reading.objects.get().note == "quý II ổn"
    assert response.json()["note"] == "quý II ổn"


def test_fold_matches_the_cleaned_text() -> None:
    assert fold(f"Năm{RLO}  2025") == fold("Năm 2025") == "nam 2025"
