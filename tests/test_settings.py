"""Configuration from the environment: strict parsing, clean exits, secure deployment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from intercambio.env import database_from_url, email_from_url, env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[1]


def run_command(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "intercambio", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def test_env_bool_accepts_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False


def test_env_bool_rejects_other_values(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False)


def test_env_int_rejects_text_and_values_below_minimum(monkeypatch):
    monkeypatch.setenv("SIZE", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("SIZE", 1)
    monkeypatch.setenv("SIZE", "0")
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("SIZE", 1, minimum=1)


def test_env_list_rejects_empty_items(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list("HOSTS", [])


def test_database_url_sqlite_uses_wal_and_immediate_transactions(tmp_path):
    config = database_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_database_url_postgresql_uses_psycopg():
    config = database_from_url("postgresql://postgres@127.0.0.1:5432/intercambio")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("127.0.0.1", 5432, "intercambio")


def test_database_url_rejects_unsupported_scheme():
    with pytest.raises(ImproperlyConfigured, match="scheme 'mysql' is not supported"):
        database_from_url("mysql://root@localhost/db")


def test_email_url_variants(tmp_path):
    smtp = email_from_url("smtp+tls://user:p%40ss@mail.example:2525", mail_dir=tmp_path)
    assert smtp["EMAIL_HOST"] == "mail.example"
    assert (smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == (2525, True)
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss"
    files = email_from_url("file:///", mail_dir=tmp_path)
    assert files["EMAIL_FILE_PATH"] == str(tmp_path)
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        email_from_url("pigeon://coop", mail_dir=tmp_path)


def test_bad_environment_variable_exits_cleanly_without_traceback(tmp_path):
    result = run_command("check", DEBUG="sometimes", DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "configuration error: DEBUG='sometimes' is not a boolean" in result.stderr
    assert "Traceback" not in result.stderr


def test_deploy_check_prints_no_warning_with_debug_off(tmp_path):
    result = run_command(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        DATA_DIR=str(tmp_path),
        SECRET_KEY="a-production-secret-that-is-long-and-random-4f9c1e0b7d2a6e8f3c5b",
        ALLOWED_HOSTS="intercambio.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_secret_key_is_generated_once_and_kept(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    environment.update(DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="intercambio.settings")
    first, second = (
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=environment,
            check=True,
        ).stdout
        for _ in range(2)
    )
    assert len(first.strip()) >= 50
    assert first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
