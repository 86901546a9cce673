"""Queries of the resolutions app."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, F, Prefetch, Q, QuerySet

from committees import access
from committees.models import AuditEntry, Organisation
from core.vn import fold
from resolutions.models import Document, DocumentFollow, DocumentLink, IssuingBody, LinkKind, Task
from resolutions.taskstatus import TaskCounts, TaskStatus, task_status

if TYPE_CHECKING:
    from committees.access import AnyUser

# Links that put a document below another in the implementation tree.
TREE_KINDS = (LinkKind.IMPLEMENTS, LinkKind.GUIDES, LinkKind.REVIEWS, LinkKind.REPORTS_ON)


def documents_for_user(user: AnyUser) -> QuerySet[Document]:
    """Documents of the user's organisations and of the committees above them."""
    return Document.objects.select_related("issuer_organisation", "organisation").filter(
        access.with_ancestors_q(user)
    )


def duplicate_visible(user: AnyUser, existing: Document) -> Document | None:
    """The document already holding a number, if the person who typed it may open it; else None, and
    nothing of it (title, owner) may be shown."""
    return documents_for_user(user).filter(pk=existing.pk).first()


def citation_matches(user: AnyUser, citation: str, *, limit: int = 5) -> list[Document]:
    """Documents the user may open that a partial citation ("Nghị quyết Đại hội XIII") may mean: those
    whose citation or title holds every word of it."""
    words = fold(citation).split()
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= Q(title_folded__contains=word)
    return list(documents_for_user(user).filter(condition).order_by("-issued_on", "-id")[:limit])


def task_filter_documents(user: AnyUser) -> QuerySet[Document]:
    """The documents the task list may be narrowed to: those of the user's subtrees."""
    return access.restrict(Document.objects.all(), user).order_by("-issued_on", "-id")


def picker_documents(user: AnyUser, *, scope: str = "", organisation: str = "") -> QuerySet[Document]:
    """The documents a document picker (resolutions.widgets) may offer, newest first. `scope`: "" those of
    the user's subtrees (the task list's filter), "readable" also those of the committees above
    (documents_for_user: what a task or target may be set by), "inspect" those the user may inspect.
    `organisation`: only that organisation's own among them (an inspection's decision). The form that
    receives the choice checks it against its own queryset all the same."""
    if scope == "readable":
        documents = documents_for_user(user)
    elif scope == "inspect":
        documents = access.restrict(Document.objects.all(), user, access.Action.INSPECT)
    else:
        documents = task_filter_documents(user)
    if organisation:
        pk = int(organisation) if organisation.isdecimal() and len(organisation) < 19 else 0
        documents = documents.filter(organisation_id=pk)
    return documents.order_by("-issued_on", "-id")


def document_options(documents: QuerySet[Document], text: str, *, limit: int = 20) -> list[tuple[int, str]]:
    """(id, label) of the first `limit` of `documents` whose number or title holds every word of `text`
    (all of them, newest first, when it is empty): what the document search field offers as one types.
    Labels are `Document.__str__`'s: the number, else the start of the title."""
    condition = Q()
    for word in fold(text).split():
        condition &= Q(title_folded__contains=word) | Q(canonical_number__icontains=word)
    rows = documents.filter(condition).values_list("pk", "canonical_number", "title")[:limit]
    return [(pk, number or title[:60]) for pk, number, title in rows]


def issuing_bodies() -> QuerySet[IssuingBody]:
    return IssuingBody.objects.order_by("level", "name")


def document_by_number(canonical: str) -> QuerySet[Document]:
    return Document.objects.filter(canonical_number=canonical)


@dataclass(frozen=True)
class NumberTaken:
    """Who already holds a document number, as far as the person typing it may know: the documents they
    can see, and only whether one exists elsewhere (saving it would be refused), never its title or owner."""

    visible: Document | None
    elsewhere: bool


def number_taken(user: AnyUser, canonical: str) -> NumberTaken:
    visible = (
        documents_for_user(user).filter(canonical_number=canonical).order_by("-issued_on", "-id").first()
    )
    return NumberTaken(visible=visible, elsewhere=visible is None and document_by_number(canonical).exists())


@dataclass
class TreeNode:
    document: Document
    kind: str
    children: list[TreeNode] = field(default_factory=list)


def links_for_user(user: AnyUser, *, towards: str) -> QuerySet[DocumentLink]:
    """Links whose document at the end `towards` ("source" or "target") the user may see.

    A document the user reads (a directive of the committee above) is implemented by organisations all
    over the tree: its page lists only the links to documents the user may open, never a sibling's plan.
    """
    return DocumentLink.objects.filter(
        access.with_ancestors_q(user, field=f"{towards}__organisation")
    ).select_related(towards)


def chain_above(document: Document, *, user: AnyUser, limit: int = 10) -> list[tuple[str, Document]]:
    """What the document implements, and what that implements, up to the top: [(kind, document), …],
    as far as the user may see."""
    chain: list[tuple[str, Document]] = []
    seen = {document.pk}
    current = document
    for _ in range(limit):
        link = (
            links_for_user(user, towards="target")
            .filter(source=current, kind__in=TREE_KINDS)
            .order_by("id")
            .first()
        )
        if link is None or link.target_id in seen:
            break
        chain.append((link.kind, link.target))
        seen.add(link.target_id)
        current = link.target
    return chain


def tree_below(document: Document, *, user: AnyUser, depth: int = 6) -> list[TreeNode]:
    """The documents that implement this one, and theirs, that the user may see: one query per level,
    whatever the width. A document hidden from the user hides the branch below it too."""
    roots: list[TreeNode] = []
    frontier: dict[int, list[TreeNode]] = {document.pk: roots}
    seen = {document.pk}
    for _ in range(depth):
        links = list(
            links_for_user(user, towards="source")
            .filter(target_id__in=frontier, kind__in=TREE_KINDS)
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


def other_links(document: Document, *, user: AnyUser) -> QuerySet[DocumentLink]:
    """Links that are not part of the tree: replaces, amends, cites, to documents the user may see."""
    return (
        links_for_user(user, towards="target")
        .filter(source=document)
        .exclude(kind__in=TREE_KINDS)
        .order_by("kind", "id")
    )


def tasks_for_user(user: AnyUser) -> QuerySet[Task]:
    """Tasks led by an organisation in the user's scope (the task list, and a document's tasks)."""
    return access.restrict(Task.objects.select_related("document", "organisation"), user)


def task_for_view(user: AnyUser, pk: int) -> Task | None:
    """A task of the task list (`tasks_for_user`), with what its page shows joined or prefetched: its
    documents with their keepers (to tell which the user may open) and the units co-operating."""
    return (
        tasks_for_user(user)
        .select_related("document__organisation")
        .prefetch_related(
            Prefetch(
                "bases", queryset=Document.objects.select_related("organisation").order_by("-issued_on", "id")
            ),
            Prefetch("co_organisations", queryset=Organisation.objects.order_by("path")),
        )
        .filter(pk=pk)
        .first()
    )


def task_history(task: Task) -> QuerySet[AuditEntry]:
    """The audit rows of one task, newest first: created, changed, marked done."""
    return (
        AuditEntry.objects.filter(object_type=Task._meta.label_lower, object_id=str(task.pk))
        .select_related("user")
        .order_by("-at", "-id")
    )


def task_for_change(user: AnyUser, pk: int) -> Task:
    """A task the user may edit (its organisation in their MANAGE scope), else 404."""
    return access.get_or_404(
        Task.objects.select_related("document", "organisation"), user, access.Action.MANAGE, pk=pk
    )


def document_tasks(document: Document, *, user: AnyUser) -> QuerySet[Task]:
    """The tasks a document assigns or rests on that the user may see: a directive of the committee
    above shows each organisation the tasks led within its own subtree, not those of its siblings."""
    based = Task.bases.through.objects.filter(document_id=document.pk).values("task_id")
    return tasks_for_user(user).filter(Q(document=document) | Q(pk__in=based))


def tasks_with_status(tasks: QuerySet[Task], cut_off: date) -> list[Task]:
    rows = list(tasks.select_related("document", "organisation").prefetch_related("co_organisations"))
    for task in rows:
        task.status_at = task_status(task.due_on, task.done_on, cut_off)  # type: ignore[attr-defined]
    return rows


def task_counts(tasks: QuerySet[Task], cut_off: date) -> TaskCounts:
    """`count_tasks` in SQL: one aggregate of conditional counts (a province has 40.000 tasks)."""
    done = Q(done_on__isnull=False, done_on__lte=cut_off)
    open_ = Q(due_on__isnull=False) & ~done
    conditions = {
        TaskStatus.ONGOING: Q(due_on__isnull=True),
        TaskStatus.EARLY: done & Q(due_on__isnull=False, done_on__lt=F("due_on")),
        TaskStatus.ON_TIME: done & Q(done_on=F("due_on")),
        TaskStatus.LATE: done & Q(done_on__gt=F("due_on")),
        TaskStatus.IN_PROGRESS: open_ & Q(due_on__gte=cut_off),
        TaskStatus.OVERDUE: open_ & Q(due_on__lt=cut_off),
    }
    counted = tasks.order_by().aggregate(
        **{str(status): Count("pk", filter=condition) for status, condition in conditions.items()}
    )
    return TaskCounts(
        Counter({status: counted[str(status)] for status in conditions if counted[str(status)]})
    )


def follow_candidates(user: AnyUser, document: Document) -> QuerySet[Organisation]:
    """The organisations that may follow `document` by this user's hand: those the user manages, strictly
    below the document's keeper (a document of one's own or of a sibling is not followed)."""
    keeper = document.organisation
    return (
        access.organisations(user, access.Action.MANAGE)
        .filter(path__startswith=keeper.path, valid_to__isnull=True)
        .exclude(pk=keeper.pk)
        .order_by("path")
    )


def document_followers(user: AnyUser, document: Document) -> QuerySet[DocumentFollow]:
    """Who follows the document, among the organisations the user may see (never a sibling's)."""
    return (
        DocumentFollow.objects.filter(document=document, organisation__in=access.organisations(user))
        .select_related("organisation")
        .order_by("organisation__path")
    )
