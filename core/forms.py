"""Helpers for the forms of every app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def errors_into(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each field's messages beside that field, the rest
    (and messages for fields the form does not have) at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
