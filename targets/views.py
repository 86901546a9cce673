from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import access
from committees.access import Action
from committees.models import Organisation
from committees.selectors import organisation_ancestors
from core.forms import errors_into
from core.http import HtmxHttpRequest
from core.query import UncountedPage
from core.vn import VnValueError, parse_date
from targets import cycle, selectors, services
from targets import dashboard as dashboard_builder
from targets.filters import TargetFilterSet
from targets.forms import ReadingEntryForm, SplitForm, TargetForm
from targets.models import Target
from targets.outcomes import achievement, rollups
from targets.outcomes.metrics import metric_of
from targets.periods import Period, PeriodError, parse_period

TARGETS_PER_PAGE = 50


def target_list(request: HttpRequest) -> HttpResponse:
    filterset = TargetFilterSet(
        request.GET, queryset=selectors.targets_for_user(request.user), request=request
    )
    page = UncountedPage(filterset.qs, request.GET.get("page"), TARGETS_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "targets/target_list.html", {"filter": filterset, "page": page, "query": query.urlencode()}
    )


def _period_or_404(code: str) -> Period:
    try:
        return parse_period(code)
    except PeriodError:
        raise Http404 from None


def _grid_cut_off(request: HttpRequest, period: Period) -> date:
    """The cut-off of the grid: as asked, else today, kept inside the period."""
    raw = request.GET.get("cut_off") or request.POST.get("cut_off")
    if raw:
        try:
            return parse_date(raw)
        except VnValueError:
            pass
    today = timezone.localdate()
    return min(max(today, period.start), period.end)


def _page_cut_off(request: HttpRequest) -> date:
    """The cut-off a page was asked for (`?cut_off=31/12/2024`), else today."""
    raw = request.GET.get("cut_off")
    if raw:
        try:
            return parse_date(raw)
        except VnValueError:
            pass
    return timezone.localdate()


def entry_grid(request: HttpRequest, org_pk: int, period: str) -> HttpResponse:
    organisation = access.get_or_404(
        Organisation.objects.all(), request.user, Action.ENTER, field="", pk=org_pk
    )
    parsed = _period_or_404(period)
    cut_off = _grid_cut_off(request, parsed)
    rows = selectors.entry_rows(organisation, parsed, cut_off)
    return render(
        request,
        "targets/entry_grid.html",
        {
            "organisation": organisation,
            "ancestors": organisation_ancestors(organisation),
            "period": parsed,
            "cut_off": cut_off,
            "rows": [(row, None) for row in rows],
        },
    )


@require_POST
def entry_save(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Save one row of the grid; htmx swaps the row with the recomputed % and status, or the errors."""
    target = access.get_or_404(
        Target.objects.select_related("organisation"), request.user, Action.ENTER, pk=pk
    )
    form = ReadingEntryForm(request.POST, target=target)
    saved = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.reading_record(
                target=target,
                cut_off=data["cut_off"],
                value=data["value"],
                done=data["done"],
                previous=data["previous"],
                kind=data["kind"],
                note=data["note"],
                reason=data["reason"],
                expected_current=data["expected"],
                acting_user=request.user,
            )
        except services.ReadingConflict as conflict:
            form.add_error(None, conflict.messages[0])
        except ValidationError as error:
            errors_into(form, error)
    cut_off = form.cleaned_data.get("cut_off") or target.period_end
    row = selectors.entry_row(target, cut_off, saved=saved)
    if request.htmx:
        return render(
            request,
            "targets/entry_grid.html#row",
            {"row": row, "form": None if saved else form, "cut_off": cut_off, "saved": saved is not None},
        )
    if saved:
        messages.success(request, _("Đã lưu số liệu."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    url = reverse("targets:entry_grid", args=[target.organisation_id, target.period])
    return redirect(f"{url}?cut_off={cut_off:%d/%m/%Y}")


def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.get_or_404(
        Target.objects.select_related("organisation", "document", "parent"), request.user, pk=pk
    )
    history = list(selectors.reading_history(target))
    cut_off = _page_cut_off(request)
    # Its status at the cut-off as the dashboard, the grid and the API give it (final once the period is over).
    outcome = rollups.with_outcome(Target.objects.filter(pk=target.pk), cut_off).get()
    trend = [
        {"cut_off": r.cut_off.isoformat(), "value": float(r.value) if r.value is not None else None}
        for r in sorted((r for r in history if r.is_current), key=lambda r: r.cut_off)
    ]
    # The plan on the chart, so a reader sees how far the readings are from it; ranks read best at the top.
    trend_plan = {
        "levels": [float(level) for level in achievement.plan_levels(services.plan_of(target))],
        "label": _("Kế hoạch"),
        "reverse": target.shape == "rank",
    }
    return render(
        request,
        "targets/target_detail.html",
        {
            "target": target,
            "trend_plan": trend_plan,
            "ancestors": organisation_ancestors(target.organisation),
            "history": history,
            "trend": trend,
            "split": selectors.children_sum(target),
            "can_enter": access.can(request.user, Action.ENTER, target.organisation),
            "outcome": outcome,
            "cut_off": cut_off,
            "metric": _metric_context(target, cut_off),
        },
    )


def _metric_context(target: Target, cut_off: date) -> dict[str, object] | None:
    """For a target whose actual comes from a register: its formula and what it counts now, with the link
    to the counted rows (targets.outcomes.metrics)."""
    metric = metric_of(target.source)
    if metric is None:
        return None
    day = min(max(cut_off, target.period_start), target.period_end)
    return {
        "metric": metric,
        "value": metric.compute(target.organisation, target.period_start, day),
        "day": day,
    }


@require_POST
def metric_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the register metric's value as the target's reading at the asked day (staff of the owner)."""
    target = access.get_or_404(
        Target.objects.select_related("organisation"), request.user, Action.ENTER, pk=pk
    )
    try:
        day = parse_date(request.POST.get("cut_off", ""))
    except VnValueError as error:
        messages.error(request, error.message)
        return redirect("targets:target_detail", pk=target.pk)
    try:
        recorded = services.metric_record(target=target, cut_off=day, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Đã cập nhật số liệu từ sổ.") if recorded else _("Số liệu từ sổ không thay đổi.")
        )
    return redirect(f"{reverse('targets:target_detail', args=[target.pk])}?cut_off={day:%d/%m/%Y}")


def home(request: HttpRequest) -> HttpResponse:
    """After login: the dashboard of the user's own organisation."""
    organisation = access.home_organisation(request.user)
    if organisation is None:
        return render(request, "committees/no_role.html")
    return dashboard(request, organisation.pk)  # type: ignore[arg-type]


def dashboard(request: HtmxHttpRequest, org_pk: int) -> HttpResponse:
    organisation = access.get_or_404(Organisation.objects.all(), request.user, field="", pk=org_pk)
    today = timezone.localdate()
    asked = dashboard_builder.dashboard_query(organisation, request.GET, today)
    filterset, data, period, cut_off = asked.filterset, asked.data, asked.period, asked.cut_off
    if asked.errors:
        messages.error(request, " ".join(e for errors in asked.errors.values() for e in errors))
    sort = request.GET.get("sort", "name")
    if sort not in dashboard_builder.SORTS:
        sort = "name"
    shape, filters = filterset.narrowing()
    board = dashboard_builder.build(
        organisation,
        period,
        cut_off,
        shape=shape,
        filters=filters,
        status=data.get("status") or None,
        sort=sort,
    )
    query = request.GET.copy()
    query.pop("sort", None)
    context = {
        "board": board,
        "filter": filterset,
        "ancestors": organisation_ancestors(organisation),
        "sort": sort,
        "query": query.urlencode(),
        "can_enter": access.can(request.user, Action.ENTER, organisation),
        "first_steps": not dashboard_builder.has_targets(organisation, today),
        "cycle_period": cycle.period_for_cut_off(cut_off, today),
        "chart_children": [
            {
                "name": row.organisation.name,
                "mean_pct": float(row.rollup.mean_pct) if row.rollup.mean_pct is not None else 0,
                "tone": row.tone,
            }
            for row in board.children
            if row.rollup.total
        ],
        "chart_status": {
            "exceeded": board.headline.exceeded,
            "met": board.headline.met - board.headline.exceeded,
            "on_track": board.headline.on_track,
            "behind": board.headline.behind,
            "not_met": board.headline.not_met,
            "no_data": board.headline.no_data,
        },
    }
    template = "targets/dashboard.html"
    if request.htmx and not request.htmx.boosted:
        template += "#board"
    return render(request, template, context)


def document_targets(request: HttpRequest, document_pk: int) -> HttpResponse:
    """The targets a document set, with their latest outcome: included in the document page by htmx."""
    from resolutions.selectors import documents_for_user

    document = get_object_or_404(documents_for_user(request.user), pk=document_pk)
    today = timezone.localdate()
    targets = rollups.with_outcome(
        selectors.targets_for_user(request.user).filter(document=document), today
    ).order_by("organisation__path", "period_start", "position")
    return render(request, "targets/document_targets.html", {"targets": targets})


def _form_choices(request: HttpRequest, organisation: Organisation) -> dict[str, object]:
    from resolutions.selectors import documents_for_user

    return {
        "documents": documents_for_user(request.user).order_by("-issued_on"),
        "parents": selectors.targets_for_user(request.user).filter(
            organisation_id__in=[*organisation.ancestor_ids, organisation.pk]
        ),
    }


def target_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = access.get_or_404(
        Organisation.objects.all(), request.user, Action.MANAGE, field="", pk=org_pk
    )
    form = TargetForm(request.POST or None, **_form_choices(request, organisation))  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_create(
                organisation=organisation, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu."))
            return redirect("targets:target_detail", pk=target.pk)
    return render(
        request, "targets/target_form.html", {"form": form, "organisation": organisation, "target": None}
    )


def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.get_or_404(
        Target.objects.select_related("organisation"), request.user, Action.MANAGE, pk=pk
    )
    form = TargetForm(request.POST or None, instance=target, **_form_choices(request, target.organisation))  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        try:
            services.target_update(
                target=Target.objects.get(pk=target.pk), acting_user=request.user, **changes
            )
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("Đã cập nhật chỉ tiêu; đánh giá các số liệu đã được tính lại."))
            return redirect("targets:target_detail", pk=target.pk)
    return render(
        request,
        "targets/target_form.html",
        {"form": form, "organisation": target.organisation, "target": target},
    )


def target_split(request: HttpRequest, pk: int) -> HttpResponse:
    target = access.get_or_404(
        Target.objects.select_related("organisation"), request.user, Action.MANAGE, pk=pk
    )
    children = target.organisation.children.filter(valid_to__isnull=True).order_by("path")
    form = SplitForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        shares = form.shares()
        if not shares:
            form.add_error(None, _("Nhập kế hoạch cho ít nhất một tổ chức trực thuộc."))
        else:
            try:
                services.target_split(target=target, shares=shares, acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Đã phân bổ chỉ tiêu cho %(n)s tổ chức.") % {"n": len(shares)})
                return redirect("targets:target_detail", pk=target.pk)
    return render(request, "targets/target_split.html", {"form": form, "target": target})
