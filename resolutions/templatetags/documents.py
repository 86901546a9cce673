from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from resolutions.models import LinkKind

register = template.Library()


@register.filter
def task_label(status: str) -> str:
    labels = {
        "early": _("Hoàn thành trước hạn"),
        "on_time": _("Hoàn thành đúng hạn"),
        "late": _("Hoàn thành trễ hạn"),
        "in_progress": _("Đang thực hiện trong hạn"),
        "overdue": _("Chưa hoàn thành, quá hạn"),
        "ongoing": _("Thường xuyên"),
    }
    return labels.get(status, status)


@register.filter
def link_label(kind: str) -> str:
    try:
        return str(LinkKind(kind).label)
    except ValueError:
        return kind
