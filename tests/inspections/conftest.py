from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from committees import services as org_services
from committees.models import RoleKind
from inspections import services
from inspections.models import Inspection
from resolutions import services as doc_services
from tests.conftest import Tree, make_user


@pytest.fixture
def ivan(tree: Tree) -> User:
    """A member of the city committee's inspection commission."""
    return make_user("ivan", tree.city, RoleKind.INSPECTOR)


@pytest.fixture
def inspection(tree: Tree) -> Inspection:
    """The issue's case: the city's team reviews the department's three years of a resolution."""
    resolution = doc_services.document_create(
        raw_number="04-NQ/TU", title="về cải cách hành chính", organisation=tree.city,
        issued_on=date(2021, 3, 1), acting_user=None,
    )  # fmt: skip
    plan = doc_services.document_create(
        raw_number="45-KH/ĐU", title="thực hiện Nghị quyết 04-NQ/TU", organisation=tree.dept,
        issued_on=date(2021, 5, 1), acting_user=None,
    )  # fmt: skip
    decision = doc_services.document_create(
        raw_number="120-QĐ/TU", title="về kiểm tra", organisation=tree.city,
        issued_on=date(2024, 3, 1), acting_user=None,
    )  # fmt: skip
    lead = org_services.member_create(
        organisation=tree.city, full_name="Võ Văn Hải", gender="male", acting_user=None
    )
    return services.inspection_create(
        organisation=tree.city,
        kind="thematic",
        title="việc thực hiện Nghị quyết 04-NQ/TU về cải cách hành chính",
        decision=decision,
        decided_on=date(2024, 3, 1),
        window_from=date(2021, 3, 1),
        window_to=date(2024, 2, 29),
        team=[
            services.TeamData(role="lead", member=lead, title="Ủy viên BTV"),
            services.TeamData(role="member", person_name="Lê Thị Mai", title="Chuyên viên Ban Tổ chức"),
        ],
        subjects=[services.SubjectData(organisation=tree.dept)],
        subject_documents=[resolution, plan],
        acting_user=None,
    )
