"""The OpenAPI schema: served by the app, and the copy kept in the repo is the one the code generates."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.api.conftest import token_client

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
REGENERATE = "uv run python manage.py spectacular --file docs/openapi.yaml --validate"


def generated(tmp_path: Path) -> str:
    out = tmp_path / "openapi.yaml"
    with translation.override("vi"):
        call_command("spectacular", "--file", str(out), "--validate", "--fail-on-warn", stderr=StringIO())
    return out.read_text(encoding="utf-8")


def test_the_committed_schema_is_the_generated_one(tmp_path: Path) -> None:
    assert COMMITTED.read_text(encoding="utf-8") == generated(tmp_path), (
        f"docs/openapi.yaml is out of date with the API: regenerate it with `{REGENERATE}` and commit it"
    )


def test_the_app_serves_the_schema(alice: User) -> None:
    response = token_client(alice).get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/readings/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/readings/"]
    assert schema == yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
