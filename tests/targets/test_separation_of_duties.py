"""Separation of duties in the reporting cycle (issue 19, finding 4): whoever submitted a period's figures
never approves or returns them, even holding a role on the level above or an admin role.

hanh is staff of the cell and leader of the department above it; erin is admin of the city; bob is the
department's leader; alice its staff (tests/conftest.py).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from committees import services as org_services
from committees.models import AuditEntry, RoleKind
from targets import cycle_services, selectors
from targets.cycle import Transition
from targets.models import SubmissionStatus
from targets.periods import parse_period
from tests.conftest import Tree, make_user

H1 = parse_period("2024-H1")
BARRED = "không thể tự duyệt hay trả lại"


@pytest.fixture
def hanh(tree: Tree) -> User:
    user = make_user("hanh", tree.cell, RoleKind.STAFF)
    org_services.role_grant(user=user, organisation=tree.dept, kind=RoleKind.LEADER, acting_user=None)
    return user


def _move(org, transition, user, comment=""):  # type: ignore[no-untyped-def]
    return cycle_services.submission_transition(
        organisation=org, period=H1, transition=transition, comment=comment, acting_user=user
    )


def _status(org) -> str:  # type: ignore[no-untyped-def]
    return selectors.submission_of(org, H1).status


@pytest.mark.parametrize("who", ["hanh", "erin"])
@pytest.mark.parametrize("transition", [Transition.APPROVE, Transition.RETURN])
def test_the_submitter_may_not_decide_on_their_own_submission(
    tree: Tree, hanh: User, erin: User, bob: User, who: str, transition: Transition
) -> None:
    user = {"hanh": hanh, "erin": erin}[who]
    _move(tree.grassroots, Transition.SUBMIT, None)
    _move(tree.cell, Transition.SUBMIT, user)
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=BARRED):
        _move(tree.cell, transition, user, comment="Tự xử lý")
    assert _status(tree.cell) == SubmissionStatus.SUBMITTED
    assert AuditEntry.objects.count() == audit_rows
    # Another person of the level above decides.
    assert _move(tree.cell, transition, bob, comment="Ý kiến").status != SubmissionStatus.SUBMITTED


def test_the_pages_offer_no_approve_button_to_the_submitter_and_refuse_the_post(
    tree: Tree, hanh: User, alice: User, bob: User
) -> None:
    _move(tree.grassroots, Transition.SUBMIT, None)
    _move(tree.cell, Transition.SUBMIT, hanh)
    approve = reverse("targets:cycle_transition", args=[tree.cell.pk, H1.code, "approve"])
    give_back = reverse("targets:cycle_transition", args=[tree.cell.pk, H1.code, "return"])
    client = Client()
    client.force_login(hanh)
    cell_page = client.get(reverse("targets:cycle_detail", args=[tree.cell.pk, H1.code])).content.decode()
    assert approve not in cell_page and give_back not in cell_page
    assert BARRED in cell_page
    dept_page = client.get(reverse("targets:cycle_detail", args=[tree.dept.pk, H1.code])).content.decode()
    assert approve not in dept_page
    response = client.post(approve, follow=True)
    assert response.status_code == 200 and BARRED in response.content.decode()
    assert _status(tree.cell) == SubmissionStatus.SUBMITTED
    # The department's other leader is offered both, on both pages.
    client.force_login(bob)
    cell_page = client.get(reverse("targets:cycle_detail", args=[tree.cell.pk, H1.code])).content.decode()
    assert approve in cell_page and give_back in cell_page and BARRED not in cell_page
    dept_page = client.get(reverse("targets:cycle_detail", args=[tree.dept.pk, H1.code])).content.decode()
    assert approve in dept_page
    # The rule follows the latest submission: returned, then sent again by alice, hanh may approve it.
    _move(tree.cell, Transition.RETURN, bob, comment="Bổ sung số liệu")
    _move(tree.cell, Transition.SUBMIT, alice)
    client.force_login(hanh)
    cell_page = client.get(reverse("targets:cycle_detail", args=[tree.cell.pk, H1.code])).content.decode()
    assert approve in cell_page and BARRED not in cell_page
    client.post(approve)
    assert _status(tree.cell) == SubmissionStatus.APPROVED
