"""How the API reads a request: its JSON body and its key. Named in settings.REST_FRAMEWORK.

REST framework loads these while it defines its APIView, so this module must not import rest_framework.views
(nor committees/api.py, which does).
"""

from __future__ import annotations

import codecs
from decimal import Decimal
from typing import Any

from django.conf import settings
from rest_framework import exceptions, parsers
from rest_framework.authentication import TokenAuthentication
from rest_framework.utils import json

from committees import selectors, services


class JSONParser(parsers.JSONParser):
    """REST framework's JSON parser, reading numbers with a fraction or an exponent as Decimal, never float.

    A float keeps about 17 significant digits: 0.10000000000000000001 would arrive as 0.1 and
    12345678901234.567891 as 12345678901234.568, both within a reading's 20 digits and 6 places, so they
    were stored rounded without a word. Read as Decimal, the number is the one sent, and the serializer's
    DecimalField stores it exactly or refuses it (too many digits or places) with its Vietnamese message.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.load(
                codecs.getreader(encoding)(stream),
                parse_float=Decimal,
                parse_constant=json.strict_constant if self.strict else None,
            )
        except ValueError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None


class ApiKeyAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, the key looked up by its digest (committees.models.ApiKey).

    A subclass of REST framework's TokenAuthentication for its header parsing and its OpenAPI description.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        api_key = selectors.api_key_for(key)
        if api_key is None or not api_key.user.is_active:
            raise exceptions.AuthenticationFailed()
        services.api_key_mark_used(api_key=api_key)
        return api_key.user, api_key
