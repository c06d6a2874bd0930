"""Helpers shared by test packages: a migrated database and the api served over a real socket."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from alembic import command
from alembic.config import Config

from api.main import create_app
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def migrate(url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve_api(settings: Settings) -> Iterator[str]:
    """Run the api with uvicorn in a thread; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the api did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def running_stack(env_overrides: dict[str, str], log_path: Path) -> Iterator[str]:
    """Start scripts/stack.py (as `make run` does) on free ports; yield the api's base URL.

    Stops it with Ctrl-C (SIGINT) afterwards and checks that it stopped cleanly.
    """
    import os
    import signal
    import subprocess
    import sys

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
