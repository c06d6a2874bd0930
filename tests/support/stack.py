"""The whole stack as `make run` starts it, for the end-to-end tests (Rasa's environment).

Standard library only: these tests run in `.venv`, where the api's packages are not installed;
scripts/stack.py starts the api from its own environment, `.venv-api`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_stack(env_overrides: dict[str, str], log_path: Path) -> Iterator[str]:
    """Start scripts/stack.py (as `make run` does) on free ports; yield the api's base URL.

    Stops it with Ctrl-C (SIGINT) afterwards and checks that it stopped cleanly.
    """
    port = free_port()
    env = dict(
        os.environ,
        PGB_API_PORT=str(port),
        PGB_RASA_PORT=str(free_port()),
        PGB_ACTIONS_PORT=str(free_port()),
        **env_overrides,
    )
    with log_path.open("w") as log:
        stack = subprocess.Popen(  # noqa: S603
            [sys.executable, "scripts/stack.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 300
    while "is ready (Ctrl-C" not in log_path.read_text():
        if stack.poll() is not None or time.monotonic() > deadline:
            stack.kill()
            raise RuntimeError("the stack did not start:\n" + log_path.read_text()[-3000:])
        time.sleep(1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stack.send_signal(signal.SIGINT)
        code = stack.wait(timeout=60)
    assert code == 0, log_path.read_text()[-3000:]
    assert "stopped" in log_path.read_text()
