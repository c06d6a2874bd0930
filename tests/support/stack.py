"""The whole stack as `make run` starts it, for the end-to-end tests (Rasa's environment).

Standard library only: these tests run in `.venv`, where the api's packages are not installed;
scripts/stack.py starts the api from its own environment, `.venv-api`.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


# Ports for servers that bind seconds later come from below the kernel's ephemeral range
# (32768-60999 by default). There a stand-in server bound to port 0 or an outgoing connection
# of the other test session, which runs beside this one, can never take one first: once a
# stand-in Rasa of the api's tests took the port of the end-to-end stack's Rasa while it
# loaded, and answered its turns.
PORTS = range(10000, max(_ephemeral_start(), 10001))


def free_port() -> int:
    """A port nothing listens on now, for a server started later."""
    while True:
        port = random.choice(PORTS)  # noqa: S311 (a port number, not a secret)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
                continue
        return port


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
