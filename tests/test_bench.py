"""The province generator (bench/generate.py) makes data the product reads as its own (no timings here)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from bench import baseline
from bench.generate import TARGETS_PER_ORG_YEAR, generate
from committees import services as org_services
from committees.models import Member, Organisation
from core.vn import fold
from resolutions.models import Document, DocumentLink
from resolutions.numbering import parse_number
from targets.models import Reading, Target
from targets.outcomes import rollups
from targets.outcomes.achievement import Status
from targets.periods import parse_period
from targets.services import _stored, outcome_of, reading_record

TODAY = date(2024, 9, 15)


@pytest.fixture
def province(db):  # type: ignore[no-untyped-def]
    return generate(0.002, today=TODAY)


def test_generator_makes_a_consistent_tree(province) -> None:  # type: ignore[no-untyped-def]
    orgs = {o.pk: o for o in Organisation.objects.all()}
    assert province.counts["organisations"] == len(orgs) >= 8
    assert sorted({o.depth for o in orgs.values()}) == [0, 1, 2, 3]
    for org in orgs.values():
        parent = orgs.get(org.parent_id) if org.parent_id else None
        assert org.path == f"{parent.path if parent else ''}{org.pk:07d}/"
        assert org.depth == (parent.depth + 1 if parent else 0)
        assert org.name_folded == fold(org.name)
    member = Member.objects.order_by("?").first()
    assert member is not None and member.full_name_folded == fold(member.full_name)
    member.full_clean()
    for document in Document.objects.all()[:20]:
        assert document.canonical_number == parse_number(document.raw_number).canonical
        assert document.title_folded == fold(document.title)
    assert DocumentLink.objects.count() == province.counts["document links"] > 0


def test_every_stored_outcome_is_what_the_product_computes(province) -> None:  # type: ignore[no-untyped-def]
    assert (
        Target.objects.count()
        == len(province.years) * TARGETS_PER_ORG_YEAR * province.counts["organisations"]
    )
    readings = Reading.objects.select_related("target")
    assert readings.count() == province.counts["readings"]
    for reading in readings.order_by("id")[:600]:
        outcome = outcome_of(reading.target, reading)
        assert (reading.status, reading.achievement_pct, reading.measure) == (
            str(outcome.status),
            _stored(outcome.achievement_pct),
            _stored(outcome.measure),
        )
        reading.target.full_clean()
    # Exactly one current reading per target and cut-off; a superseded one points to its successor.
    assert (
        readings.filter(is_current=True).values("target", "cut_off").distinct().count()
        == readings.filter(is_current=True).count()
    )
    for old in Reading.objects.filter(is_current=False):
        assert old.superseded_by.is_current  # type: ignore[attr-defined]
    assert not Reading.objects.filter(cut_off__gt=TODAY).exists()


def test_dashboard_numbers_equal_the_bare_sql(province) -> None:  # type: ignore[no-untyped-def]
    root = Organisation.objects.get(pk=province.root_id)
    mid = Organisation.objects.get(pk=province.mid_id)
    for organisation in (root, mid):
        for year, cut_off in ((2024, TODAY), (2023, date(2023, 12, 31)), (2023, date(2023, 6, 30))):
            period = parse_period(str(year))
            product = rollups.rollup(organisation, period, cut_off)
            bare = baseline.rollup(organisation.path, year, cut_off)
            assert (product.total, product.met, product.exceeded, product.not_met, product.behind) == (
                bare.total,
                bare.met,
                bare.exceeded,
                bare.not_met,
                bare.behind,
            )
            assert (product.on_track, product.no_data) == (bare.on_track, bare.no_data)
            assert product.mean_pct is not None and bare.mean_pct is not None
            assert abs(product.mean_pct - bare.mean_pct) < Decimal("0.0001")
            children = rollups.children_rollups(organisation, period, cut_off)
            assert {path: (r.total, r.met) for path, r in children.items()} == {
                path: (n.total, n.met) for path, n in baseline.children(organisation, year, cut_off).items()
            }
    # The two bare SQL baselines (from the readings; from the outcome steps) give the same numbers.
    for organisation in (root, mid):
        from_readings = baseline.dashboard(organisation, 2024, TODAY)
        from_steps = baseline.dashboard_from_steps(organisation, 2024, TODAY)
        assert len(from_steps.children) == len(from_readings.children) > 0
        for a, b in [
            (from_readings.headline, from_steps.headline),
            (from_readings.last_year, from_steps.last_year),
            (from_readings.previous_period, from_steps.previous_period),
            *zip(from_readings.trend, from_steps.trend, strict=True),
            *((from_readings.children[path], n) for path, n in from_steps.children.items()),
        ]:
            assert a.total == b.total and a.met == b.met and a.no_data == b.no_data
            assert (a.not_met, a.behind, a.on_track, a.exceeded) == (
                b.not_met,
                b.behind,
                b.on_track,
                b.exceeded,
            )
            assert (a.mean_pct is None) == (b.mean_pct is None)
            assert a.mean_pct is None or abs(a.mean_pct - b.mean_pct) < Decimal("0.0001")  # type: ignore[operator]
    headline = rollups.rollup(root, parse_period("2024"), TODAY)
    assert headline.total == TARGETS_PER_ORG_YEAR * province.counts["organisations"]
    assert headline.no_data == 0 and headline.met > 0 and headline.not_met + headline.behind > 0


def test_the_product_pages_read_the_generated_data(province, client) -> None:  # type: ignore[no-untyped-def]
    user = User.objects.create_user("bench-test", password="x")
    root = Organisation.objects.get(pk=province.root_id)
    org_services.role_grant(user=user, organisation=root, kind="admin", acting_user=None)
    client.force_login(user)
    response = client.get(reverse("dashboard", args=[root.pk]), {"period": "2024", "cut_off": "15/9/2024"})
    assert response.status_code == 200
    board = response.context["board"]
    assert board.headline.total == TARGETS_PER_ORG_YEAR * province.counts["organisations"]
    assert board.headline == rollups.rollup(root, parse_period("2024"), TODAY)

    # A reading saved afterwards through the service supersedes the generated one and shows at once.
    reading = (
        Reading.objects.filter(
            is_current=True, target__shape="rate_floor", target__period="2024", status__in=rollups.MET
        )
        .select_related("target__organisation")
        .order_by("-cut_off", "id")
        .first()
    )
    assert reading is not None
    saved = reading_record(
        target=reading.target,
        cut_off=reading.cut_off,
        value=Decimal(0),
        reason="sửa số liệu",
        note="số liệu kiểm tra: khác xa các kỳ trước",  # far from its history: needs a note
        acting_user=user,
    )
    reading.refresh_from_db()
    assert not reading.is_current and saved.supersedes_id == reading.pk
    assert saved.status in (Status.NOT_MET, Status.BEHIND)
    response = client.get(reverse("dashboard", args=[root.pk]), {"period": "2024", "cut_off": "15/9/2024"})
    after = response.context["board"].headline
    assert after == rollups.rollup(root, parse_period("2024"), TODAY)
    assert after.met == board.headline.met - 1  # not the cached figures from before the save
    for url in (
        reverse("targets:entry_grid", args=[province.grassroots_id, "2024"]),
        reverse("committees:member_list") + "?q=nguyen",
        reverse("resolutions:document_detail", args=[province.root_document_id]),
    ):
        assert client.get(url).status_code == 200
