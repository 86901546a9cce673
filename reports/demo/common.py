"""Short names the demo's tables use."""

from __future__ import annotations

from decimal import Decimal

from committees.models import (
    OrganisationKind,
)

K = OrganisationKind
D = Decimal
SEED = 20240705  # the day seed 000 was published
