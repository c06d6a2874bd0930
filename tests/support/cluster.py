"""api workers as production runs them: separate uvicorn processes on one database (the api's
environment). Each is started from this interpreter, waits until GET /readyz answers 200, and
stops with SIGTERM (uvicorn's graceful shutdown)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2

from tests.support.stack import ROOT, free_port

GRACEFUL_S = 5


class ApiWorker:
    def __init__(self, name: str, env: dict[str, str], log_folder: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_folder / f"{name}.log"
        # Only what the test sets: no PGB_ variable of the machine leaks in.
        base = {k: v for k, v in os.environ.items() if not k.startswith("PGB_")}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory"]
                + ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]
                + ["--timeout-graceful-shutdown", str(GRACEFUL_S)],
                cwd=ROOT,
                env={**base, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def ready(self) -> bool:
        try:
            return httpx2.get(f"{self.url}/readyz", timeout=2).status_code == 200
        except httpx2.HTTPError:
            return False

    def wait_until(self, ready: bool, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while self.ready() != ready:
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(GRACEFUL_S + 10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]
