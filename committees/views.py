from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from committees import access, selectors
from committees.models import Organisation, WorkerPing


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for_user(request.user).only("id", "name", "kind", "depth", "code")
    return render(request, "committees/organisation_list.html", {"organisations": organisations})


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.get_or_404(Organisation.objects.all(), request.user, field="", pk=pk)
    return render(
        request,
        "committees/organisation_detail.html",
        {
            "organisation": organisation,
            "ancestors": selectors.organisation_ancestors(organisation),
            "children": selectors.organisation_children(organisation),
        },
    )


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and compose health checks: the database answers, and when the worker last did."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    last = WorkerPing.objects.filter(answered_at__isnull=False).order_by("-answered_at").first()
    return JsonResponse(
        {
            "database": "ok",
            "worker_last_seen": last.answered_at.isoformat() if last and last.answered_at else None,
        }
    )
