"""The API's pagination, filter backend and error messages, named in settings.REST_FRAMEWORK.

Kept apart from committees/api.py: REST framework imports these while it loads its own views, so this
module must not import them back.

REST framework ships almost no Vietnamese, and callers are told in Vietnamese what went wrong like the pages
tell people: the errors REST framework raises itself are reworded here (field errors of a request body by
`vn_errors`, the rest by `exception_handler`). Messages our own code raises are Vietnamese already.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from core.fields import decimal_problem

MAX_PAGE_SIZE = 200


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = _("Trang không tồn tại.")


class UncountedPagination(Pagination):
    """Pages without a total, for the long lists (readings, targets, documents): counting the 2,6 million
    readings or 1,4 million targets of a province took longer than reading the page itself (a walk down an
    index in the list's order that stops after one page). Whether a next page exists is told by asking for
    one row more than the page holds; the answer has `next`, `previous` and `results`, no `count`."""

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        self.request = request
        self.size = self.get_page_size(request) or self.page_size
        raw = request.query_params.get(self.page_query_param) or "1"
        self.number = int(raw) if raw.isdigit() and 0 < int(raw) < 10**9 else 0
        if not self.number:
            raise NotFound(self.invalid_page_message)
        start = (self.number - 1) * self.size
        rows = list(queryset[start : start + self.size + 1])
        if self.number > 1 and not rows:
            raise NotFound(self.invalid_page_message)
        self.more = len(rows) > self.size
        return rows[: self.size]

    def get_next_link(self) -> str | None:
        if not self.more:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.page_query_param, self.number + 1)

    def get_previous_link(self) -> str | None:
        if self.number == 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"].pop("count")
        paged["required"] = ["results"]
        return paged


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend; a view may hand its FilterSet extra arguments (the tasks' cut-off)."""

    def get_filterset_kwargs(self, request: Any, queryset: Any, view: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_filterset_kwargs(request, queryset, view)
        extra = getattr(view, "filterset_extra_kwargs", None)
        if extra is not None:
            kwargs.update(extra())
        return kwargs


def vn_errors(**overrides: Any) -> dict[str, Any]:
    """Vietnamese error messages for a serializer field (REST framework fills the {placeholders})."""
    return {
        "required": _("Trường này là bắt buộc."),
        "null": _("Trường này không được để trống."),
        "blank": _("Trường này không được để trống."),
        "invalid": _("Giá trị không hợp lệ."),
        "max_length": _("Không được dài quá {max_length} ký tự."),
        "min_value": _("Giá trị phải từ {min_value} trở lên."),
        "max_value": _("Giá trị không được lớn hơn {max_value}."),
        "max_digits": _("Không được quá {max_digits} chữ số."),
        "max_decimal_places": _("Không được quá {max_decimal_places} chữ số thập phân."),
        "max_whole_digits": _("Phần nguyên không được quá {max_whole_digits} chữ số."),
        "max_string_length": _("Giá trị quá lớn."),
        "invalid_choice": _("«{input}» không phải là lựa chọn hợp lệ."),
        "datetime": _("Cần một ngày (YYYY-MM-DD), không kèm giờ."),
        **overrides,
    }


# Django reads SQLite's numbers through a float of 15 significant digits (its DecimalField converter).
class StoredDecimalField(serializers.DecimalField):
    """A decimal to be stored: refused, never rounded, when the database would not keep it exactly
    (core.fields.decimal_problem, the rule the reading service applies to every path)."""

    default_error_messages = {"stored_digits": "{message}"}

    def validate_precision(self, value: Decimal) -> Decimal:
        value = super().validate_precision(value)
        problem = decimal_problem(value)
        if problem:
            self.fail("stored_digits", message=problem)
        return value


# What REST framework says in English, said in Vietnamese; replaced only where the message is REST
# framework's own (a PermissionDenied raised by our code keeps its message).
REWORDED: list[tuple[type[exceptions.APIException], Any, bool]] = [
    (
        exceptions.NotAuthenticated,
        _("Chưa xác thực: gửi khóa API trong tiêu đề Authorization: Token <khóa>."),
        True,
    ),
    (exceptions.AuthenticationFailed, _("Khóa API không hợp lệ hoặc đã bị thu hồi."), True),
    (exceptions.PermissionDenied, _("Bạn không có quyền thực hiện thao tác này."), False),
    (exceptions.NotFound, _("Không tìm thấy."), False),
    (exceptions.MethodNotAllowed, _("Phương thức không được hỗ trợ ở địa chỉ này."), True),
    (exceptions.NotAcceptable, _("Không trả về được định dạng được yêu cầu; API chỉ trả về JSON."), True),
    (exceptions.UnsupportedMediaType, _("Chỉ nhận nội dung JSON (Content-Type: application/json)."), True),
    (exceptions.ParseError, _("Nội dung gửi lên không phải JSON hợp lệ."), True),
]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    for cls, message, always in REWORDED:
        if isinstance(exc, cls) and (always or str(exc.detail) == str(cls.default_detail)):
            # In place, so that the WWW-Authenticate header REST framework set on the exception stays.
            exc.detail = exceptions.ErrorDetail(str(message), code=exc.default_code)
            break
    return drf_exception_handler(exc, context)
