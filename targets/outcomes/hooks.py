"""The one write hook of outcomes: every service that writes targets or readings calls `outcomes_written`
in its transaction, after the rows are saved (the targets services, and through them the workbook import,
the demo and the API).

It keeps what is derived from the figures true:
- the outcome steps of the organisations' periods are rebuilt in the same transaction (steps.refresh), so
  a rollup is never behind a saved reading; a batch of readings (`readings_writing`) instead adds the
  difference the moves of its targets made (steps.moved);
- the organisations and every one above them are announced as changed (committees.changes), which makes
  the subtree cache forget their pages at once and again after the commit (subtree_cache.invalidate_paths,
  registered in targets.apps).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from committees.changes import subtree_changed
from targets.models import Target
from targets.outcomes import steps


def outcomes_written(
    targets: Iterable[Target], *, also: Iterable[steps.Period] = (), figures_only: bool = False
) -> None:
    """These targets, or their readings (`figures_only`), were written; `also` names a period a target
    left (its steps are rebuilt too)."""
    targets = list(targets)
    steps.refresh([*(steps.key_of(t) for t in targets), *also])
    subtree_changed({t.organisation.path for t in targets}, figures_only=figures_only)


@contextmanager
def readings_writing(targets: Iterable[Target]) -> Iterator[None]:
    """Readings of these (locked) targets are written inside the block: the steps take the difference
    their moves make (steps.moved: set-based for a whole import, whatever the organisations it spreads
    over), and their organisations are announced as changed."""
    targets = list(targets)
    with steps.moved(t.pk for t in targets):
        yield
    subtree_changed({t.organisation.path for t in targets}, figures_only=True)
