"""What every app's forms share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def errors_into(form: BaseForm, error: ValidationError) -> None:
    """A service's refusal shown on the form that asked for it: each message beside its field, a message
    of no field of the form (or of no field at all) above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
