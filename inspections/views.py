from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import access
from committees.access import Action
from committees.models import Member, Organisation
from core.forms import errors_into
from core.query import UncountedPage
from inspections import selectors, services
from inspections.filters import InspectionFilterSet
from inspections.forms import (
    ConclusionForm,
    FollowUpForm,
    InspectionForm,
    OrganisationPickForm,
    PlannedItemForm,
    ProgrammeForm,
    RecommendationFormSet,
    TeamFormSet,
    inspection_initial,
)
from inspections.models import Inspection
from resolutions.models import Document
from resolutions.selectors import documents_for_user
from resolutions.taskstatus import task_status


def _can_inspect_any(request: HttpRequest) -> bool:
    return bool(access.organisations(request.user, Action.INSPECT)[:1])


def inspection_list(request: HttpRequest) -> HttpResponse:
    filterset = InspectionFilterSet(
        request.GET, queryset=selectors.inspections_for_user(request.user), request=request
    )
    page = UncountedPage(filterset.qs.order_by("-decided_on", "-id"), request.GET.get("page"), 50)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_inspect": _can_inspect_any(request),
        },
    )


def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(selectors.inspections_for_user(request.user), pk=pk)
    today = timezone.localdate()
    tasks = list(selectors.recommendations(inspection, user=request.user))
    for task in tasks:
        task.status_at = task_status(task.due_on, task.done_on, today)  # type: ignore[attr-defined]
        # The inspected organisation marks its recommendations done here as on the notice's page.
        task.can_enter = access.can(request.user, Action.ENTER, task.organisation)  # type: ignore[attr-defined]
    can_inspect = access.can(request.user, Action.INSPECT, inspection.organisation)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            **selectors.inspection_detail(inspection, user=request.user),
            "tasks": tasks,
            "can_inspect": can_inspect,
            "follow_up_form": FollowUpForm(initial={"follow_up_on": today}) if can_inspect else None,
        },
    )


def _team(formset: Any) -> list[services.TeamData]:
    return [
        services.TeamData(
            role=f.cleaned_data["role"],
            member=f.cleaned_data.get("member"),
            person_name=f.cleaned_data.get("person_name", ""),
            title=f.cleaned_data.get("title", ""),
        )
        for f in formset
        if f.cleaned_data.get("member") or f.cleaned_data.get("person_name")
    ]


def _subjects(data: dict[str, Any]) -> list[services.SubjectData]:
    subjects = [services.SubjectData(organisation=o) for o in data["subject_organisations"]]
    subjects += [
        services.SubjectData(organisation=m.organisation, member=m)
        for m in data["subject_members"].select_related("organisation")
    ]
    return subjects


def _team_formset(request: HttpRequest, organisation: Organisation, initial: Any = None) -> Any:
    members = Member.objects.filter(organisation__path__startswith=organisation.path).order_by(
        "full_name_folded", "id"
    )
    return TeamFormSet(request.POST or None, prefix="team", initial=initial, form_kwargs={"members": members})


def _save(
    request: HttpRequest, form: InspectionForm, formset: Any, save: Callable[..., Inspection], **which: Any
) -> HttpResponse | None:
    """Saves a valid posted form through `save` (services.inspection_create with the organisation, or
    inspection_update with the inspection) and redirects to the inspection; None when there is nothing to
    save or the service refused it, its errors then on the form."""
    if not (request.method == "POST" and form.is_valid() and formset.is_valid()):
        return None
    data = form.cleaned_data
    try:
        inspection = save(
            **which,
            acting_user=request.user,
            team=_team(formset),
            subjects=_subjects(data),
            subject_documents=list(data["subject_documents"]),
            **{name: data[name] for name in InspectionForm.DATA_FIELDS},
        )
    except ValidationError as error:
        errors_into(form, error)
        return None
    messages.success(request, _("Đã lưu cuộc kiểm tra, giám sát."))
    return redirect("inspections:inspection_detail", pk=inspection.pk)


def inspection_create(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations(request.user, Action.INSPECT).filter(valid_to__isnull=True)
    if not organisations.exists():
        raise Http404
    picker = OrganisationPickForm(request.POST or request.GET or None, organisations=organisations)
    organisation = picker.cleaned_data["organisation"] if picker.is_bound and picker.is_valid() else None
    if organisation is None:
        return render(request, "inspections/inspection_form.html", {"picker": picker, "form": None})
    readable = documents_for_user(request.user)
    form = InspectionForm(
        request.POST or None,
        organisation=organisation,
        readable_documents=readable,
        initial={"planned_item": request.GET.get("planned_item")},
    )
    formset = _team_formset(request, organisation)
    saved = _save(request, form, formset, services.inspection_create, organisation=organisation)
    if saved is not None:
        return saved
    return render(
        request,
        "inspections/inspection_form.html",
        {"picker": picker, "form": form, "formset": formset, "organisation": organisation},
    )


def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_or_404(
        Inspection.objects.select_related("organisation"), request.user, Action.INSPECT, pk=pk
    )
    organisation = inspection.organisation
    form = InspectionForm(
        request.POST or None,
        organisation=organisation,
        readable_documents=documents_for_user(request.user),
        initial=inspection_initial(inspection),
    )
    initial = [
        {"role": t.role, "member": t.member_id, "person_name": t.person_name, "title": t.title}
        for t in inspection.team.all()
    ]
    formset = _team_formset(request, organisation, initial)
    fresh = Inspection.objects.get(pk=inspection.pk)
    saved = _save(request, form, formset, services.inspection_update, inspection=fresh)
    if saved is not None:
        return saved
    return render(
        request,
        "inspections/inspection_form.html",
        {
            "picker": None,
            "form": form,
            "formset": formset,
            "organisation": organisation,
            "inspection": inspection,
        },
    )


def inspection_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_or_404(
        Inspection.objects.select_related("organisation"), request.user, Action.INSPECT, pk=pk
    )
    if inspection.conclusion_id is not None:
        messages.error(request, _("Cuộc kiểm tra, giám sát này đã có thông báo kết luận."))
        return redirect("inspections:inspection_detail", pk=inspection.pk)
    subject_orgs = Organisation.objects.filter(pk__in=inspection.subjects.values("organisation_id")).order_by(
        "path"
    )
    form = ConclusionForm(request.POST or None)
    formset = RecommendationFormSet(
        request.POST or None, prefix="rec", form_kwargs={"organisations": subject_orgs}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        recommendations = [
            services.RecommendationData(
                organisation=f.cleaned_data["organisation"],
                title=f.cleaned_data["title"],
                due_on=f.cleaned_data.get("due_on"),
            )
            for f in formset
            if f.cleaned_data.get("title")
        ]
        try:
            with transaction.atomic():
                services.inspection_conclude(
                    inspection=inspection,
                    acting_user=request.user,
                    recommendations=recommendations,
                    **form.cleaned_data,
                )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã ban hành thông báo kết luận."))
            return redirect("inspections:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "inspections/conclusion_form.html",
        {"inspection": inspection, "form": form, "formset": formset},
    )


@require_POST
def inspection_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_or_404(
        Inspection.objects.select_related("organisation"), request.user, Action.INSPECT, pk=pk
    )
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_follow_up(
                inspection=inspection,
                on=form.cleaned_data["follow_up_on"],
                notes=form.cleaned_data["follow_up_notes"],
                acting_user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã ghi kết quả kiểm tra việc thực hiện kết luận."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("inspections:inspection_detail", pk=inspection.pk)


def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = selectors.programmes_for_user(request.user)
    year = request.GET.get("year", "")
    if year.isdigit() and len(year) == 4:
        programmes = programmes.filter(year=int(year))
    page = Paginator(programmes.order_by("-year", "organisation__path"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/programme_list.html",
        {"page": page, "year": year, "can_inspect": _can_inspect_any(request), "query": ""},
    )


def programme_create(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations(request.user, Action.INSPECT).filter(valid_to__isnull=True)
    if not organisations.exists():
        raise Http404
    documents = access.restrict(Document.objects.all(), request.user, Action.INSPECT).order_by("-issued_on")
    form = ProgrammeForm(
        request.POST or None,
        organisations=organisations,
        documents=documents,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã lưu chương trình kiểm tra, giám sát."))
            return redirect("inspections:programme_detail", pk=programme.pk)
    return render(request, "inspections/programme_form.html", {"form": form})


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.programmes_for_user(request.user), pk=pk)
    can_inspect = access.can(request.user, Action.INSPECT, programme.organisation)
    subtree = Organisation.objects.filter(path__startswith=programme.organisation.path, valid_to__isnull=True)
    form = PlannedItemForm(request.POST or None, organisations=subtree)
    if request.method == "POST":
        if not can_inspect:
            raise Http404
        if form.is_valid():
            try:
                services.planned_item_create(
                    programme=programme, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                errors_into(form, error)
            else:
                messages.success(request, _("Đã thêm nội dung vào chương trình."))
                return redirect("inspections:programme_detail", pk=programme.pk)
    return render(
        request,
        "inspections/programme_detail.html",
        {
            "programme": programme,
            "items": selectors.programme_items(programme),
            "can_inspect": can_inspect,
            "form": form if can_inspect else None,
        },
    )
