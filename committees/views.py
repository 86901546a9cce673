from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import access, audit, selectors, services
from committees.access import Action
from committees.filters import AuditFilterSet, MemberFilterSet
from committees.forms import MemberForm, RatingForm
from committees.models import CELL_UPGRADE_THRESHOLD, AuditEntry, Member, Organisation
from core.http import HtmxHttpRequest
from core.query import UncountedPage

MEMBERS_PER_PAGE = 50
AUDIT_PER_PAGE = 50
# The tree's long lists (organisations, cells to upgrade, ratings): a province has 7.000 organisations.
ROWS_PER_PAGE = 100


def _year(request: HttpRequest, name: str, default: int | None) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and 1930 <= int(raw) <= 2100 else default


def _partial(request: HtmxHttpRequest, template: str, name: str) -> str:
    """The page, or only its named partial when htmx swaps part of it."""
    return f"{template}#{name}" if request.htmx and not request.htmx.boosted else template


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for_user(request.user).only("id", "name", "kind", "depth", "code")
    page = Paginator(organisations, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "committees/organisation_list.html", {"page": page, "query": ""})


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.get_or_404(
        Organisation.objects.select_related("merged_into"), request.user, field="", pk=pk
    )
    term = selectors.current_term(organisation)
    statistics = selectors.organisation_statistics(organisation, year=_year(request, "year", None))
    rating_year = _year(request, "rating_year", None) or selectors.latest_rating_year(organisation)
    return render(
        request,
        "committees/organisation_detail.html",
        {
            "organisation": organisation,
            "ancestors": selectors.organisation_ancestors(organisation),
            "children": selectors.organisation_children(organisation),
            "term": term,
            "bodies": selectors.term_bodies(term) if term else [],
            "statistics": statistics,
            "units": selectors.organisation_unit_counts(organisation),
            "ratings": selectors.rating_summary(organisation, rating_year) if rating_year else None,
            "needs_upgrade": organisation.is_cell and statistics.members >= CELL_UPGRADE_THRESHOLD,
            "threshold": CELL_UPGRADE_THRESHOLD,
            "can_manage": access.can(request.user, Action.MANAGE, organisation),
            "can_admin": access.can(request.user, Action.ADMIN, organisation),
        },
    )


def cells_to_upgrade(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.cells_to_upgrade(request.user), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "committees/cells_to_upgrade.html",
        {"page": page, "query": "", "threshold": CELL_UPGRADE_THRESHOLD},
    )


def member_list(request: HtmxHttpRequest) -> HttpResponse:
    filterset = MemberFilterSet(
        request.GET, queryset=selectors.members_for_user(request.user), request=request
    )
    if "organisation" in filterset.errors:
        # An organisation outside the user's scope: as if it did not exist.
        raise Http404
    page = UncountedPage(filterset.qs, request.GET.get("page"), MEMBERS_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        _partial(request, "committees/member_list.html", "results"),
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_create": bool(access.scope_paths(request.user, Action.MANAGE))
            or access.is_superuser(request.user),
        },
    )


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_or_404(Member.objects.select_related("organisation"), request.user, pk=pk)
    return render(
        request,
        "committees/member_detail.html",
        {
            "member": member,
            "ancestors": selectors.organisation_ancestors(member.organisation),
            "seats": selectors.member_seats(member),
            "ratings": selectors.member_ratings(member),
            "can_manage": access.can(request.user, Action.MANAGE, member.organisation),
        },
    )


def member_create(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations(request.user, Action.MANAGE)
    if not organisations.exists():
        raise Http404
    initial = {}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation"] = int(request.GET["organisation"])
    form = MemberForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.member_create(
                organisation=data.pop("organisation"),
                full_name=data.pop("full_name"),
                gender=data.pop("gender"),
                acting_user=request.user,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã thêm đảng viên %(name)s.") % {"name": member.full_name})
            return redirect("committees:member_detail", pk=member.pk)
    return render(request, "committees/member_form.html", {"form": form, "member": None})


def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_or_404(
        Member.objects.select_related("organisation"), request.user, Action.MANAGE, pk=pk
    )
    # The form validates a copy, so that the service's "before" snapshot is the stored state.
    form = MemberForm(
        request.POST or None,
        instance=copy.copy(member),
        organisations=access.organisations(request.user, Action.MANAGE),
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            if changes:
                services.member_update(member=member, acting_user=request.user, **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu thông tin đảng viên %(name)s.") % {"name": member.full_name})
            return redirect("committees:member_detail", pk=member.pk)
    return render(request, "committees/member_form.html", {"form": form, "member": member})


def organisation_ratings(request: HttpRequest, pk: int) -> HttpResponse:
    """Ratings of one year for an organisation and everything below it; staff record them here."""
    organisation = access.get_or_404(Organisation.objects.all(), request.user, field="", pk=pk)
    year = (
        _year(request, "year", None)
        or selectors.latest_rating_year(organisation)
        or timezone.localdate().year
    )
    can_manage = access.can(request.user, Action.MANAGE, organisation)
    form = None
    if can_manage:
        subtree = selectors.organisation_subtree(organisation)
        form = RatingForm(request.POST or None, organisations=subtree, initial={"year": year})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                rating = services.rating_record(
                    organisation=data["organisation"],
                    year=data["year"],
                    level=data["level"],
                    score=data["score"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Đã ghi xếp loại năm %(year)s của %(name)s: %(level)s.")
                    % {
                        "year": rating.year,
                        "name": data["organisation"].name,
                        "level": rating.get_level_display(),
                    },
                )
                return redirect(f"{request.path}?year={rating.year}")
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "committees/organisation_ratings.html",
        {
            "organisation": organisation,
            "ancestors": selectors.organisation_ancestors(organisation),
            "year": year,
            "summary": selectors.rating_summary(organisation, year),
            "page": UncountedPage(
                selectors.organisation_ratings(organisation, year), request.GET.get("page"), ROWS_PER_PAGE
            ),
            "query": f"year={year}",
            "form": form,
        },
    )


def object_history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """ "Lịch sử thay đổi" of one object: for anyone who may view it, every audit row with before/after."""
    history = audit.HISTORIES.get(label)
    if history is None:
        raise Http404
    obj = history.visible(request.user).filter(pk=pk).first()
    if obj is None:
        raise Http404
    condition = Q(object_type=label, object_id=str(pk))
    for other, objects in (history.related(obj, request.user) if history.related else {}).items():
        ids = objects.annotate(audit_id=Cast("pk", CharField())).values("audit_id")
        condition |= Q(object_type=other, object_id__in=ids)
    entries = AuditEntry.objects.filter(condition).select_related("user").order_by("-at", "-id")
    page = UncountedPage(entries, request.GET.get("page"), AUDIT_PER_PAGE)
    return render(
        request,
        "committees/object_history.html",
        {
            "object": obj,
            "type": audit.object_type_label(label),
            "detail_url": reverse(history.url_name, args=[pk]),
            "page": page,
            "rows": audit.audit_rows(page, request.user),
            "query": "",
        },
    )


def audit_list(request: HttpRequest) -> HttpResponse:
    """Every audit row inside the admin's scope, filterable; other users get a 404."""
    user = request.user
    if not access.is_superuser(user) and not access.scope_paths(user, Action.ADMIN):
        raise Http404
    entries = AuditEntry.objects.select_related("user", "organisation")
    if not access.is_superuser(user):
        entries = entries.filter(access.scope_q(user, Action.ADMIN))
    filterset = AuditFilterSet(
        request.GET,
        queryset=entries.order_by("-at", "-id"),
        organisations=access.organisations(user, Action.ADMIN).filter(valid_to__isnull=True),
    )
    if "organisation" in filterset.errors:
        # An organisation outside the admin's scope: as if it did not exist.
        raise Http404
    # A filter that does not read (a date like 31/2) shows its message and no rows, never all of them.
    entries = filterset.qs if filterset.is_valid() else AuditEntry.objects.none()
    page = UncountedPage(entries, request.GET.get("page"), AUDIT_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "committees/audit_list.html",
        {
            "filter": filterset,
            "page": page,
            "rows": audit.audit_rows(page, request.user),
            "query": query.urlencode(),
        },
    )


@login_not_required
def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The login page again, saying why it refuses: called by django-axes after too many failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/login.html",
        {
            "locked_out": _(
                "Đăng nhập sai quá %(n)s lần. Tài khoản này tạm khóa %(minutes)s phút trên máy này; "
                "vui lòng thử lại sau hoặc liên hệ quản trị viên để mở khóa."
            )
            % {"n": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
            "username": (credentials or {}).get("username", "") or request.POST.get("username", ""),
            "next": request.POST.get("next", ""),
        },
        status=429,
    )


def api_token(request: HttpRequest) -> HttpResponse:
    """The user's own API key (Khóa API): see whether one exists, make a new one, or revoke it.

    The key is shown once, on the page that made it (only its digest is stored); afterwards the page shows
    its first characters, when it was made and when it was last used.
    """
    key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if services.api_token_revoke(user=request.user, acting_user=request.user):  # type: ignore[arg-type]
                messages.success(
                    request, _("Đã thu hồi khóa API. Các hệ thống dùng khóa cũ không truy cập được nữa.")
                )
            return redirect("committees:api_token")
        key = services.api_token_issue(user=request.user, acting_user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Đã tạo khóa API mới. Khóa cũ (nếu có) không còn dùng được."))
    api_key = selectors.api_key_of(request.user)
    response = render(request, "committees/api_token.html", {"api_key": api_key, "key": key})
    response["Cache-Control"] = "no-store"
    return response
