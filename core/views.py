"""The shared pages: a user's notices, and the health checks for monitoring."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import selectors, services
from core.query import UncountedPage


def _database_answers() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For monitoring: the database answers, beat recorded its heartbeat and a worker answered one within
    3 × CHITIEU_HEARTBEAT_EVERY seconds. 503 when beat or the worker is down; with beat down nobody asks
    the worker, so its state is "unknown" unless it answered lately."""
    _database_answers()
    seen = selectors.heartbeats()
    since = timezone.now() - timedelta(seconds=3 * settings.CHITIEU_HEARTBEAT_EVERY)
    beat_ok = seen.beat is not None and seen.beat >= since
    worker_ok = seen.worker is not None and seen.worker >= since
    worker = "ok" if worker_ok else "down" if beat_ok else "unknown"
    return JsonResponse(
        {
            "database": "ok",
            "beat": "ok" if beat_ok else "down",
            "worker": worker,
            "beat_last_seen": seen.beat.isoformat() if seen.beat else None,
            "worker_last_seen": seen.worker.isoformat() if seen.worker else None,
        },
        status=200 if beat_ok and worker_ok else 503,
    )


@login_not_required
@never_cache
@require_GET
def healthz_web(request: HttpRequest) -> JsonResponse:
    """For the load balancer and compose's check of the web container: this process and the database
    answer, whatever the background processes do."""
    _database_answers()
    return JsonResponse({"database": "ok"})


NOTICES_PER_PAGE = 50


def notice_list(request: HttpRequest) -> HttpResponse:
    """The user's notices (reminders, decisions of the reporting cycle); POST marks them all read."""
    if request.method == "POST":
        count = services.notices_mark_read(user=request.user)
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
        return redirect("core:notice_list")
    page = UncountedPage(selectors.notices_for_user(request.user), request.GET.get("page"), NOTICES_PER_PAGE)
    return render(request, "core/notice_list.html", {"page": page})
