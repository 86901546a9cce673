from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """The request as views see it, with django-htmx's `htmx` attribute."""

    htmx: HtmxDetails
