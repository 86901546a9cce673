from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from targets import selectors


def target_list(request: HttpRequest) -> HttpResponse:
    return render(request, "targets/target_list.html", {"targets": selectors.targets_for_user(request.user)})
