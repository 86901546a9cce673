"""The JSON API: token authentication, scopes as in the browser, filters, pagination, and recording readings."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from committees.models import ApiKey, AuditEntry
from targets import services as target_services
from targets.models import Reading
from tests.api.conftest import token_client

LISTS = ["organisation", "target", "reading", "document", "task", "reportrun"]


def results(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["results"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", LISTS)
def test_anonymous_gets_401_not_a_login_redirect(db, name: str) -> None:
    response = APIClient().get(reverse(f"api:{name}-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_wrong_token_is_refused(db) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert client.get(reverse("api:target-list")).status_code == 401


def test_targets_with_outcome_at_a_cut_off(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    rows = {
        row["code"]: row for row in results(client.get(reverse("api:target-list"), {"cut_off": "2024-06-30"}))
    }
    assert set(rows) == {"T-COUNT", "T-RATE", "T-MILE"}
    count = rows["T-COUNT"]
    assert count["cut_off"] == "2024-06-30"
    assert D(count["outcome"]["value"]) == 15
    assert D(count["outcome"]["achievement_pct"]) == 60
    assert count["outcome"]["achievement_pct_display"] == "60%"
    assert count["outcome"]["reading_cut_off"] == "2024-06-30"
    assert rows["T-MILE"]["outcome"]["done"] is True
    # Before any reading: no data.
    early = {
        row["code"]: row for row in results(client.get(reverse("api:target-list"), {"cut_off": "01/02/2024"}))
    }
    assert early["T-COUNT"]["outcome"]["status"] == "no_data"
    assert early["T-COUNT"]["outcome"]["status_label"] == "Chưa có số liệu"
    assert early["T-COUNT"]["outcome"]["value"] is None


def test_a_bad_cut_off_is_a_400_in_vietnamese(world: dict[str, Any], alice: User) -> None:
    response = token_client(alice).get(reverse("api:target-list"), {"cut_off": "31/2/2024"})
    assert response.status_code == 400
    assert "không tồn tại" in response.json()["cut_off"][0]


def test_target_filters_are_the_pages_filtersets(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    tree = world["tree"]
    url = reverse("api:target-list")
    assert [r["code"] for r in results(client.get(url, {"organisation": tree.cell.pk}))] == ["T-RATE"]
    assert [r["code"] for r in results(client.get(url, {"q": "ho ngheo"}))] == ["T-RATE"]
    assert [r["code"] for r in results(client.get(url, {"shape": "milestone"}))] == ["T-MILE"]
    assert results(client.get(url, {"period": "2023"})) == []
    # An organisation outside the user's scope is not a choice: refused, as if it did not exist.
    response = client.get(url, {"organisation": tree.sibling.pk})
    assert response.status_code == 400


def test_documents_with_links_and_tasks(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    document = world["document"]
    body = client.get(reverse("api:document-detail", args=[document.pk]), {"cut_off": "2024-06-30"}).json()
    assert body["canonical_number"] == "32-CT/ĐU"
    assert body["links_out"] == [
        {
            "kind": "implements",
            "kind_label": "thực hiện / cụ thể hóa",
            "document": {
                "id": world["parent_doc"].pk,
                "canonical_number": "28-CT/TU",
                "title": "về công tác giảm nghèo",
                "issued_on": "2023-01-05",
            },
        }
    ]
    assert [t["title"] for t in body["tasks"]] == ["Rà soát hộ nghèo"]
    assert body["tasks"][0]["status"] == "overdue"
    parent = client.get(reverse("api:document-detail", args=[world["parent_doc"].pk])).json()
    assert [link["document"]["id"] for link in parent["links_in"]] == [document.pk]
    # The city's directive is read by those below it, as on the pages.
    numbers = [d["canonical_number"] for d in results(client.get(reverse("api:document-list")))]
    assert numbers == ["32-CT/ĐU", "28-CT/TU"]
    assert [
        d["canonical_number"] for d in results(client.get(reverse("api:document-list"), {"q": "ben vung"}))
    ] == ["32-CT/ĐU"]


def test_tasks_with_status_and_state_filter_at_the_cut_off(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    url = reverse("api:task-list")
    assert [t["status"] for t in results(client.get(url, {"cut_off": "2024-05-01"}))] == ["in_progress"]
    assert results(client.get(url, {"cut_off": "2024-05-01", "state": "overdue"})) == []
    overdue = results(client.get(url, {"cut_off": "2024-06-30", "state": "overdue"}))
    assert [t["title"] for t in overdue] == ["Rà soát hộ nghèo"]
    assert overdue[0]["status_label"] == "Chưa hoàn thành, quá hạn"


def test_organisations_tree_and_statistics(world: dict[str, Any], bob: User) -> None:
    client = token_client(bob)
    tree = world["tree"]
    rows = results(client.get(reverse("api:organisation-list")))
    # Tree order (by path): the department, its grassroots committee and that one's cell, then its own cell.
    assert [r["code"] for r in rows] == ["SLDTBXH", "DB-BOLA", "CB-BOLA-1", "CB-VP"]
    assert rows[2]["parent"] == tree.grassroots.pk and rows[2]["depth"] == 3
    children = results(client.get(reverse("api:organisation-list"), {"parent": tree.dept.pk}))
    assert [r["code"] for r in children] == ["DB-BOLA", "CB-VP"]
    detail = client.get(reverse("api:organisation-detail", args=[tree.dept.pk])).json()
    assert {c["id"] for c in detail["children"]} == {tree.grassroots.pk, tree.cell.pk}
    from committees import selectors
    from committees import services as org_services

    org_services.member_create(
        organisation=tree.cell, full_name="Trần Thị Bình", gender="female", acting_user=None
    )
    org_services.member_create(
        organisation=tree.cell2, full_name="Lê Văn Cường", gender="male", ethnicity="Khmer", acting_user=None
    )
    org_services.member_create(
        organisation=tree.sibling, full_name="Phạm Văn Dũng", gender="male", acting_user=None
    )
    stats = client.get(reverse("api:organisation-statistics", args=[tree.dept.pk]), {"year": 2024}).json()
    page = selectors.organisation_statistics(tree.dept, year=2024)  # what the organisation page shows
    assert (stats["year"], stats["members"], stats["women"], stats["ethnic_minorities"]) == (2024, 2, 1, 1)
    assert (stats["members"], stats["women"], stats["ethnic_minorities"]) == (
        page.members,
        page.women,
        page.ethnic_minorities,
    )
    assert D(stats["women_pct"]) == 50
    assert stats["units_by_kind"] == {"grassroots_committee": 1, "grassroots_cell": 1, "cell": 1}
    assert (
        client.get(reverse("api:organisation-statistics", args=[tree.dept.pk]), {"year": "abc"}).status_code
        == 400
    )


def test_report_runs_with_a_download_link_that_takes_the_token(world: dict[str, Any], carol: User) -> None:
    client = token_client(carol)
    rows = results(client.get(reverse("api:reportrun-list")))
    assert [r["id"] for r in rows] == [world["run"].pk]
    run = rows[0]
    assert run["status"] == "done"
    assert run["download_url"].endswith(reverse("api:reportrun-download", args=[world["run"].pk]))
    assert run["page_download_url"].endswith(reverse("reports:run_download", args=[world["run"].pk]))
    response = client.get(run["download_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"  # type: ignore[attr-defined]
    assert results(client.get(reverse("api:reportrun-list"), {"status": "failed"})) == []


# --- scopes ---------------------------------------------------------------------------------------


def test_daves_token_sees_none_of_the_departments_objects(world: dict[str, Any], dave: User) -> None:
    client = token_client(dave)
    tree = world["tree"]
    hidden = {
        "organisation": [tree.dept, tree.cell, tree.grassroots],
        "target": [world["count"], world["rate"]],
        "reading": list(Reading.objects.filter(target__organisation__path__startswith=tree.dept.path)),
        "document": [world["document"]],
        "task": [world["task"]],
        "reportrun": [world["run"]],
    }
    for name, objects in hidden.items():
        listed = {row["id"] for row in results(client.get(reverse(f"api:{name}-list"), {"page_size": 200}))}
        assert listed, name  # dave sees his own department's things…
        for obj in objects:
            assert obj.pk not in listed, (name, obj)  # …and none of the other's
            assert client.get(reverse(f"api:{name}-detail", args=[obj.pk])).status_code == 404, (name, obj)
    for name in ("organisation-statistics", "organisation-rollup"):
        assert client.get(reverse(f"api:{name}", args=[tree.dept.pk])).status_code == 404
    assert client.get(reverse("api:reportrun-download", args=[world["run"].pk])).status_code == 404
    # His own are there.
    own = results(client.get(reverse("api:target-list")))
    assert [row["code"] for row in own] == ["S-1"]


def test_the_schema_needs_a_login_too(db) -> None:
    assert APIClient().get(reverse("api:schema")).status_code == 401


# --- recording readings ---------------------------------------------------------------------------


def post_reading(client: APIClient, **data: Any) -> Any:
    return client.post(reverse("api:reading-list"), data, format="json")


def test_staff_records_a_reading_with_its_audit_row(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    rate = world["rate"]
    response = post_reading(client, target=rate.pk, cut_off="2024-09-30", value="95.5", note="quý III")
    assert response.status_code == 201, response.content
    body = response.json()
    reading = Reading.objects.get(pk=body["id"])
    assert reading.value == D("95.5") and reading.entered_by == alice and reading.note == "quý III"
    assert body["entered_by"] == "alice"
    assert body["status"] == reading.status == "exceeded"
    entry = AuditEntry.objects.get(action="reading.record", object_id=str(reading.pk))
    assert entry.user == alice and entry.organisation == rate.organisation
    # The target's outcome now reads the new value.
    target = (
        token_client(alice)
        .get(reverse("api:target-detail", args=[rate.pk]), {"cut_off": "2024-10-01"})
        .json()
    )
    assert D(target["outcome"]["value"]) == D("95.5")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"value": "-1"}, "value", "Giá trị không được âm."),
        ({"value": "101"}, "value", "Tỷ lệ không được lớn hơn 100%."),
        ({"value": None}, "value", "Vui lòng nhập giá trị."),
        ({"value": "50", "cut_off": "2025-01-01"}, "cut_off", "Ngày tính số liệu phải nằm trong kỳ"),
        ({"value": "50", "cut_off": "2024-06-30"}, "reason", "Số liệu đã có: vui lòng ghi lý do điều chỉnh."),
    ],
)
def test_the_browsers_validation_in_vietnamese(
    world: dict[str, Any], alice: User, data: dict[str, Any], field: str, message: str
) -> None:
    before = Reading.objects.count(), AuditEntry.objects.count()
    response = post_reading(
        token_client(alice), **{"target": world["rate"].pk, "cut_off": "2024-09-30", **data}
    )
    assert response.status_code == 400
    assert response.json()[field][0].startswith(message), response.json()
    assert (Reading.objects.count(), AuditEntry.objects.count() - 1) == before  # only the token's row


def test_a_boolean_target_needs_done(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    response = post_reading(client, target=world["milestone"].pk, cut_off="2024-09-30", value="1")
    assert response.status_code == 400
    assert response.json()["value"] == ["Vui lòng chọn đạt hoặc chưa đạt."]
    assert (
        post_reading(client, target=world["milestone"].pk, cut_off="2024-09-30", done=False).status_code
        == 201
    )


def test_a_correction_with_a_reason_supersedes_and_a_stale_one_conflicts(
    world: dict[str, Any], alice: User, erin: User
) -> None:
    count = world["count"]
    current = Reading.objects.get(target=count, is_current=True)
    alice_client, erin_client = token_client(alice), token_client(erin)
    # Erin corrects the figure she saw.
    response = post_reading(
        erin_client,
        target=count.pk,
        cut_off="2024-06-30",
        value=16,
        reason="Sở báo lại",
        expected_current=current.pk,
    )
    assert response.status_code == 201, response.content
    assert response.json()["supersedes"] == current.pk
    # Alice still had the old one on screen: nothing is saved, she is told what is there now.
    response = post_reading(
        alice_client, target=count.pk, cut_off="2024-06-30", value=17, reason="x", expected_current=current.pk
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Số liệu đã được erin cập nhật thành 16")
    assert D(response.json()["current"]["value"]) == 16
    assert Reading.objects.filter(target=count).count() == 2


def test_leaders_read_but_do_not_write_and_others_do_not_see(
    world: dict[str, Any], bob: User, carol: User, dave: User
) -> None:
    data = {"target": world["count"].pk, "cut_off": "2024-09-30", "value": 20}
    for user in (bob, carol):
        response = post_reading(token_client(user), **data)
        assert response.status_code == 403
        assert response.json()["detail"] == "Bạn không có quyền nhập số liệu cho chỉ tiêu này."
    assert post_reading(token_client(dave), **data).status_code == 404
    assert post_reading(token_client(dave), **{**data, "target": 10**9}).status_code == 404
    assert not Reading.objects.filter(cut_off=date(2024, 9, 30)).exists()


def test_reading_list_filters(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    url = reverse("api:reading-list")
    rate = world["rate"]
    assert [r["target"] for r in results(client.get(url, {"target": rate.pk}))] == [rate.pk]
    assert [r["target"] for r in results(client.get(url, {"organisation": world["tree"].cell.pk}))] == [
        rate.pk
    ]
    in_march = results(client.get(url, {"cut_off_from": "2024-02-01", "cut_off_to": "2024-03-31"}))
    assert [r["target"] for r in in_march] == [world["milestone"].pk]


# --- pagination and query counts ------------------------------------------------------------------


def test_pages_and_the_page_size_cap(world: dict[str, Any], erin: User) -> None:
    client = token_client(erin)
    first = client.get(reverse("api:target-list"), {"page_size": 2}).json()
    # No total: counting 1,4 M targets of a province cost more than the page (issue 24).
    assert "count" not in first and len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})
    big = client.get(reverse("api:target-list"), {"page_size": 100000}).json()
    assert len(big["results"]) == 4
    # In the order an index gives without sorting the whole scope: organisation id, then the period, the
    # position and the id (the tree's path order sorted 14 M targets at scale 10).
    keys = [(r["organisation"], r["period_start"], r["position"], r["id"]) for r in big["results"]]
    assert keys == sorted(keys)
    assert client.get(reverse("api:target-list"), {"page": 99}).status_code == 404


def _more(world: dict[str, Any], n: int) -> None:
    """n more of everything in the department, to show the query count does not grow with the rows."""
    from reports import run_services
    from reports import services as report_services
    from resolutions import services as doc_services
    from targets import services as target_services

    tree = world["tree"]
    for i in range(n):
        document = doc_services.document_create(
            raw_number=f"{100 + i}-KH/ĐU",
            title=f"Kế hoạch {i}",
            organisation=tree.dept,
            issued_on=date(2024, 4, 1 + i),
            acting_user=None,
        )
        doc_services.document_link(
            source=document, target=world["document"], kind="implements", acting_user=None
        )
        task = doc_services.task_create(
            document=document, organisation=tree.cell, title=f"Việc {i}", acting_user=None
        )
        task.co_organisations.add(tree.grassroots)
        target = target_services.target_create(
            code=f"X-{i}",
            organisation=tree.cell,
            title=f"Chỉ tiêu {i}",
            period="2024",
            shape="quantity",
            planned=D(10),
            document=document,
            acting_user=None,
        )
        target_services.reading_record(
            target=target, cut_off=date(2024, 6, 30), value=D(i), acting_user=alice_of(tree)
        )
        report = report_services.report_create(
            organisation=tree.cell, kind="semi_annual", period=f"{2020 + i}-H1", acting_user=None
        )
        run_services.report_run_request(report=report, acting_user=None, enqueue=False)


def alice_of(tree: Any) -> User:
    return User.objects.get(username="alice")


# Token lookup, role paths, count, page, then the prefetches of each list; readings, targets and
# documents have no count.
QUERIES = {
    "organisation": 4,
    "target": 3,
    "reading": 3,
    "document": 7,
    "task": 5,
    "reportrun": 4,
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_list_query_counts_do_not_grow(
    world: dict[str, Any], alice: User, name: str, django_assert_num_queries: Any
) -> None:
    client = token_client(alice)
    url = reverse(f"api:{name}-list")
    # A key's first use stamps its "last used" (one UPDATE, then at most once a minute): not counted.
    results(client.get(url))
    with django_assert_num_queries(QUERIES[name]):
        small = results(client.get(url))
    _more(world, 4)
    with django_assert_num_queries(QUERIES[name]):
        large = results(client.get(url))
    assert len(large) > len(small) or name == "organisation"


# --- the token page and command -------------------------------------------------------------------


def shown_key(response: Any) -> str:
    match = re.search(r'<code id="api-key">([^<]+)</code>', response.content.decode())
    assert match, "the page shows the new key"
    return match.group(1)


def test_the_token_page_issues_regenerates_and_revokes(client: Any, alice: User) -> None:
    client.force_login(alice)
    url = reverse("committees:api_token")
    page = client.get(url)
    assert page.status_code == 200 and "Bạn chưa có khóa API." in page.content.decode()
    assert reverse("committees:api_token") in client.get(reverse("home")).content.decode()
    first = client.post(url, {"action": "issue"})
    key = shown_key(first)
    assert key.startswith(ApiKey.objects.get(user=alice).prefix)
    again = client.get(url).content.decode()
    assert key not in again  # shown once only
    assert ApiKey.objects.get(user=alice).prefix in again and "Khóa chưa được dùng lần nào." in again
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:target-list")).status_code == 200
    assert "Dùng lần cuối lúc" in client.get(url).content.decode()
    new_key = shown_key(client.post(url, {"action": "issue"}))
    assert new_key != key
    assert api.get(reverse("api:target-list")).status_code == 401  # the old key no longer works
    client.post(url, {"action": "revoke"})
    assert not ApiKey.objects.filter(user=alice).exists()
    api.credentials(HTTP_AUTHORIZATION=f"Token {new_key}")
    assert api.get(reverse("api:target-list")).status_code == 401  # nor the revoked one
    actions = list(
        AuditEntry.objects.filter(object_id=str(alice.pk), action__startswith="api_token").values_list(
            "action", "user"
        )
    )
    assert actions == [
        ("api_token.revoke", alice.pk),
        ("api_token.replace", alice.pk),
        ("api_token.create", alice.pk),
    ]
    assert all(
        key not in str(entry.before) + str(entry.after)
        and new_key not in str(entry.before) + str(entry.after)
        for entry in AuditEntry.objects.filter(action__startswith="api_token")
    )


def test_the_api_token_command(alice: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", "alice", stdout=out)
    key = out.getvalue().strip()
    assert ApiKey.objects.get(user=alice).digest == ApiKey.digest_of(key)
    call_command("api_token", "alice", "--revoke", stdout=StringIO())
    assert not ApiKey.objects.filter(user=alice).exists()


def test_a_wild_year_on_the_document_page_is_not_a_server_error(
    client: Any, world: dict[str, Any], alice: User
) -> None:
    # Found by schemathesis through the API: the page shares the FilterSet.
    client.force_login(alice)
    assert (
        client.get(reverse("resolutions:document_list"), {"year": "6.16662614622911e+16"}).status_code == 200
    )
    assert (
        token_client(alice).get(reverse("api:document-list"), {"year": "6.16662614622911e+16"}).status_code
        == 400
    )


# --- messages in Vietnamese -----------------------------------------------------------------------


def test_rest_frameworks_own_errors_are_in_vietnamese(world: dict[str, Any], alice: User) -> None:
    anonymous = APIClient().get(reverse("api:target-list"))
    assert anonymous.json()["detail"].startswith("Chưa xác thực")
    bad_key = APIClient()
    bad_key.credentials(HTTP_AUTHORIZATION="Token nope")
    assert (
        bad_key.get(reverse("api:target-list")).json()["detail"]
        == "Khóa API không hợp lệ hoặc đã bị thu hồi."
    )
    client = token_client(alice)
    missing = client.get(reverse("api:target-detail", args=[10**9]))
    assert (missing.status_code, missing.json()["detail"]) == (404, "Không tìm thấy.")
    assert client.get(reverse("api:target-list"), {"page": 99}).json()["detail"] == "Trang không tồn tại."
    put = client.put(reverse("api:reading-list"), {}, format="json")
    assert (put.status_code, put.json()["detail"]) == (405, "Phương thức không được hỗ trợ ở địa chỉ này.")
    garbled = client.post(reverse("api:reading-list"), "{not json", content_type="application/json")
    assert (garbled.status_code, garbled.json()["detail"]) == (
        400,
        "Nội dung gửi lên không phải JSON hợp lệ.",
    )
    form = client.post(
        reverse("api:reading-list"), "target=1", content_type="application/x-www-form-urlencoded"
    )
    assert form.status_code == 415 and form.json()["detail"].startswith("Chỉ nhận nội dung JSON")
    listed = client.post(reverse("api:reading-list"), [1, 2], format="json")
    assert listed.json()["non_field_errors"] == ["Nội dung gửi lên phải là một đối tượng JSON."]


def post_raw(client: APIClient, body: str) -> Any:
    """A body as a client sends it: json.dumps would turn a Decimal into a float first."""
    return client.post(reverse("api:reading-list"), body, content_type="application/json")


@pytest.fixture
def quantity(world: dict[str, Any]) -> Any:
    return target_services.target_create(
        code="T-QTY",
        organisation=world["tree"].dept,
        title="Sản lượng",
        period="2024",
        shape="quantity",
        planned=D(10),
        acting_user=None,
    )


@pytest.mark.parametrize(
    ("number", "stored"),
    [
        ("123456789.123456", D("123456789.123456")),
        ("0.1", D("0.1")),
        ("2.5e3", D("2500")),
        ("45.500000", D("45.5")),
    ],
)
def test_a_json_number_is_stored_exactly(quantity: Any, alice: User, number: str, stored: D) -> None:
    response = post_raw(
        token_client(alice), f'{{"target": {quantity.pk}, "cut_off": "2024-09-30", "value": {number}}}'
    )
    assert response.status_code == 201, response.content
    assert Reading.objects.get(pk=response.json()["id"]).value == stored


def test_every_digit_the_database_keeps_is_stored_and_no_more(quantity: Any, alice: User) -> None:
    """14 + 6 digits: a float keeps about 17 of them (12345678901234.568); PostgreSQL keeps them all,
    SQLite 15 (Django reads its numbers through a float), so there the number is refused, not rounded."""
    client = token_client(alice)
    before = Reading.objects.count()
    response = post_raw(
        client, f'{{"target": {quantity.pk}, "cut_off": "2024-09-30", "value": 12345678901234.567891}}'
    )
    if connection.vendor == "sqlite":
        assert response.status_code == 400
        assert response.json() == {
            "value": ["Cơ sở dữ liệu chỉ lưu chính xác được 15 chữ số có nghĩa; hãy làm tròn số."]
        }
        assert Reading.objects.count() == before
        # 15 are stored exactly.
        response = post_raw(
            client, f'{{"target": {quantity.pk}, "cut_off": "2024-09-30", "value": 123456789.012345}}'
        )
        assert Reading.objects.get(pk=response.json()["id"]).value == D("123456789.012345")
    else:
        assert response.status_code == 201, response.content
        assert Reading.objects.get(pk=response.json()["id"]).value == D("12345678901234.567891")


@pytest.mark.parametrize(
    ("field", "number", "message"),
    [
        # Read as floats, the first two were 0.1 and 1 and stored so without a word.
        ("value", "0.10000000000000000001", "Không được quá 6 chữ số thập phân."),
        ("value", "1.0000000000000000001", "Không được quá 6 chữ số thập phân."),
        ("previous", "12.0000001", "Không được quá 6 chữ số thập phân."),
        ("value", "123456789012345678901", "Không được quá 20 chữ số."),
        ("value", "1e400", "Không được quá 20 chữ số."),
    ],
)
def test_a_json_number_that_cannot_be_stored_exactly_is_refused(
    quantity: Any, alice: User, field: str, number: str, message: str
) -> None:
    client = token_client(alice)
    before = Reading.objects.count(), AuditEntry.objects.count()
    body = f'{{"target": {quantity.pk}, "cut_off": "2024-09-30", "value": 5, "{field}": {number}}}'
    response = post_raw(client, body)
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert (Reading.objects.count(), AuditEntry.objects.count()) == before


def test_field_errors_of_a_reading_are_in_vietnamese(world: dict[str, Any], alice: User) -> None:
    client = token_client(alice)
    response = post_reading(
        client, cut_off="30/6/2024", value="abc", kind="guess", note="x" * 2001, expected_current=-1
    )
    assert response.status_code == 400
    assert response.json() == {
        "target": ["Trường này là bắt buộc."],
        "cut_off": ["Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2024-06-30."],
        "value": ["Vui lòng nhập một số hợp lệ (dấu chấm thập phân), ví dụ 45.5."],
        "kind": ["«guess» không phải là lựa chọn hợp lệ."],
        "note": ["Không được dài quá 2000 ký tự."],
        "expected_current": ["Giá trị phải từ 0 trở lên."],
    }
    too_big = post_reading(client, target=world["count"].pk, cut_off="2024-09-30", value="1" * 15)
    assert too_big.json() == {"value": ["Phần nguyên không được quá 14 chữ số."]}


def test_rollup_refuses_a_bad_period_or_cut_off(world: dict[str, Any], bob: User) -> None:
    client = token_client(bob)
    url = reverse("api:organisation-rollup", args=[world["tree"].dept.pk])
    assert client.get(url, {"period": "1999"}).status_code == 400  # not a year with targets
    response = client.get(url, {"period": "2024", "cut_off": "30/13/2024"})
    assert response.status_code == 400 and "không tồn tại" in response.json()["cut_off"][0]
    body = client.get(url).json()  # defaults as on the dashboard: the latest year, its cut-off
    assert body["period"] == "2024" and body["headline"]["total"] == 3


def test_reading_pages_have_no_total_and_say_whether_another_follows(
    world: dict[str, Any], erin: User
) -> None:
    # Counting every reading of a province costs more than the page itself: the list tells only whether
    # a next page exists (issue 24).
    client = token_client(erin)
    url = reverse("api:reading-list")
    every = client.get(url, {"page_size": 200}).json()
    assert "count" not in every and every["next"] is None and every["previous"] is None
    ids = [r["id"] for r in every["results"]]
    assert len(ids) >= 3
    seen: list[int] = []
    page = client.get(url, {"page_size": 2}).json()
    while True:
        seen += [r["id"] for r in page["results"]]
        if page["next"] is None:
            break
        following = client.get(page["next"]).json()
        assert following["previous"] is not None
        page = following
    assert seen == ids  # the same rows in the same order, none twice
    assert client.get(url, {"page": 99}).status_code == 404
    assert client.get(url, {"page": "0"}).status_code == 404
