"""Quality ratings: the score bands of Quy định 366-QĐ/TW, the old TSVM categories, counts for a subtree."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from committees import selectors, services
from committees.models import AuditEntry, RatingLevel
from committees.ratings import level_for_score
from tests.committees.conftest import add_member
from tests.conftest import Tree


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("100", RatingLevel.EXCELLENT),
        ("90", RatingLevel.EXCELLENT),
        ("89.99", RatingLevel.GOOD),
        ("70", RatingLevel.GOOD),
        ("69.99", RatingLevel.DONE),
        ("50", RatingLevel.DONE),
        ("49.99", RatingLevel.FAILED),
        ("0", RatingLevel.FAILED),
    ],
)
def test_score_bands(score: str, level: str) -> None:
    assert level_for_score(Decimal(score)) == level


@pytest.mark.parametrize("score", ["-1", "100.01"])
def test_score_outside_0_100_is_refused(score: str) -> None:
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        level_for_score(Decimal(score))


def test_level_is_derived_from_the_score(tree: Tree) -> None:
    rating = services.rating_record(
        organisation=tree.cell, year=2025, score=Decimal("86.5"), acting_user=None
    )
    assert rating.level == RatingLevel.GOOD
    rating = services.rating_record(
        organisation=tree.cell2, year=2025, level=RatingLevel.EXCELLENT, score=Decimal(92), acting_user=None
    )
    assert rating.level == RatingLevel.EXCELLENT


def test_a_level_contradicting_the_score_is_refused(tree: Tree) -> None:
    with pytest.raises(ValidationError) as caught:
        services.rating_record(
            organisation=tree.cell,
            year=2025,
            level=RatingLevel.EXCELLENT,
            score=Decimal(75),
            acting_user=None,
        )
    assert "không khớp với số điểm 75" in caught.value.message_dict["level"][0]


def test_score_only_from_2025(tree: Tree) -> None:
    with pytest.raises(ValidationError, match="chỉ áp dụng từ năm 2025"):
        services.rating_record(organisation=tree.cell, year=2024, score=Decimal(95), acting_user=None)
    rating = services.rating_record(
        organisation=tree.cell, year=2024, level=RatingLevel.GOOD, acting_user=None
    )
    assert rating.score is None


def test_tsvm_only_before_2018_and_only_for_organisations(tree: Tree) -> None:
    services.rating_record(organisation=tree.cell, year=2016, level=RatingLevel.TSVM_MODEL, acting_user=None)
    with pytest.raises(ValidationError, match="trước 2018"):
        services.rating_record(organisation=tree.cell, year=2018, level=RatingLevel.TSVM, acting_user=None)
    member = add_member(tree.cell, "Nguyễn Văn A")
    with pytest.raises(ValidationError, match="chỉ dùng cho tổ chức đảng"):
        services.rating_record(member=member, year=2016, level=RatingLevel.TSVM, acting_user=None)


def test_exactly_one_subject(tree: Tree) -> None:
    member = add_member(tree.cell, "Nguyễn Văn A")
    with pytest.raises(ValidationError):
        services.rating_record(
            organisation=tree.cell, member=member, year=2024, level=RatingLevel.GOOD, acting_user=None
        )
    with pytest.raises(ValidationError, match="Cần chọn mức xếp loại"):
        services.rating_record(organisation=tree.cell, year=2024, acting_user=None)


def test_recording_again_replaces_and_audits_before_and_after(tree: Tree) -> None:
    services.rating_record(organisation=tree.cell, year=2024, level=RatingLevel.DONE, acting_user=None)
    services.rating_record(organisation=tree.cell, year=2024, level=RatingLevel.GOOD, acting_user=None)
    assert tree.cell.ratings.get().level == RatingLevel.GOOD
    entry = AuditEntry.objects.filter(action="rating.record").latest("id")
    assert entry.before is not None and entry.before["level"] == "htnv"
    assert entry.after is not None and entry.after["level"] == "httnv"
    assert entry.organisation == tree.cell


def test_counts_by_level_and_the_share_of_cells_good_or_better(tree: Tree, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    services.rating_record(organisation=tree.cell, year=2024, level=RatingLevel.EXCELLENT, acting_user=None)
    services.rating_record(organisation=tree.cell2, year=2024, level=RatingLevel.GOOD, acting_user=None)
    services.rating_record(organisation=tree.grassroots, year=2024, level=RatingLevel.DONE, acting_user=None)
    services.rating_record(
        organisation=tree.sibling_cell, year=2024, level=RatingLevel.FAILED, acting_user=None
    )
    services.rating_record(organisation=tree.cell, year=2023, level=RatingLevel.FAILED, acting_user=None)
    member = add_member(tree.cell2, "Nguyễn Văn A")
    services.rating_record(member=member, year=2024, level=RatingLevel.GOOD, acting_user=None)
    with django_assert_num_queries(3):
        summary = selectors.rating_summary(tree.dept, 2024)
    assert summary.organisations_by_level == {"htxsnv": 1, "httnv": 1, "htnv": 1}
    assert summary.members_by_level == {"httnv": 1}
    assert (summary.cells, summary.cells_good) == (2, 2)
    assert summary.phrase == "100% chi bộ hoàn thành tốt nhiệm vụ trở lên"
    assert [row[0] for row in summary.organisation_rows()] == ["htxsnv", "httnv", "htnv"]

    city = selectors.rating_summary(tree.city, 2024)
    assert (city.cells, city.cells_good) == (3, 2)
    assert city.phrase == "66,67% chi bộ hoàn thành tốt nhiệm vụ trở lên"
    assert selectors.rating_summary(tree.dept, 2023).phrase == "0% chi bộ hoàn thành tốt nhiệm vụ trở lên"
    assert selectors.latest_rating_year(tree.dept) == 2024
    assert selectors.latest_rating_year(tree.sibling) == 2024


def test_an_unrated_cell_counts_against_the_share(tree: Tree) -> None:
    services.rating_record(organisation=tree.cell, year=2025, score=Decimal(91), acting_user=None)
    summary = selectors.rating_summary(tree.dept, 2025)
    assert (summary.cells, summary.cells_good) == (2, 1)
    assert summary.phrase.startswith("50% chi bộ")


def test_the_share_and_the_badges_beside_it_come_from_one_count_and_add_up(tree: Tree, client) -> None:  # type: ignore[no-untyped-def]
    """The organisation page said "38,33% … (23/60)" beside badges adding to 38: the badges counted every
    rated organisation (committees too), the share only cells. Both now read `cells_by_level`."""
    from django.urls import reverse

    from tests.conftest import make_user

    services.rating_record(organisation=tree.cell, year=2024, level=RatingLevel.GOOD, acting_user=None)
    # Ratings of organisations that are not cells: in "Mọi tổ chức đảng", not in the cells' figures.
    services.rating_record(organisation=tree.dept, year=2024, level=RatingLevel.EXCELLENT, acting_user=None)
    services.rating_record(organisation=tree.grassroots, year=2024, level=RatingLevel.DONE, acting_user=None)
    summary = selectors.rating_summary(tree.dept, 2024)
    assert summary.cells_by_level == {"httnv": 1, "": 1}  # tree.cell2 has no rating of 2024
    assert [(code, n) for code, _label, n in summary.cell_rows()] == [("httnv", 1), ("unrated", 1)]
    assert sum(n for _code, _label, n in summary.cell_rows()) == summary.cells == 2
    assert summary.cells_good == 1 and summary.phrase == "50% chi bộ hoàn thành tốt nhiệm vụ trở lên"

    client.force_login(make_user("lead", tree.dept, "leader"))
    html = client.get(reverse("committees:organisation_detail", args=[tree.dept.pk])).content.decode()
    box = html[html.index("chi bộ hoàn thành tốt nhiệm vụ trở lên") : html.index("Chi tiết xếp loại")]
    assert "(1/2)" in box and "2 chi bộ theo mức xếp loại" in box
    badges = re.findall(r'<span class="level (\w+)">[^<]+</span> (\d+)', box)
    assert badges == [("httnv", "1"), ("unrated", "1")]
    assert sum(int(n) for _code, n in badges) == 2
