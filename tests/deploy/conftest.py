"""Shared by the deployment checks: paths, the validators' environment (.venv-deploy, which
`make test` builds from constraints-deploy.txt) and the rendered Kubernetes objects."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DEPLOY_BIN = ROOT / ".venv-deploy" / "bin"
OVERLAY = DEPLOY / "k8s" / "overlays" / "production"
# The Kubernetes version the manifests target (kubectl here is 1.32).
KUBERNETES_VERSION = "1.32.0"
# Environment variables whose value is a secret or holds one (passwords sit in the URLs).
SECRET_NAME = re.compile(
    r"TOKEN|PASSWORD|SECRET|DATABASE_URL|TRACKER_STORE_URL|REDIS_URL|STORAGE_URL"
)


def validator(name: str) -> str:
    path = DEPLOY_BIN / name
    assert path.exists(), f"{path} is missing: run `make test` (it builds .venv-deploy)"
    return str(path)


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


@pytest.fixture(scope="session")
def rendered() -> str:
    result = run(["kubectl", "kustomize", str(OVERLAY)])
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def objects(rendered: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(rendered) if doc]


@pytest.fixture(scope="session")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def pod_spec(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The pod template's spec of a workload, None for anything else."""
    spec = obj.get("spec", {})
    if obj["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    template = spec.get("template")
    return template["spec"] if template else None


def pod_labels(objects: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        obj["spec"]["template"]["metadata"]["labels"]
        for obj in objects
        if obj["kind"] in {"Deployment", "StatefulSet"}
    ]


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    wanted = selector.get("matchLabels", {})
    return all(labels.get(key) == value for key, value in wanted.items())


def the_one(objects: list[dict[str, Any]], kind: str, name: str = "") -> dict[str, Any]:
    """The single object of this kind whose name starts with `name`."""
    (found,) = [
        obj for obj in objects if obj["kind"] == kind and obj["metadata"]["name"].startswith(name)
    ]
    return found
