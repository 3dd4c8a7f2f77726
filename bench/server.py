"""gunicorn as in production (`gunicorn intercambio.wsgi`, sync workers, whitenoise), bound
to 127.0.0.1 on a free port, always stopped by the caller's `finally`."""

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, *, env: dict[str, str], workers: int, log_path: Path, cwd: Path) -> None:
        self.env = env
        self.workers = workers
        self.log_path = log_path
        self.cwd = cwd
        self.port = 0
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> None:
        self.port = free_port()
        command = [
            sys.executable, "-m", "gunicorn", "intercambio.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--error-logfile", "-",
            "--log-level", "warning",
        ]  # fmt: skip
        log = self.log_path.open("w")
        # Its own session: a Ctrl-C reaches only this script, whose `finally` stops gunicorn
        # in order instead of racing it.
        self.process = subprocess.Popen(
            command, env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with code {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(
            f"gunicorn did not answer /healthz in {timeout:.0f} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # gunicorn: graceful shutdown of the workers
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
