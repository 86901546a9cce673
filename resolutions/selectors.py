"""Queries of the resolutions app."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from committees import access
from resolutions.models import Document, DocumentLink, LinkKind, Task
from resolutions.taskstatus import TaskCounts, count_tasks, task_status

if TYPE_CHECKING:
    from committees.access import AnyUser

# Links that put a document below another in the implementation tree.
TREE_KINDS = (LinkKind.IMPLEMENTS, LinkKind.GUIDES, LinkKind.REVIEWS, LinkKind.REPORTS_ON)


def documents_for_user(user: AnyUser) -> QuerySet[Document]:
    """Documents of the user's organisations and of the committees above them."""
    return Document.objects.select_related("issuer_organisation", "organisation").filter(
        access.with_ancestors_q(user)
    )


def document_by_number(canonical: str) -> QuerySet[Document]:
    return Document.objects.filter(canonical_number=canonical)


@dataclass
class TreeNode:
    document: Document
    kind: str
    children: list[TreeNode] = field(default_factory=list)


def chain_above(document: Document, *, limit: int = 10) -> list[tuple[str, Document]]:
    """What the document implements, and what that implements, up to the top: [(kind, document), …]."""
    chain: list[tuple[str, Document]] = []
    seen = {document.pk}
    current = document
    for _ in range(limit):
        link = (
            DocumentLink.objects.filter(source=current, kind__in=TREE_KINDS)
            .select_related("target")
            .order_by("id")
            .first()
        )
        if link is None or link.target_id in seen:
            break
        chain.append((link.kind, link.target))
        seen.add(link.target_id)
        current = link.target
    return chain


def tree_below(document: Document, *, depth: int = 6) -> list[TreeNode]:
    """The documents that implement this one, and theirs: one query per level, whatever the width."""
    roots: list[TreeNode] = []
    frontier: dict[int, list[TreeNode]] = {document.pk: roots}
    seen = {document.pk}
    for _ in range(depth):
        links = list(
            DocumentLink.objects.filter(target_id__in=frontier, kind__in=TREE_KINDS)
            .select_related("source")
            .order_by("source__issued_on", "id")
        )
        next_frontier: dict[int, list[TreeNode]] = {}
        for link in links:
            if link.source_id in seen:
                continue
            seen.add(link.source_id)
            node = TreeNode(link.source, link.kind)
            frontier[link.target_id].append(node)
            next_frontier[link.source_id] = node.children
        if not next_frontier:
            break
        frontier = next_frontier
    return roots


def other_links(document: Document) -> QuerySet[DocumentLink]:
    """Links that are not part of the tree: replaces, amends, cites (both directions)."""
    return (
        DocumentLink.objects.filter(source=document)
        .exclude(kind__in=TREE_KINDS)
        .select_related("target")
        .order_by("kind", "id")
    )


def tasks_for_user(user: AnyUser) -> QuerySet[Task]:
    return access.restrict(Task.objects.select_related("document", "organisation"), user)


def tasks_with_status(tasks: QuerySet[Task], cut_off: date) -> list[Task]:
    rows = list(tasks.select_related("document", "organisation").prefetch_related("co_organisations"))
    for task in rows:
        task.status_at = task_status(task.due_on, task.done_on, cut_off)  # type: ignore[attr-defined]
    return rows


def task_counts(tasks: QuerySet[Task], cut_off: date) -> TaskCounts:
    return count_tasks(tasks.values_list("due_on", "done_on"), cut_off)
