"""Telling what is kept about a subtree that something in it changed.

Every write service that changes what a subtree holds (its organisations, members, targets, readings) calls
`subtree_changed` with the paths of the organisations it wrote, inside its transaction. Listeners register
here from an AppConfig.ready: committees' own subtree cache (committees.subtree_cache.invalidate_paths, the
cached dashboards and the cells to upgrade), which acts at once and again once the transaction commits, so
no page computed between the two keeps the old figures. The apps above call this and committees names none
of them; the audit writer (committees.audit) only audits.
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
