"""Pages of the reporting cycle: an organisation's half-year submission, who below has reported, the
narrative with its consolidated draft. The rules are in targets/cycle.py, the writes in services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import access
from committees.models import Organisation
from committees.selectors import organisation_ancestors
from targets import cycle, cycle_services, dashboard, selectors
from targets.forms import CompletenessForm, NarrativeForm, TransitionForm
from targets.models import LOCKED_STATUSES
from targets.periods import Period, PeriodError

ROWS_PER_PAGE = 100


def _period_or_404(code: str) -> Period:
    try:
        return cycle.parse_cycle_period(code)
    except PeriodError:
        raise Http404 from None


def _organisation(request: HttpRequest, org_pk: int) -> Organisation:
    return access.get_or_404(Organisation.objects.all(), request.user, field="", pk=org_pk)


def cycle_current(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The organisation's submission for the half-year being reported on now."""
    organisation = _organisation(request, org_pk)
    period = dashboard.default_cycle_period(organisation, timezone.localdate())
    return redirect("targets:cycle_detail", org_pk=organisation.pk, period=period.code)


def cycle_detail(request: HttpRequest, org_pk: int, period: str) -> HttpResponse:
    organisation = _organisation(request, org_pk)
    parsed = _period_or_404(period)
    today = timezone.localdate()
    dues = cycle.deadlines(parsed)
    submission = selectors.submission_of(organisation, parsed)
    form = CompletenessForm(request.GET or None)
    show = form.cleaned_data.get("show", "") if form.is_valid() else ""
    rows = selectors.completeness_rows(organisation, parsed, today, dues, show=show)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    for row in page:
        row.due = cycle.due_of(dues, parsed, row.kind)  # type: ignore[attr-defined]
        row.days_late = cycle.days_late(row.due, today, row.period_status or "")  # type: ignore[attr-defined]
        submitter = row.period_submitted_by  # type: ignore[attr-defined]
        row.may_decide = (  # type: ignore[attr-defined]
            row.parent_id == organisation.pk
            and cycle.may_decide(request.user, row)
            and not cycle.barred_as_submitter(request.user, cycle.Transition.APPROVE, submitter)
        )
    completeness = selectors.completeness(organisation, parsed, today, dues)
    transitions = [t for t, rule in cycle.RULES.items() if submission.status in rule.sources]
    permitted = [t for t in transitions if cycle.may(request.user, t, organisation)]
    barred = [t for t in permitted if cycle.barred_as_submitter(request.user, t, submission.submitted_by_id)]
    allowed = [t for t in permitted if t not in barred]
    due = cycle.due_of(dues, parsed, organisation.kind)
    return render(
        request,
        "targets/cycle_detail.html",
        {
            "organisation": organisation,
            "ancestors": organisation_ancestors(organisation),
            "period": parsed,
            "previous_period": parsed.previous(),
            "next_period": cycle.parse_cycle_period(
                f"{parsed.year}-H2" if parsed.start.month == 1 else f"{parsed.year + 1}-H1"
            ),
            "submission": submission,
            "due": due,
            "days_late": cycle.days_late(due, today, submission.status),
            "actions": [(t, cycle.RULES[t]) for t in allowed],
            "barred_note": cycle.barred_message() if barred else "",
            "narrative": selectors.narrative_of(organisation, parsed),
            "may_write": cycle.may(request.user, cycle.Transition.SUBMIT, organisation),
            "flagged": selectors.flagged_readings(organisation, parsed),
            "completeness": completeness,
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "transition_form": TransitionForm(),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_POST
def cycle_transition(request: HttpRequest, org_pk: int, period: str, transition: str) -> HttpResponse:
    organisation = _organisation(request, org_pk)
    parsed = _period_or_404(period)
    try:
        move = cycle.Transition(transition)
    except ValueError:
        raise Http404 from None
    if not cycle.may(request.user, move, organisation):
        raise Http404
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            cycle_services.submission_transition(
                organisation=organisation,
                period=parsed,
                transition=move,
                comment=form.cleaned_data["comment"],
                acting_user=request.user,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _DONE[move] % {"org": organisation.name, "period": parsed.label()})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("targets:cycle_detail", org_pk=organisation.pk, period=parsed.code)


_DONE = {
    cycle.Transition.SUBMIT: _("Đã gửi báo cáo %(period)s của %(org)s lên cấp trên."),
    cycle.Transition.APPROVE: _("Đã duyệt báo cáo %(period)s của %(org)s."),
    cycle.Transition.RETURN: _("Đã trả lại báo cáo %(period)s của %(org)s để chỉnh sửa."),
    cycle.Transition.REOPEN: _("Đã mở lại báo cáo %(period)s của %(org)s để sửa."),
}


def narrative_edit(request: HttpRequest, org_pk: int, period: str) -> HttpResponse:
    """The organisation's four sections, beside the consolidated draft of its children's."""
    organisation = _organisation(request, org_pk)
    if not cycle.may(request.user, cycle.Transition.SUBMIT, organisation):
        raise Http404
    parsed = _period_or_404(period)
    narrative = selectors.narrative_of(organisation, parsed)
    sections = selectors.consolidated_narrative(organisation, parsed)
    submission = selectors.submission_of(organisation, parsed)
    locked = submission.status in LOCKED_STATUSES
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        if form.is_valid():
            try:
                cycle_services.narrative_save(
                    organisation=organisation, period=parsed, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Đã lưu phần thuyết minh."))
                return redirect("targets:cycle_detail", org_pk=organisation.pk, period=parsed.code)
    elif request.GET.get("tong_hop"):
        # Start from the children's texts: the organisation's own text first, then theirs, marked.
        initial = {}
        for section in sections:
            own = getattr(narrative, section.name)
            initial[section.name] = "\n\n".join(part for part in (own, section.text()) if part)
        form = NarrativeForm(initial=initial)
    else:
        form = NarrativeForm(initial={name: getattr(narrative, name) for name in narrative.SECTIONS})
    return render(
        request,
        "targets/narrative_form.html",
        {
            "organisation": organisation,
            "ancestors": organisation_ancestors(organisation),
            "period": parsed,
            "form": form,
            "sections": sections,
            "locked": locked,
            "has_children_text": any(section.parts for section in sections),
        },
    )


def cycle_panel(request: HttpRequest, org_pk: int) -> HttpResponse:
    """A small panel for the dashboard and the organisation page (loaded by htmx)."""
    organisation = _organisation(request, org_pk)
    today = timezone.localdate()
    try:
        period = cycle.parse_cycle_period(request.GET.get("period", ""))
    except PeriodError:
        period = dashboard.default_cycle_period(organisation, today)
    dues = cycle.deadlines(period)
    submission = selectors.submission_of(organisation, period)
    due = cycle.due_of(dues, period, organisation.kind)
    return render(
        request,
        "targets/cycle_panel.html",
        {
            "organisation": organisation,
            "period": period,
            "submission": submission,
            "due": due,
            "reports": cycle.reports(organisation) or organisation.parent_id is None,
            "days_late": cycle.days_late(due, today, submission.status),
            "completeness": selectors.completeness(organisation, period, today, dues),
        },
    )
