"""The Dockerfile and deploy/entrypoint.py: a container runs the commands scripts/stack.py runs,
builds what the Makefile builds, and refuses to start without the shared secret."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType
from typing import Any

import pytest

from tests.deploy.conftest import DEPLOY, ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()
TOKEN = "a-token-of-thirty-two-characters"  # noqa: S105


@pytest.fixture(scope="module")
def entrypoint() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pgb_entrypoint", DEPLOY / "entrypoint.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def env(entrypoint: ModuleType, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("PGB_MODEL", "/app/models/pgb.tar.gz")
    environment: dict[str, str] = entrypoint.container_environment(
        "rasa", {"PGB_RASA_TOKEN": TOKEN, "PGB_MODEL": "/app/models/pgb.tar.gz"}
    )
    return environment


def test_a_container_runs_what_stack_py_runs(entrypoint: ModuleType, env: dict[str, str]) -> None:
    stack: Any = sys.modules["stack"]
    from pathlib import Path

    model = Path(env["PGB_MODEL"])
    assert entrypoint.command_line("api", env) == stack.api_service(env, "api", "8000").command
    assert (
        entrypoint.command_line("rasa", env) == stack.rasa_service(env, model, "r", "5005").command
    )
    assert entrypoint.command_line("actions", env) == stack.actions_service(env).command
    assert entrypoint.command_line("migrate", env) == stack.migrate_command()


def test_a_container_listens_beyond_itself_in_production(env: dict[str, str]) -> None:
    assert env["PGB_HOST"] == "0.0.0.0"  # noqa: S104
    assert env["PGB_ENVIRONMENT"] == "production"
    assert env["PGB_RASA_TOKEN"] == TOKEN
    assert env["RASA_TELEMETRY_ENABLED"] == "false"


@pytest.mark.parametrize("command", ["api", "rasa"])
def test_no_token_no_start(entrypoint: ModuleType, command: str) -> None:
    with pytest.raises(SystemExit, match="PGB_RASA_TOKEN"):
        entrypoint.container_environment(command, {})


def test_the_healthcheck_follows_the_running_command(
    entrypoint: ModuleType, env: dict[str, str]
) -> None:
    def url(pid1: list[str]) -> tuple[str, bool]:
        found: tuple[str, bool] = entrypoint.health_url(pid1, env)
        return found

    assert url(["/app/.venv-api/bin/uvicorn", "api.main:create_app"])[0].endswith(":8000/readyz")
    # PID 1 is the process the entrypoint execs, with the command line it passes.
    assert url(entrypoint.command_line("actions", env))[0].endswith(":5055/health")
    assert url(entrypoint.command_line("rasa", env)) == (
        "http://127.0.0.1:5005/webhooks/pgb_api/",
        True,
    )


def test_manifests_and_compose_use_the_entrypoints_commands(
    entrypoint: ModuleType, objects: list[dict[str, Any]], compose: dict[str, Any]
) -> None:
    from tests.deploy.conftest import pod_spec

    used = {
        container["args"][0]
        for obj in objects
        if (spec := pod_spec(obj))
        for container in spec["containers"]
    }
    used |= {s["command"][0] for s in compose["services"].values() if "build" in s}
    assert used == {"api", "rasa", "actions", "migrate", "purge"}
    assert used <= set(entrypoint.COMMANDS)


def test_the_image_builds_what_the_makefile_builds() -> None:
    makefile = (ROOT / "Makefile").read_text()
    train = re.search(r"^train:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert train
    steps = re.findall(r"scripts/\w+\.py", train.group(1))
    steps.append(re.search(r"\$\(PY\) (scripts/build_spacy_nl\.py)", makefile).group(1))  # type: ignore[union-attr]
    for step in steps:
        assert f".venv/bin/python {step}" in DOCKERFILE, step
    assert "-r constraints.txt" in DOCKERFILE and "-c constraints-api.txt" in DOCKERFILE


def test_the_image_keeps_stack_pys_layout_and_runs_as_no_root() -> None:
    # stack.py finds Rasa next to its own interpreter and the api in .venv-api.
    assert "python -m venv .venv " in DOCKERFILE and "-m venv .venv-api" in DOCKERFILE
    assert re.search(r"^FROM python:3\.10-slim", DOCKERFILE, re.MULTILINE)
    assert re.search(r"^USER 10001", DOCKERFILE, re.MULTILINE)
    assert re.search(
        r"^HEALTHCHECK .*\n.*entrypoint\.py\", \"healthcheck\"", DOCKERFILE, re.MULTILINE
    )
    assert 'ENTRYPOINT ["/app/.venv/bin/python", "/app/deploy/entrypoint.py"]' in DOCKERFILE
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".venv-api", "models", "var", ".git"} <= set(ignored)
