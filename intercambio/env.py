"""Strict readers for settings taken from the environment.

Every reader raises ImproperlyConfigured naming the variable and what it accepts, so a typo
in a deployment stops the process with a sentence instead of a surprising default.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum of {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={value!r} has an empty item; separate with commas.")
    return items


def env_url(name: str, default: str) -> str:
    """An absolute http(s) address without a trailing slash, e.g. https://intercambio.example."""
    value = env_str(name, default)
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an absolute http(s) address such as https://example.org."
        )
    return value.rstrip("/")


def env_path(name: str, default: Path) -> Path:
    value = env_str(name)
    return Path(value).expanduser().resolve() if value else default


def env_directory(name: str, default: Path) -> Path:
    """A directory the process writes to, created when missing (e.g. DATA_DIR)."""
    path = env_path(name, default)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ImproperlyConfigured(f"{name}={str(path)!r} is a file, not a directory.") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImproperlyConfigured(f"{name}={str(path)!r} cannot be created: {reason}.") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ImproperlyConfigured(f"{name}={str(path)!r} is not a writable directory.")
    return path


def env_choice(name: str, default: str, choices: list[str]) -> str:
    """One of `choices`, matched without regard to case and returned as spelled there."""
    value = env_str(name, default)
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(
        f"{name}={value!r} is not accepted; use one of {', '.join(choices)}."
    )


LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def env_log_level(name: str, default: str) -> str:
    return env_choice(name, default, LOG_LEVELS)


def env_timezone(name: str, default: str) -> str:
    """An IANA time zone name such as America/Sao_Paulo or UTC."""
    value = env_str(name, default)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a known time zone; use a name such as "
            "America/Sao_Paulo or UTC."
        ) from None
    return value


def database_from_url(url: str) -> dict:
    """Parse DATABASE_URL into Django's DATABASES entry (SQLite or PostgreSQL only)."""
    import dj_database_url

    scheme = urlsplit(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {scheme!r} is not supported; use sqlite:///path "
            "or postgresql://user@host:port/name."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=0)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from None
    if scheme == "sqlite":
        if not config["NAME"] or config["NAME"] == ":memory:":
            raise ImproperlyConfigured("DATABASE_URL for SQLite needs a file path.")
        config.update(sqlite_options())
    else:
        config.setdefault("OPTIONS", {})
        config["CONN_HEALTH_CHECKS"] = True
    return config


def sqlite_options() -> dict:
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN, so two writers queue on busy_timeout instead of failing with "database is locked".
    return {
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    }


def email_from_url(url: str, *, mail_dir: Path) -> dict:
    """Parse EMAIL_URL: smtp://, smtp+tls://, smtp+ssl://, file:///dir, console:, memory:."""
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme in {"console", "memory", "dummy"}:
        backend = {"console": "console", "memory": "locmem", "dummy": "dummy"}[scheme]
        return {"EMAIL_BACKEND": f"django.core.mail.backends.{backend}.EmailBackend"}
    if scheme == "file":
        path = Path(unquote(parts.path)) if parts.path not in {"", "/"} else mail_dir
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(path),
        }
    if scheme in {"smtp", "smtp+tls", "smtp+ssl"}:
        if not parts.hostname:
            raise ImproperlyConfigured(f"EMAIL_URL {url!r} has no host.")
        try:
            port = parts.port or {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}[scheme]
        except ValueError:
            raise ImproperlyConfigured(f"EMAIL_URL {url!r} has a bad port.") from None
        query = parse_qs(parts.query)
        timeout = query.get("timeout", ["10"])[0]
        if not timeout.isdigit():
            raise ImproperlyConfigured(f"EMAIL_URL timeout {timeout!r} is not a whole number.")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtp+ssl",
            "EMAIL_TIMEOUT": int(timeout),
        }
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {scheme!r} is not supported; use smtp://, smtp+tls://, smtp+ssl://, "
        "file:///directory, console: or memory:."
    )
