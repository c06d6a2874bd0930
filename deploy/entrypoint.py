"""The container's entrypoint: `api`, `rasa`, `actions`, `migrate`, `purge`, `create-advisor`
or `healthcheck`.

The commands come from scripts/stack.py, which `make run` and `make cluster` use, so a container
runs what the tests ran. The image holds both environments at the paths stack.py expects
(/app/.venv and /app/.venv-api). Only the defaults differ: a container listens on every
interface of its own network namespace, runs in production, and refuses to start Rasa or the api
without PGB_RASA_TOKEN (stack.py would invent one per start, which two containers cannot share).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import stack  # noqa: E402
from train import current_model  # noqa: E402

COMMANDS = ("api", "rasa", "actions", "migrate", "purge", "create-advisor", "healthcheck")
NEEDS_TOKEN = {"api", "rasa"}


def container_environment(command: str, environ: dict[str, str]) -> dict[str, str]:
    """stack.environment() with a container's defaults; exits when a secret is missing."""
    env = dict(environ)
    env.setdefault("PGB_ENVIRONMENT", "production")
    env.setdefault("PGB_HOST", "0.0.0.0")  # noqa: S104 - the container's own network namespace
    if command in NEEDS_TOKEN and not env.get("PGB_RASA_TOKEN"):
        sys.exit(f"{command}: set PGB_RASA_TOKEN (the same secret for the api and every Rasa)")
    # One Sanic worker per Rasa process: its in-memory lock store is per process
    # (docs/scale-out.md); and a small tracker store pool per replica (the connection budget).
    env.setdefault("SANIC_WORKERS", "1")
    env.setdefault("SQL_POOL_SIZE", "3")
    env.setdefault("SQL_MAX_OVERFLOW", "2")
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        return stack.environment()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def command_line(command: str, env: dict[str, str]) -> list[str]:
    """The process a container runs for `command`."""
    if command == "api":
        return stack.api_service(env, "api", env["PGB_API_PORT"]).command
    if command == "rasa":
        return stack.rasa_service(env, current_model(), "rasa", env["PGB_RASA_PORT"]).command
    if command == "actions":
        return stack.actions_service(env).command
    if command == "migrate":
        return stack.migrate_command()
    api_python = str(stack.API_BIN / "python")
    if command == "purge":
        return [api_python, "-m", "api.cli", "purge"]
    return [api_python, "-m", "api.cli", "create-advisor", *sys.argv[2:]]


def health_url(pid1: list[str], env: dict[str, str]) -> tuple[str, bool]:
    """The URL that tells whether this container's service is healthy (found from the command
    line of its PID 1, since a HEALTHCHECK does not know which command the container runs), and
    whether its JSON must say "ready"."""
    local = "http://127.0.0.1"
    if any(part.endswith("uvicorn") for part in pid1):
        return f"{local}:{env['PGB_API_PORT']}/readyz", False
    if "actions.server" in pid1:
        return f"{local}:{env['PGB_ACTIONS_PORT']}/health", False
    return f"{local}:{env['PGB_RASA_PORT']}/webhooks/pgb_api/", True


def healthcheck(env: dict[str, str]) -> int:
    pid1 = Path("/proc/1/cmdline").read_bytes().decode().split("\0")
    url, needs_ready = health_url([p for p in pid1 if p], env)
    try:
        with urllib.request.urlopen(url, timeout=4) as response:  # noqa: S310 - our own URL
            if response.status != 200:
                return 1
            return 0 if not needs_ready or json.load(response).get("ready") is True else 1
    except (urllib.error.URLError, OSError, ValueError):
        return 1


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "api"
    if command not in COMMANDS:
        print(f"unknown command {command!r}; one of: {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    probing = command == "healthcheck"
    env = container_environment("actions" if probing else command, dict(os.environ))
    if probing:
        return healthcheck(env)
    argv = command_line(command, env)
    os.chdir(ROOT)
    # exec: the service becomes PID 1 and gets the orchestrator's SIGTERM itself.
    os.execve(argv[0], argv, env)  # noqa: S606


if __name__ == "__main__":
    sys.exit(main())
