"""Configuration from the environment: strict parsing, clean exits, secure deployment."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from intercambio.env import (
    database_from_url,
    email_from_url,
    env_bool,
    env_choice,
    env_directory,
    env_int,
    env_list,
    env_log_level,
    env_timezone,
)

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


def test_env_timezone_accepts_iana_names_and_rejects_others(monkeypatch):
    assert env_timezone("TIME_ZONE", "America/Sao_Paulo") == "America/Sao_Paulo"
    monkeypatch.setenv("TIME_ZONE", "UTC")
    assert env_timezone("TIME_ZONE", "America/Sao_Paulo") == "UTC"
    for bad in ["Mars/Base", "America", "../etc/passwd", "/etc/passwd"]:
        monkeypatch.setenv("TIME_ZONE", bad)
        with pytest.raises(ImproperlyConfigured, match=f"TIME_ZONE={bad!r} is not a known time"):
            env_timezone("TIME_ZONE", "UTC")


def test_env_log_level_accepts_the_five_levels_in_any_case(monkeypatch):
    assert env_log_level("LOG_LEVEL", "WARNING") == "WARNING"
    monkeypatch.setenv("LOG_LEVEL", "debug")
    assert env_log_level("LOG_LEVEL", "WARNING") == "DEBUG"
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    with pytest.raises(ImproperlyConfigured, match="one of DEBUG, INFO, WARNING, ERROR, CRITICAL"):
        env_log_level("LOG_LEVEL", "WARNING")


def test_env_choice_rejects_values_outside_the_choices(monkeypatch):
    monkeypatch.setenv("COLOUR", "green")
    with pytest.raises(ImproperlyConfigured, match="COLOUR='green' is not accepted"):
        env_choice("COLOUR", "red", ["red", "blue"])


def test_env_directory_creates_missing_directories(monkeypatch, tmp_path):
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "a" / "b"))
    assert env_directory("DATA_DIR", tmp_path) == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()


def test_env_directory_turns_os_errors_into_configuration_errors(monkeypatch, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a directory")
    monkeypatch.setenv("DATA_DIR", str(a_file))
    with pytest.raises(ImproperlyConfigured, match="is a file, not a directory"):
        env_directory("DATA_DIR", tmp_path)
    monkeypatch.setenv("DATA_DIR", str(a_file / "below"))
    with pytest.raises(ImproperlyConfigured, match="cannot be created: Not a directory"):
        env_directory("DATA_DIR", tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any directory")
def test_env_directory_rejects_a_directory_it_cannot_write_to(monkeypatch, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("DATA_DIR", str(locked))
    with pytest.raises(ImproperlyConfigured, match="is not a writable directory"):
        env_directory("DATA_DIR", tmp_path)
    monkeypatch.setenv("DATA_DIR", str(locked / "below"))
    with pytest.raises(ImproperlyConfigured, match="cannot be created: Permission denied"):
        env_directory("DATA_DIR", tmp_path)


def bad_environments(tmp_path: Path) -> list[tuple[dict[str, str], str]]:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a directory")
    data_dir = str(tmp_path / "data")
    return [
        (
            {"TIME_ZONE": "Mars/Base", "DATA_DIR": data_dir},
            "configuration error: TIME_ZONE='Mars/Base' is not a known time zone",
        ),
        (
            {"LOG_LEVEL": "LOUD", "DATA_DIR": data_dir},
            "configuration error: LOG_LEVEL='LOUD' is not accepted",
        ),
        (
            {"DATA_DIR": str(a_file)},
            f"configuration error: DATA_DIR={str(a_file)!r} is a file, not a directory",
        ),
        (
            {"DATA_DIR": str(a_file / "below")},
            f"configuration error: DATA_DIR={str(a_file / 'below')!r} cannot be created",
        ),
    ]


def assert_one_line_exit(result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "configuration error" in line] == [
        line for line in result.stderr.splitlines() if line.strip()
    ], "more than the one-line message on stderr"


def test_bad_time_zone_log_level_or_data_dir_stop_the_command_cleanly(tmp_path):
    for environment, message in bad_environments(tmp_path):
        assert_one_line_exit(run_command("check", **environment), message)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def test_wsgi_application_stops_cleanly_on_bad_configuration(tmp_path):
    for environment, message in bad_environments(tmp_path):
        assert_one_line_exit(run_python("import intercambio.wsgi", **environment), message)
    good = run_python("import intercambio.wsgi", DATA_DIR=str(tmp_path / "data"))
    assert good.returncode == 0, good.stderr


def test_gunicorn_with_preload_stops_with_the_message_on_bad_configuration(tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(TIME_ZONE="Mars/Base", DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [str(gunicorn), "intercambio.wsgi", "--preload", "--bind", "127.0.0.1:0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
    )
    assert_one_line_exit(result, "configuration error: TIME_ZONE='Mars/Base'")


# --- bin/serve ------------------------------------------------------------------------------
# The script runs with stand-ins for `intercambio` and `gunicorn` that record their process id
# and wait; the gunicorn stand-in quits on INT and TERM as gunicorn does, the worker stand-in
# only on TERM (a background job of a script ignores INT, and so does the real db_worker).

STAND_IN = """#!{python}
import os, signal, sys, time
from pathlib import Path

here = Path(__file__).resolve().parent
if sys.argv[1:2] == ["demo"]:
    print("member@example.org")
    sys.exit(0)
name = "worker" if sys.argv[1:2] == ["db_worker"] else "web"
if name == "web":
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: sys.exit(0))
(here / f"{{name}}.pid").write_text(str(os.getpid()))
while True:
    time.sleep(0.1)
"""


def start_serve(tmp_path: Path) -> tuple[subprocess.Popen, dict[str, int]]:
    stand_ins = tmp_path / "bin"
    stand_ins.mkdir()
    for name in ["intercambio", "gunicorn"]:
        script = stand_ins / name
        script.write_text(STAND_IN.format(python=sys.executable))
        script.chmod(0o755)
    process = subprocess.Popen(
        ["bash", str(ROOT / "bin" / "serve")],
        cwd=ROOT,
        env={**os.environ, "BIN": str(stand_ins), "PORT": "8999"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    deadline = time.monotonic() + 30
    pids: dict[str, int] = {}
    while len(pids) < 2 and time.monotonic() < deadline:
        for name in ["web", "worker"]:
            pid_file = stand_ins / f"{name}.pid"
            if pid_file.exists() and pid_file.read_text():
                pids[name] = int(pid_file.read_text())
        time.sleep(0.05)
    if len(pids) < 2:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"bin/serve did not start both processes: {pids}")
    return process, pids


def running(pid: int) -> bool:
    """Whether the process lives (an exited child nobody has reaped yet does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rpartition(")")[2].split()[0] == "Z")


@pytest.mark.parametrize(
    ("how", "exit_code"),
    [("TERM to the script", 143), ("Ctrl-C", 130)],
)
def test_serve_stops_web_server_and_worker(tmp_path, how, exit_code):
    process, pids = start_serve(tmp_path)
    try:
        if how == "Ctrl-C":  # the terminal sends INT to the whole foreground process group
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == exit_code
        assert {name: running(pid) for name, pid in pids.items()} == {
            "web": False,
            "worker": False,
        }
    finally:
        for pid in [process.pid, *pids.values()]:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
