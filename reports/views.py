from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports import selectors


def report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/report_list.html", {"reports": selectors.reports_for_user(request.user)})
