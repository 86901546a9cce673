"""Admin pages exist for every model of the app, and their writes go through the services (audit rows)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from committees import services
from committees.models import ApiKey, AuditEntry, Member, Organisation, QualityRating, Role
from tests.committees.conftest import add_member
from tests.conftest import Tree


@pytest.fixture
def root(db) -> Client:  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_superuser("root", "root@example.vn", "mật-khẩu-thử")
    client = Client()
    client.force_login(user)
    return client


def test_every_model_has_an_admin_page(root: Client, tree: Tree) -> None:
    member = add_member(tree.cell, "Nguyễn Văn An")
    services.rating_record(member=member, year=2024, level="httnv", acting_user=None)
    term = services.term_create(organisation=tree.dept, start_year=2020, end_year=2025, acting_user=None)
    services.seat_create(term=term, body="bch", position="bi_thu", member=member, acting_user=None)
    for model in apps.get_app_config("committees").get_models():
        assert admin.site.is_registered(model), model
        name = model._meta.model_name
        assert root.get(reverse(f"admin:committees_{name}_changelist")).status_code == 200, name
        first = model._default_manager.first()
        if first is not None:
            change_url = reverse(f"admin:committees_{name}_change", args=[first.pk])
            assert root.get(change_url).status_code == 200, name


def test_admin_member_add_and_change_go_through_the_services(root: Client, tree: Tree) -> None:
    data = {
        "organisation": tree.cell.pk,
        "full_name": "Hồ Thị Quản Trị",
        "gender": "female",
        "ethnicity": "Kinh",
        "religion": "",
        "status": "official",
    }
    response = root.post(reverse("admin:committees_member_add"), data)
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.full_name_folded == "ho thi quan tri"
    assert AuditEntry.objects.filter(action="member.create", object_id=str(member.pk)).exists()
    root.post(reverse("admin:committees_member_change", args=[member.pk]), {**data, "religion": "Phật giáo"})
    entry = AuditEntry.objects.filter(action="member.update").latest("id")
    assert entry.before is not None and entry.after is not None
    assert (entry.before["religion"], entry.after["religion"]) == ("", "Phật giáo")
    root.post(reverse("admin:committees_member_delete", args=[member.pk]), {"post": "yes"})
    assert not Member.objects.exists()
    assert AuditEntry.objects.filter(action="member.delete", object_id=str(member.pk)).exists()


def test_admin_organisation_add_keeps_the_path(root: Client, tree: Tree) -> None:
    response = root.post(
        reverse("admin:committees_organisation_add"),
        {"code": "CB-MOI", "kind": "cell", "name": "Chi bộ Mới", "parent": tree.grassroots.pk},
    )
    assert response.status_code == 302
    created = Organisation.objects.get(code="CB-MOI")
    assert created.path.startswith(tree.grassroots.path) and created.depth == 3
    assert AuditEntry.objects.filter(action="organisation.create", object_id=str(created.pk)).exists()


def test_admin_rating_follows_the_rules(root: Client, tree: Tree) -> None:
    url = reverse("admin:committees_qualityrating_add")
    response = root.post(url, {"year": 2025, "organisation": tree.cell.pk, "level": "htxsnv", "score": "75"})
    assert response.status_code == 200 and not QualityRating.objects.exists()
    response = root.post(url, {"year": 2025, "organisation": tree.cell.pk, "level": "httnv", "score": "75"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="rating.record").exists()


def test_admin_role_grant_and_revoke_are_audited(root: Client, tree: Tree) -> None:
    user = get_user_model().objects.create_user("moi")
    root.post(
        reverse("admin:committees_role_add"), {"user": user.pk, "organisation": tree.cell.pk, "kind": "staff"}
    )
    role = Role.objects.get(user=user)
    root.post(reverse("admin:committees_role_delete", args=[role.pk]), {"post": "yes"})
    assert not Role.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"role.grant", "role.revoke"} <= actions


def test_no_admin_page_shows_an_api_key_and_revoking_there_is_audited(root: Client, tree: Tree) -> None:
    user = get_user_model().objects.create_user("may")
    key = services.api_token_issue(user=user, acting_user=None)
    api_key = ApiKey.objects.get(user=user)
    pages = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(root.get(reverse("admin:{}_{}_changelist".format(*info))))
        first = model._default_manager.first()
        if first is not None:
            pages.append(root.get(reverse("admin:{}_{}_change".format(*info), args=[first.pk])))
    assert all(page.status_code == 200 for page in pages)
    assert not [page.request["PATH_INFO"] for page in pages if key in page.content.decode()]
    changelist = root.get(reverse("admin:committees_apikey_changelist")).content.decode()
    assert api_key.prefix in changelist and "may" in changelist and api_key.digest not in changelist
    assert root.get(reverse("admin:committees_apikey_add")).status_code == 403
    root.post(reverse("admin:committees_apikey_delete", args=[api_key.pk]), {"post": "yes"})
    assert not ApiKey.objects.exists()
    assert AuditEntry.objects.filter(action="api_token.revoke", object_id=str(user.pk)).exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:target-list")).status_code == 401
