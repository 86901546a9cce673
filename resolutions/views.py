from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import access
from committees.access import Action
from core.http import HtmxHttpRequest
from core.uploads import download_response
from core.vn import VnValueError, parse_date
from resolutions import selectors, services
from resolutions.filters import DocumentFilterSet, TaskFilterSet
from resolutions.forms import DocumentForm, PasteForm, TaskDoneForm
from resolutions.models import Document, Task
from resolutions.numbering import find_numbers, parse_number
from resolutions.taskstatus import task_status


def document_list(request: HttpRequest) -> HttpResponse:
    filterset = DocumentFilterSet(
        request.GET, queryset=selectors.documents_for_user(request.user), request=request
    )
    page = Paginator(filterset.qs.order_by("-issued_on", "-id"), 50).get_page(request.GET.get("page"))
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
        },
    )


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
        initial={"raw_number": request.GET.get("raw_number", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # One transaction: a refused attachment or link leaves no half-made document behind.
            with transaction.atomic():
                document = _create_document(request, data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã lưu văn bản %(number)s.") % {"number": document.canonical_number})
            return redirect("resolutions:document_detail", pk=document.pk)
    return render(request, "resolutions/document_form.html", {"form": form})


def _create_document(request: HttpRequest, data: dict[str, Any]) -> Document:
    """The document, its attachment and its link: the caller holds the transaction."""
    document = services.document_create(
        raw_number=data["raw_number"],
        title=data["title"],
        organisation=data["organisation"],
        issued_on=data["issued_on"],
        issuer_name=data["issuer_name"],
        issuer_organisation=data["organisation"]
        if parse_number(data["raw_number"]).system == "party"
        else None,
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


def task_list(request: HttpRequest) -> HttpResponse:
    cut_off = _cut_off(request)
    filterset = TaskFilterSet(
        request.GET, queryset=selectors.tasks_for_user(request.user), request=request, cut_off=cut_off
    )
    tasks = filterset.qs.order_by("due_on", "id")
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
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
        },
    )


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
    return redirect("resolutions:document_detail", pk=task.document_id)


def paste_find(request: HttpRequest) -> HttpResponse:
    """Paste an article: every document number in it, linked where recorded, offered for creation otherwise."""
    form = PasteForm(request.POST or None)
    results = []
    if request.method == "POST" and form.is_valid():
        found = find_numbers(form.cleaned_data["text"])
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
        {"form": form, "results": results, "submitted": request.method == "POST"},
    )
