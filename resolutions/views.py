from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committees import access, audit
from committees.access import Action
from core.forms import errors_into
from core.http import HtmxHttpRequest
from core.query import UncountedPage
from core.uploads import download_response
from core.vn import VnValueError, parse_date
from resolutions import selectors, services
from resolutions.filters import DocumentFilterSet, TaskFilterSet
from resolutions.forms import DocumentEditForm, DocumentForm, PasteForm, TaskDoneForm, TaskForm
from resolutions.models import Document, Task
from resolutions.number_search import find_citations, find_numbers
from resolutions.numbering import parse_number
from resolutions.taskstatus import task_status
from resolutions.widgets import SEARCH_PARAMETER, chosen_ids, option_rows


def document_list(request: HttpRequest) -> HttpResponse:
    filterset = DocumentFilterSet(
        request.GET, queryset=selectors.documents_for_user(request.user), request=request
    )
    page = UncountedPage(filterset.qs.order_by("-issued_on", "-id"), request.GET.get("page"), 50)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "resolutions/document_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_manage": bool(access.organisations(request.user, Action.MANAGE)[:1]),
        },
    )


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    document = get_object_or_404(selectors.documents_for_user(user), pk=pk)
    cut_off = _cut_off(request)
    visible_tasks = selectors.document_tasks(document, user=user)
    tasks = selectors.tasks_with_status(visible_tasks.order_by("due_on", "id"), cut_off)
    return render(
        request,
        "resolutions/document_detail.html",
        {
            "document": document,
            "chain": selectors.chain_above(document, user=user),
            "tree": selectors.tree_below(document, user=user),
            "others": selectors.other_links(document, user=user),
            "tasks": tasks,
            "counts": selectors.task_counts(visible_tasks, cut_off),
            "cut_off": cut_off,
            "can_enter": access.can(request.user, Action.ENTER, document.organisation),
            "can_change": access.can(request.user, Action.MANAGE, document.organisation),
            "can_add_task": access.organisations(request.user, Action.MANAGE).exists(),
            **_follow_context(request, document),
        },
    )


def _follow_context(request: HttpRequest, document: Document) -> dict[str, Any]:
    followers = list(selectors.document_followers(request.user, document))
    candidates = list(selectors.follow_candidates(request.user, document))
    following = {f.organisation_id for f in followers}
    return {
        "followers": followers,
        "follow_choices": [o for o in candidates if o.pk not in following],
        "unfollow_ids": {o.pk for o in candidates} & following,
    }


@require_POST
def document_follow(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Follow (or, with `stop`, stop following) a document of a committee above, for an organisation the
    user manages below its keeper; any other organisation is a 404, as an unknown one."""
    document = get_object_or_404(selectors.documents_for_user(request.user), pk=pk)
    raw = request.POST.get("organisation", "")
    organisation = get_object_or_404(
        selectors.follow_candidates(request.user, document), pk=int(raw) if raw.isdigit() else 0
    )
    if request.POST.get("stop"):
        services.document_unfollow(document=document, organisation=organisation, acting_user=request.user)
    else:
        services.document_follow(document=document, organisation=organisation, acting_user=request.user)
    if request.htmx and not request.htmx.boosted:
        context = {"document": document, **_follow_context(request, document)}
        return render(request, "resolutions/document_detail.html#follow", context)
    return redirect("resolutions:document_detail", pk=document.pk)


def document_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """The attached file, to whoever may see the document; there is no other way to reach it."""
    document = get_object_or_404(selectors.documents_for_user(request.user), pk=pk)
    stored = document.attachment.name if document.attachment else None
    if not stored or not document.attachment.storage.exists(stored):
        raise Http404
    return download_response(document.attachment, document.attachment_name or stored)


def _cut_off(request: HttpRequest):  # type: ignore[no-untyped-def]
    raw = request.GET.get("cut_off")
    if raw:
        try:
            return parse_date(raw)
        except VnValueError as error:
            messages.error(request, error.message)
    return timezone.localdate()


def document_create(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations(request.user, Action.MANAGE)
    if not organisations.exists():
        return render(request, "committees/no_role.html", status=404)
    documents = selectors.documents_for_user(request.user).order_by("-issued_on")
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        documents=documents,
        initial={
            "raw_number": request.GET.get("raw_number", ""),
            "citation": request.GET.get("citation", ""),
        },
    )
    refused: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():

        def create() -> Document:
            # One transaction: a refused attachment or link leaves no half-made document behind.
            with transaction.atomic():
                return _create_document(request, form.cleaned_data)

        saved = _save_document(request, form, create)
        if isinstance(saved, HttpResponse):
            return saved
        refused = saved
    return render(request, "resolutions/document_form.html", {"form": form, **refused})


def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a document kept by the user's organisations, or complete its number later."""
    document = access.get_or_404(
        Document.objects.select_related("organisation", "issuing_body"), request.user, Action.MANAGE, pk=pk
    )
    initial = {
        "raw_number": document.raw_number or document.canonical_number,
        "citation": document.citation,
        "title": document.title,
        "issued_on": document.issued_on,
        "issuing_body": document.issuing_body,
        "issuer_name": document.issuer_name,
        "status": document.status,
        "term_label": document.term_label,
    }
    form = DocumentEditForm(request.POST or None, initial=initial)
    refused: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
        saved = _save_document(
            request,
            form,
            lambda: services.document_update(document=document, acting_user=request.user, **changes),
        )
        if isinstance(saved, HttpResponse):
            return saved
        refused = saved
    return render(request, "resolutions/document_edit.html", {"form": form, "document": document, **refused})


def _save_document(
    request: HttpRequest, form: Form, save: Callable[[], Document]
) -> HttpResponse | dict[str, Any]:
    """Saves through `save` and redirects to the document; when refused, the errors go on the form and the
    page's context says whether the number is another document's, shown if the user may see it."""
    try:
        document = save()
    except services.DuplicateNumber as error:
        form.add_error("raw_number", error.messages)
        duplicate = selectors.duplicate_visible(request.user, error.existing)
        return {"duplicate": duplicate, "duplicate_hidden": duplicate is None}
    except ValidationError as error:
        errors_into(form, error)
        return {}
    messages.success(request, _("Đã lưu văn bản %(number)s.") % {"number": document.reference})
    return redirect("resolutions:document_detail", pk=document.pk)


def _create_document(request: HttpRequest, data: dict[str, Any]) -> Document:
    """The document, its attachment and its link: the caller holds the transaction."""
    document = services.document_create(
        raw_number=data["raw_number"],
        title=data["title"],
        organisation=data["organisation"],
        issued_on=data["issued_on"],
        issuer_name=data["issuer_name"],
        # A document of a body outside the tree (the Politburo) is not the managing organisation's.
        issuer_organisation=data["organisation"]
        if data["raw_number"]
        and not data["issuing_body"]
        and parse_number(data["raw_number"]).system == "party"
        else None,
        issuing_body=data["issuing_body"],
        citation=data["citation"],
        status=data["status"],
        term_label=data["term_label"],
        acting_user=request.user,
    )
    if data.get("attachment"):
        services.document_update(document=document, attachment=data["attachment"], acting_user=request.user)
    if data.get("implements"):
        services.document_link(
            source=document,
            target=data["implements"],
            kind=data["link_kind"],
            acting_user=request.user,
        )
    return document


def number_check(request: HtmxHttpRequest) -> HttpResponse:
    """As the person types a number: what the parser makes of it, and whether it is already recorded
    (htmx). A document the person may not see is only said to exist, as saving would reveal anyway."""
    raw = request.GET.get("raw_number", "")
    parsed = parse_number(raw) if raw.strip() else None
    taken = selectors.number_taken(request.user, parsed.canonical) if parsed and parsed.canonical else None
    return render(request, "resolutions/document_form.html#number_check", {"parsed": parsed, "taken": taken})


DOCUMENT_OPTIONS = 20  # offered at a time: typing more words narrows them


@require_GET
def document_options(request: HttpRequest) -> HttpResponse:
    """The `<option>`s of a document picker (resolutions.widgets): the documents chosen in it (under the
    select's name, `field`), then those whose number or title holds the words typed, among the documents
    the picker may offer (`scope`, `organisation`: selectors.picker_documents)."""
    documents = selectors.picker_documents(
        request.user, scope=request.GET.get("scope", ""), organisation=request.GET.get("organisation", "")
    )
    chosen = chosen_ids(request.GET.getlist(request.GET.get("field", "document")[:200]))[:DOCUMENT_OPTIONS]
    kept = option_rows(documents.filter(pk__in=chosen)) if chosen else []
    rows = selectors.document_options(
        documents.exclude(pk__in=chosen) if chosen else documents,
        request.GET.get(SEARCH_PARAMETER, "")[:200],
        limit=DOCUMENT_OPTIONS,
    )
    multiple = bool(request.GET.get("multiple"))
    return render(
        request,
        "resolutions/document_options.html",
        {
            "rows": kept + rows,
            "chosen": {str(pk) for pk, _label in kept},
            "blank": None if multiple else request.GET.get("blank", "")[:100] or _("Tất cả"),
            "more": len(rows) == DOCUMENT_OPTIONS,
        },
    )


def task_list(request: HttpRequest) -> HttpResponse:
    cut_off = _cut_off(request)
    filterset = TaskFilterSet(
        request.GET, queryset=selectors.tasks_for_user(request.user), request=request, cut_off=cut_off
    )
    tasks = filterset.qs.order_by("due_on", "id")
    page = UncountedPage(tasks.prefetch_related("bases"), request.GET.get("page"), 50)
    ids = [task.pk for task in page.object_list]
    editable = set(
        access.restrict(Task.objects.filter(pk__in=ids), request.user, Action.MANAGE).values_list(
            "pk", flat=True
        )
    )
    for task in page.object_list:
        task.status_at = task_status(task.due_on, task.done_on, cut_off)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "resolutions/task_list.html",
        {
            "filter": filterset,
            "page": page,
            "counts": selectors.task_counts(tasks, cut_off),
            "cut_off": cut_off,
            "query": query.urlencode(),
            "editable": editable,
            "can_manage": access.organisations(request.user, Action.MANAGE).exists(),
        },
    )


TASK_HISTORY_PER_PAGE = 50


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A task as whoever may see it in the task list reads it (leaders and secretaries too): its bases,
    units, deadline, status and history; the edit page is for those who manage its organisation."""
    user = request.user
    task = selectors.task_for_view(user, pk)
    if task is None:
        raise Http404
    cut_off = _cut_off(request)
    task.status_at = task_status(task.due_on, task.done_on, cut_off)  # type: ignore[attr-defined]
    # A basis kept by another branch (a sibling's plan that a city admin chose) is named, never linked:
    # documents_for_user's rule, read for each document from its keeper.
    document = (task.document, access.can_read(user, task.document.organisation)) if task.document else None
    bases = [(d, access.can_read(user, d.organisation)) for d in task.bases.all()]
    page = UncountedPage(selectors.task_history(task), request.GET.get("page"), TASK_HISTORY_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "resolutions/task_detail.html",
        {
            "task": task,
            "document": document,
            "bases": bases,
            "co_organisations": list(task.co_organisations.all()),
            "cut_off": cut_off,
            "page": page,
            "rows": audit.audit_rows(page, user),
            "query": query.urlencode(),
            "can_change": access.can(user, Action.MANAGE, task.organisation),
        },
    )


def _task_form(request: HttpRequest, **kwargs: Any) -> TaskForm:
    return TaskForm(
        request.POST or None,
        organisations=access.organisations(request.user, Action.MANAGE).order_by("path"),
        documents=selectors.documents_for_user(request.user).order_by("-issued_on", "-id"),
        **kwargs,
    )


def _task_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": data["title"],
        "organisation": data["organisation"],
        "lead_unit": data["lead_unit"],
        "co_units": data["co_units"],
        "document": data["document"],
        "due_on": data["due_on"],
        "done_on": data["done_on"],
        "code": data["code"],
    }


def task_create(request: HttpRequest) -> HttpResponse:
    """A task on any document the user may read (a directive of the committee above included), on
    several, or on none; led by an organisation the user manages."""
    if not access.organisations(request.user, Action.MANAGE).exists():
        return render(request, "committees/no_role.html", status=404)
    initial = {}
    document_pk = request.GET.get("document", "")
    if document_pk.isdigit():
        initial["document"] = selectors.documents_for_user(request.user).filter(pk=int(document_pk)).first()
    form = _task_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_create(
                **_task_fields(data),
                bases=tuple(data["bases"]),
                co_organisations=tuple(data["co_organisations"]),
                acting_user=request.user,
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            if task.document_id:
                return redirect("resolutions:document_detail", pk=task.document_id)
            return redirect("resolutions:task_list")
    return render(request, "resolutions/task_form.html", {"form": form, "task": None})


def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for_change(request.user, pk)
    initial = {
        **{k: getattr(task, k) for k in ("title", "organisation", "lead_unit", "co_units", "document")},
        "due_on": task.due_on,
        "done_on": task.done_on,
        "code": task.code,
        "bases": list(task.bases.all()),
        "co_organisations": list(task.co_organisations.all()),
    }
    form = _task_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_update(
                task=task,
                bases=tuple(data["bases"]),
                co_organisations=tuple(data["co_organisations"]),
                acting_user=request.user,
                **_task_fields(data),
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("resolutions:task_list")
    return render(request, "resolutions/task_form.html", {"form": form, "task": task})


@require_POST
def task_done(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    task = access.get_or_404(
        Task.objects.select_related("document", "organisation"), request.user, Action.ENTER, pk=pk
    )
    form = TaskDoneForm(request.POST)
    if form.is_valid():
        try:
            services.task_mark_done(task=task, done_on=form.cleaned_data["done_on"], acting_user=request.user)
        except ValidationError as error:
            for messages_ in error.message_dict.values():
                form.add_error("done_on", messages_)
    task.status_at = task_status(task.due_on, task.done_on, timezone.localdate())  # type: ignore[attr-defined]
    context = {"task": task, "form": form if form.errors else None, "can_enter": True}
    if request.htmx:
        return render(request, "resolutions/document_detail.html#task_row", context)
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    if task.document_id is None:
        return redirect("resolutions:task_list")
    return redirect("resolutions:document_detail", pk=task.document_id)


def paste_find(request: HttpRequest) -> HttpResponse:
    """Paste an article: every document number in it, linked where recorded, offered for creation otherwise."""
    form = PasteForm(request.POST or None)
    results = []
    citations = []
    if request.method == "POST" and form.is_valid():
        found = find_numbers(form.cleaned_data["text"])
        cited: set[str] = set()
        for citation in find_citations(form.cleaned_data["text"], numbers=found):
            if citation.text in cited:
                continue
            cited.add(citation.text)
            citations.append(
                {"citation": citation, "documents": selectors.citation_matches(request.user, citation.text)}
            )
        canonical = {f.parsed.canonical for f in found if f.parsed.canonical}
        recorded = {
            d.canonical_number: d
            for d in selectors.documents_for_user(request.user).filter(canonical_number__in=canonical)
        }
        seen: set[str] = set()
        for f in found:
            key = f.parsed.canonical or f.text
            if key in seen:
                continue
            seen.add(key)
            results.append({"found": f, "document": recorded.get(key)})
    return render(
        request,
        "resolutions/paste.html",
        {"form": form, "results": results, "citations": citations, "submitted": request.method == "POST"},
    )
