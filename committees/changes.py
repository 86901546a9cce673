"""Telling the apps above that something in a subtree changed, without committees naming them.

committees is the bottom of the apps' order (committees ← resolutions ← targets ← reports): it may not
import what the apps above keep about a subtree (targets.outcomes: the dashboards' cached aggregates).
Such an app registers a listener here from its AppConfig.ready; every write service that changes what a
subtree holds (its organisations, members, targets, readings) calls `subtree_changed` with the paths of
the organisations it wrote, inside its transaction. A listener acts at once and again once the
transaction commits (targets.outcomes.subtree_cache.invalidate_paths), so no page computed between the
two keeps the old figures. The audit writer (committees.audit) only audits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol


class Listener(Protocol):
    def __call__(self, paths: Iterable[str], *, figures_only: bool) -> None: ...


_listeners: list[Callable[..., None]] = []


def on_subtree_change(listener: Listener) -> None:
    """Call `listener(paths, figures_only=…)` on every change below those paths (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)


def subtree_changed(paths: Iterable[str], *, figures_only: bool = False) -> None:
    """The organisations at `paths` (materialised paths) and so every one above them changed: all of it,
    or with `figures_only` only their figures (readings), not what they are made of."""
    unique = sorted(set(paths))
    if not unique:
        return
    for listener in _listeners:
        listener(unique, figures_only=figures_only)
