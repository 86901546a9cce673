"""Issue 21, documents and tasks: one record of a superior document shared by the committees below,
issuers outside the tree, documents known only by a citation, status, tasks on several bases or none.

alice is staff of the department (under the city), dave staff of its sibling; erin admin of the city.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import BodyKind, Position
from resolutions import services
from resolutions.models import Document, DocumentLink, DocumentStatus, IssuingBody, LinkKind, Task
from tests.conftest import Tree

CITY_TITLE = "về tiếp tục đổi mới, sắp xếp tổ chức bộ máy"
DEPT_TITLE = "về phòng, chống lãng phí tại Sở Lao động"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def city_resolution(tree: Tree) -> Document:
    return services.document_create(
        raw_number="18-NQ/TW",
        title=CITY_TITLE,
        organisation=tree.city,
        issuing_body=IssuingBody.objects.get(code="BCHTW"),
        term_label="XII",
        issued_on=date(2017, 10, 25),
        acting_user=None,
    )


# --- (1) shared documents ---------------------------------------------------------------------------


def test_the_department_reads_the_city_record_and_attaches_its_own_task(
    tree: Tree, city_resolution: Document, alice: User, dave: User
) -> None:
    client = _client(alice)
    page = client.get(reverse("resolutions:document_detail", args=[city_resolution.pk]))
    assert page.status_code == 200 and CITY_TITLE in page.content.decode()
    response = client.post(
        reverse("resolutions:task_create"),
        {
            "title": "Sắp xếp các phòng chuyên môn",
            "organisation": tree.cell.pk,
            "document": city_resolution.pk,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Sắp xếp các phòng chuyên môn")
    assert task.document == city_resolution and task.organisation == tree.cell
    assert "Sắp xếp các phòng chuyên môn" in client.get(page.request["PATH_INFO"]).content.decode()
    # The sibling reads the same record but not the department's task.
    body = (
        _client(dave).get(reverse("resolutions:document_detail", args=[city_resolution.pk])).content.decode()
    )
    assert CITY_TITLE in body and "Sắp xếp các phòng chuyên môn" not in body
    # Nobody below changes the city's record.
    assert client.get(reverse("resolutions:document_edit", args=[city_resolution.pk])).status_code == 404
    assert (
        client.post(
            reverse("resolutions:document_edit", args=[city_resolution.pk]),
            {"title": "Đổi", "raw_number": ""},
        ).status_code
        == 404
    )
    assert Document.objects.get(pk=city_resolution.pk).title == CITY_TITLE


def test_typing_the_number_again_links_the_record_the_person_may_see(
    tree: Tree, city_resolution: Document, alice: User
) -> None:
    before = Document.objects.count()
    response = _client(alice).post(
        reverse("resolutions:document_create"),
        {
            "raw_number": "18-NQ/TW",
            "title": "nhập lại",
            "organisation": tree.dept.pk,
            "term_label": "XII",
            "link_kind": "implements",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and Document.objects.count() == before
    assert "Constraint" not in body and "violated" not in body
    assert "Số, ký hiệu 18-NQ/TW đã được ghi nhận." in body
    assert reverse("resolutions:document_detail", args=[city_resolution.pk]) in body


def test_typing_a_number_kept_elsewhere_reveals_nothing_of_it(tree: Tree, dave: User) -> None:
    hidden = services.document_create(
        raw_number="45-KH/ĐU", title=DEPT_TITLE, organisation=tree.dept, acting_user=None
    )
    before = Document.objects.count()
    response = _client(dave).post(
        reverse("resolutions:document_create"),
        {
            "raw_number": "45-KH/ĐU",
            "title": "của Sở Y tế",
            "organisation": tree.sibling.pk,
            "link_kind": "implements",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and Document.objects.count() == before
    assert "bạn không có quyền xem văn bản đó" in body
    assert DEPT_TITLE not in body and "Lao động" not in body
    assert reverse("resolutions:document_detail", args=[hidden.pk]) not in body
    assert "Constraint" not in body


def test_completing_a_number_onto_one_already_taken_is_refused_in_vietnamese(tree: Tree, alice: User) -> None:
    services.document_create(
        raw_number="45-KH/ĐU", title=DEPT_TITLE, organisation=tree.dept, acting_user=None
    )
    cited = services.document_create(
        raw_number="",
        citation="Kế hoạch 45",
        title="kế hoạch chưa rõ số",
        organisation=tree.dept,
        acting_user=None,
    )
    response = _client(alice).post(
        reverse("resolutions:document_edit", args=[cited.pk]),
        {"raw_number": "45-KH/ĐU", "citation": "Kế hoạch 45", "title": "kế hoạch chưa rõ số"},
    )
    assert response.status_code == 200
    assert "Số, ký hiệu 45-KH/ĐU đã được ghi nhận." in response.content.decode()
    assert Document.objects.get(pk=cited.pk).canonical_number == ""


# --- (2) issuing bodies -----------------------------------------------------------------------------


def test_the_central_bodies_are_seeded_and_a_politburo_document_is_not_the_city_s(
    tree: Tree, alice: User, erin: User
) -> None:
    assert {"BCT", "BCHTW", "BBT", "QH", "CP", "TTG"} <= set(
        IssuingBody.objects.values_list("code", flat=True)
    )
    politburo = IssuingBody.objects.get(code="BCT")
    response = _client(erin).post(
        reverse("resolutions:document_create"),
        {
            "raw_number": "35-KL/TW",
            "title": "về danh mục chức danh",
            "organisation": tree.city.pk,
            "issuing_body": politburo.pk,
            "term_label": "XIII",
            "link_kind": "implements",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(canonical_number="35-KL/TW")
    assert document.issuing_body == politburo and document.issuer_organisation is None
    body = _client(alice).get(reverse("resolutions:document_detail", args=[document.pk])).content.decode()
    assert "Bộ Chính trị" in body and "Thành ủy Thành phố Hồ Chí Minh" not in body


# --- (3) citations, (4) status ----------------------------------------------------------------------


def test_a_document_known_by_its_citation_is_searchable_linkable_and_completed_later(
    tree: Tree, alice: User
) -> None:
    client = _client(alice)
    response = client.post(
        reverse("resolutions:document_create"),
        {
            "raw_number": "",
            "citation": "Chỉ thị 18 của UBND",
            "title": "về tăng cường công tác giảm nghèo",
            "organisation": tree.dept.pk,
            "link_kind": "implements",
        },
    )
    assert response.status_code == 302
    cited = Document.objects.get(citation="Chỉ thị 18 của UBND")
    plan = services.document_create(
        raw_number="46-KH/ĐU", title="thực hiện Chỉ thị 18", organisation=tree.dept, acting_user=None
    )
    services.document_link(source=plan, target=cited, kind=LinkKind.IMPLEMENTS, acting_user=None)
    task = services.task_create(document=cited, organisation=tree.cell, title="Rà soát hộ", acting_user=None)
    listing = client.get(reverse("resolutions:document_list") + "?q=chi+thi+18+ubnd").content.decode()
    assert "Chỉ thị 18 của UBND" in listing
    # Neither a number nor a citation: refused in Vietnamese.
    refused = client.post(
        reverse("resolutions:document_create"),
        {"raw_number": "", "title": "x", "organisation": tree.dept.pk, "link_kind": "implements"},
    )
    assert refused.status_code == 200 and "Nhập số, ký hiệu hoặc cách trích dẫn" in refused.content.decode()
    # The number found later: the same record, its link and task kept.
    response = client.post(
        reverse("resolutions:document_edit", args=[cited.pk]),
        {
            "raw_number": "18/CT-UBND",
            "citation": "Chỉ thị 18 của UBND",
            "title": cited.title,
            "issued_on": "5/3/2024",
        },
    )
    assert response.status_code == 302
    cited.refresh_from_db()
    assert cited.canonical_number == "18/CT-UBND" and cited.system == "state" and cited.year == 2024
    assert DocumentLink.objects.filter(source=plan, target=cited).exists()
    assert Task.objects.get(pk=task.pk).document_id == cited.pk


def test_paste_to_find_lists_partial_citations_as_suggestions(tree: Tree, alice: User) -> None:
    congress = services.document_create(
        raw_number="",
        citation="Nghị quyết Đại hội XIII",
        title="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        organisation=tree.dept,
        acting_user=None,
    )
    text = (
        "Quán triệt Nghị quyết Đại hội XIII, Kết luận Hội nghị Trung ương 4 khóa XII và Chiến lược phát "
        "triển kinh tế - xã hội 2021–2030; Chỉ thị số 32-CT/TU ngày 21/3/2024. Năm 2024 đạt 15/25 nội dung."
    )
    body = _client(alice).post(reverse("resolutions:paste_find"), {"text": text}).content.decode()
    assert reverse("resolutions:document_detail", args=[congress.pk]) in body
    assert "Kết luận Hội nghị Trung ương 4 khóa XII" in body
    assert "Chiến lược phát triển kinh tế - xã hội 2021–2030" in body
    assert "citation=K%E1%BA%BFt" in body  # offered for creation by its citation
    assert "32-CT/TU" in body  # the full number is still found as a number


def test_a_draft_never_reads_in_force(tree: Tree, alice: User) -> None:
    response = _client(alice).post(
        reverse("resolutions:document_create"),
        {
            "raw_number": "Số    -NQ/ĐU",
            "title": "về công tác cán bộ (dự thảo)",
            "organisation": tree.dept.pk,
            "status": "in_force",
            "link_kind": "implements",
        },
    )
    assert response.status_code == 302
    draft = Document.objects.get(title="về công tác cán bộ (dự thảo)")
    assert draft.status == DocumentStatus.DRAFT
    body = _client(alice).get(reverse("resolutions:document_detail", args=[draft.pk])).content.decode()
    assert "Dự thảo" in body and "Đang hiệu lực" not in body
    services.document_update(document=draft, status=DocumentStatus.REPLACED, acting_user=None)
    assert Document.objects.get(pk=draft.pk).status == DocumentStatus.DRAFT


# --- (5) tasks --------------------------------------------------------------------------------------


def test_a_task_on_several_bases_or_none_led_outside_the_tree(
    tree: Tree, city_resolution: Document, alice: User
) -> None:
    plan = services.document_create(
        raw_number="46-KH/ĐU", title="kế hoạch của Sở", organisation=tree.dept, acting_user=None
    )
    client = _client(alice)
    response = client.post(
        reverse("resolutions:task_create"),
        {
            "title": "Tuyên truyền trên báo",
            "organisation": tree.dept.pk,
            "lead_unit": "Báo Người Lao Động",
            "co_units": "Công đoàn Sở; Sở Nội vụ",
            "document": plan.pk,
            "bases": [city_resolution.pk],
            "due_on": "31/12/2024",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Tuyên truyền trên báo")
    assert list(task.bases.all()) == [city_resolution]
    for document in (plan, city_resolution):
        body = client.get(reverse("resolutions:document_detail", args=[document.pk])).content.decode()
        assert "Tuyên truyền trên báo" in body and "Báo Người Lao Động" in body and "Sở Nội vụ" in body
    # A leader's instruction: no document at all.
    response = client.post(
        reverse("resolutions:task_create"),
        {"title": "Ý kiến chỉ đạo của đồng chí Bí thư", "organisation": tree.cell.pk},
    )
    assert response.status_code == 302
    listing = client.get(reverse("resolutions:task_list")).content.decode()
    assert "Ý kiến chỉ đạo của đồng chí Bí thư" in listing and "Ý kiến chỉ đạo</span>" in listing
    # Edited on its page; the audit keeps the change.
    instruction = Task.objects.get(title="Ý kiến chỉ đạo của đồng chí Bí thư")
    response = client.post(
        reverse("resolutions:task_edit", args=[instruction.pk]),
        {"title": "Ý kiến chỉ đạo của đồng chí Bí thư", "organisation": tree.cell.pk, "due_on": "30/9/2024"},
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=instruction.pk).due_on == date(2024, 9, 30)
    from committees.models import AuditEntry

    assert AuditEntry.objects.filter(action="task.update").count() == 1


# --- (6) positions ----------------------------------------------------------------------------------


def test_one_person_in_several_bodies_with_a_concurrent_state_post(tree: Tree, alice: User) -> None:
    member = org_services.member_create(
        organisation=tree.cell, full_name="Nguyễn Thị Hoa", gender="female", acting_user=None
    )
    term = org_services.term_create(organisation=tree.dept, start_year=2025, end_year=2030, acting_user=None)
    seats: tuple[tuple[str, str], ...] = (
        (BodyKind.BCH, Position.PHO_BI_THU_THUONG_TRUC),
        (BodyKind.BTV, Position.UY_VIEN_BTV),
        (BodyKind.THUONG_TRUC, Position.PHO_BI_THU_THUONG_TRUC),
    )
    for body, position in seats:
        org_services.seat_create(
            term=term,
            body=body,
            position=position,
            member=member,
            concurrent_post="Chủ tịch HĐND phường",
            acting_user=None,
        )
    body = _client(alice).get(reverse("committees:organisation_detail", args=[tree.dept.pk])).content.decode()
    assert body.count("Nguyễn Thị Hoa") >= 3
    assert (
        "Phó Bí thư Thường trực" in body and "Thường trực cấp ủy" in body and "Chủ tịch HĐND phường" in body
    )
    assert member.seats.count() == 3


def test_a_party_number_without_its_term_is_the_same_document_unless_the_years_differ(tree: Tree) -> None:
    services.document_create(
        raw_number="32-CT/TU",
        title=CITY_TITLE,
        organisation=tree.city,
        term_label="2022-2027",
        issued_on=date(2024, 3, 21),
        acting_user=None,
    )
    with pytest.raises(services.DuplicateNumber):
        services.document_create(
            raw_number="32-CT/TU",
            title="nhập lại",
            organisation=tree.dept,
            issued_on=date(2024, 5, 1),
            acting_user=None,
        )
    with pytest.raises(services.DuplicateNumber):  # no date: cannot be told apart either
        services.document_create(
            raw_number="32-CT/TU", title="nhập lại", organisation=tree.dept, acting_user=None
        )
    # Numbers restart each term: the same number of another year, or of another named term, is another document.
    services.document_create(
        raw_number="32-CT/TU",
        title="của năm 2017",
        organisation=tree.city,
        issued_on=date(2017, 1, 5),
        acting_user=None,
    )
    services.document_create(
        raw_number="32-CT/TU",
        title="khóa sau",
        organisation=tree.city,
        term_label="2027-2032",
        issued_on=date(2028, 2, 1),
        acting_user=None,
    )
    assert Document.objects.filter(canonical_number="32-CT/TU").count() == 3


def test_an_administrator_finds_and_adds_issuing_bodies_in_the_admin(erin: User) -> None:
    erin.is_staff = erin.is_superuser = True
    erin.save()
    client = _client(erin)
    listing = client.get(
        reverse("admin:resolutions_issuingbody_changelist"), {"q": "Chính trị"}
    ).content.decode()
    assert "Bộ Chính trị" in listing
    response = client.post(
        reverse("admin:resolutions_issuingbody_add"),
        {"code": "UBND-HCM", "name": "Ủy ban nhân dân Thành phố Hồ Chí Minh", "level": "local_state"},
    )
    assert response.status_code == 302
    assert IssuingBody.objects.get(code="UBND-HCM").level == "local_state"


@pytest.mark.parametrize("junk", ["²", "9" * 30, "-1", "abc"])
def test_junk_ids_in_a_task_s_bases_are_a_form_error(tree: Tree, alice: User, junk: str) -> None:
    response = _client(alice).post(
        reverse("resolutions:task_create"), {"title": "x", "organisation": tree.cell.pk, "bases": [junk]}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Task.objects.exists()
