from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from resolutions import selectors


def document_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "resolutions/document_list.html", {"documents": selectors.documents_for_user(request.user)}
    )
