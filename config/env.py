"""Small helpers that read settings from the environment and fail loudly on bad values.

A typo in a deployment variable must stop the process at start-up, not surface as odd behaviour later.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


class ImproperlyConfiguredValue(ValueError):
    """An environment variable holds a value the settings cannot use."""


_TRUE = {"true", "1", "on"}
_FALSE = {"false", "0", "off"}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfiguredValue(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    # "yes" and "no" are refused on purpose: one accepted spelling per meaning keeps configs greppable.
    raise ImproperlyConfiguredValue(f"{name} must be one of true/false/1/0/on/off, not {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfiguredValue(f"{name} must be an integer, not {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfiguredValue(f"{name} must be at least {minimum}, not {number}")
    if maximum is not None and number > maximum:
        raise ImproperlyConfiguredValue(f"{name} must be at most {maximum}, not {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(item == "" for item in items):
        raise ImproperlyConfiguredValue(f"{name} has an empty item: {value!r}")
    return items


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfiguredValue(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_mapping(
    name: str, default: dict[str, int], *, minimum: int = 0, maximum: int = 366
) -> dict[str, int]:
    """`key=number,key=number`, every key known from `default`; keys left out keep their default."""
    result = dict(default)
    for item in env_list(name, []):
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or key not in default:
            raise ImproperlyConfiguredValue(f"{name}: {item!r} is not one of {sorted(default)}=<number>")
        try:
            number = int(raw.strip())
        except ValueError:
            raise ImproperlyConfiguredValue(f"{name}: {item!r} needs a whole number") from None
        if not minimum <= number <= maximum:
            raise ImproperlyConfiguredValue(f"{name}: {item!r} must be between {minimum} and {maximum}")
        result[key] = number
    return result


def parse_database_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """Turn `postgres://user:pass@host:port/name?opt=v` or `sqlite:///path` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative.db is relative to the project, sqlite:////abs/path.db absolute.
        raw = unquote(parts.path)[1:]
        if not raw:
            raise ImproperlyConfiguredValue("DATABASE_URL for sqlite needs a file path")
        path = Path(raw)
        if not path.is_absolute():
            path = base_dir / path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfiguredValue("DATABASE_URL for PostgreSQL needs a database name")
        options: dict[str, Any] = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfiguredValue(f"DATABASE_URL has a bad port: {url!r}") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": options,
        }
    raise ImproperlyConfiguredValue(f"DATABASE_URL scheme must be sqlite or postgres, not {parts.scheme!r}")
