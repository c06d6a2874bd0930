"""deploy/k8s: the production overlay renders (kubectl kustomize, offline), every object is valid
Kubernetes (kubernetes-validate --strict), and the rules of issue 11 hold: secrets only from a
Secret, probes on every server, resources from measured memory, NetworkPolicies that select
real pods, and PGB_RASA_URLS naming the StatefulSet's pods."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from api.core.settings import Settings
from tests.deploy.conftest import (
    KUBERNETES_VERSION,
    ROOT,
    SECRET_NAME,
    pod_labels,
    pod_spec,
    run,
    selects,
    the_one,
    validator,
)

SERVERS = {"Deployment", "StatefulSet"}
MIB = {"Mi": 1, "Gi": 1024}


def validate(path: Path) -> int:
    command = [validator("kubernetes-validate"), "--strict", "--quiet"]
    return run([*command, "-k", KUBERNETES_VERSION, str(path)]).returncode


def containers(objects: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        (obj, container)
        for obj in objects
        if (spec := pod_spec(obj))
        for container in spec["containers"]
    ]


def config(objects: list[dict[str, Any]]) -> dict[str, str]:
    data: dict[str, str] = the_one(objects, "ConfigMap", "pgb-config")["data"]
    return data


def test_every_object_is_valid_kubernetes(rendered: str, tmp_path: Path) -> None:
    path = tmp_path / "rendered.yaml"
    path.write_text(rendered)
    assert validate(path) == 0


def test_the_validator_rejects_an_unknown_field(
    objects: list[dict[str, Any]], tmp_path: Path
) -> None:
    (api,) = [o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] == "api"]
    broken = {**api, "spec": {**api["spec"], "replica": 2}}
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken))
    assert validate(path) != 0


def test_no_secret_is_written_in_a_manifest(objects: list[dict[str, Any]]) -> None:
    assert not [o for o in objects if o["kind"] == "Secret"]
    assert not [key for key in config(objects) if SECRET_NAME.search(key)]
    for _, container in containers(objects):
        for variable in container.get("env", []):
            if SECRET_NAME.search(variable["name"]):
                assert "valueFrom" in variable, variable["name"]
    secret_refs = {
        source["secretRef"]["name"]
        for _, container in containers(objects)
        for source in container.get("envFrom", [])
        if "secretRef" in source
    }
    assert secret_refs == {"pgb-secrets"}


def test_every_server_has_probes_and_rasa_time_to_load(objects: list[dict[str, Any]]) -> None:
    for obj, container in containers(objects):
        if obj["kind"] in SERVERS:
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                assert probe in container, f"{container['name']}: {probe}"
    (rasa,) = [c for o, c in containers(objects) if c["name"] == "rasa"]
    startup = rasa["startupProbe"]
    # The model takes 60-90 s to load here; allow at least twice that.
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 180


def mebibytes(quantity: str) -> int:
    found = re.fullmatch(r"(\d+)(Mi|Gi)", quantity)
    assert found, quantity
    return int(found.group(1)) * MIB[found.group(2)]


def test_resources_follow_the_measured_memory(objects: list[dict[str, Any]]) -> None:
    resident = {"rasa": 1024, "api": 100, "actions": 130}  # MiB, make benchmark
    for _, container in containers(objects):
        resources = container["resources"]
        request = mebibytes(resources["requests"]["memory"])
        limit = mebibytes(resources["limits"]["memory"])
        assert request <= limit
        if container["name"] in resident:
            assert request >= resident[container["name"]]
            assert limit >= 1.25 * resident[container["name"]]


def test_network_policies_select_real_pods(objects: list[dict[str, Any]]) -> None:
    labels = pod_labels(objects)
    policies = {o["metadata"]["name"]: o["spec"] for o in objects if o["kind"] == "NetworkPolicy"}
    for name, spec in policies.items():
        selector = spec["podSelector"]
        assert selector == {} or any(selects(selector, pod) for pod in labels), name
        for rule in spec.get("ingress", []):
            for peer in rule.get("from", []):
                assert any(selects(peer["podSelector"], pod) for pod in labels), name

    def callers(name: str) -> set[str]:
        return {
            peer["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
            for rule in policies[name]["ingress"]
            for peer in rule["from"]
        }

    assert policies["default-deny-ingress"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    assert callers("rasa") == {"api"}
    # The api only for the action server's /health, which its /healthz reports.
    assert callers("actions") == {"rasa", "api"}


def test_the_api_pins_the_statefulsets_pods(objects: list[dict[str, Any]]) -> None:
    rasa = the_one(objects, "StatefulSet")
    service = the_one(objects, "Service", rasa["spec"]["serviceName"])
    assert service["spec"]["clusterIP"] == "None"
    name, headless = rasa["metadata"]["name"], service["metadata"]["name"]
    pods = [f"http://{name}-{n}.{headless}:5005" for n in range(rasa["spec"]["replicas"])]
    assert config(objects)["PGB_RASA_URLS"].split(",") == pods
    # The lock store is per process: one Sanic worker per replica.
    assert config(objects)["SANIC_WORKERS"] == "1"


def test_every_pgb_variable_set_is_one_the_services_read(objects: list[dict[str, Any]]) -> None:
    read = {f"PGB_{name.upper()}" for name in Settings.model_fields}
    for path in (ROOT / "bot").glob("*.yml"):
        read |= set(re.findall(r"\$\{(PGB_\w+)\}", path.read_text()))
    assert {key for key in config(objects) if key.startswith("PGB_")} <= read


def test_the_purge_runs_as_a_cronjob_not_in_the_workers(objects: list[dict[str, Any]]) -> None:
    (cron,) = [o for o in objects if o["kind"] == "CronJob"]
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    assert config(objects)["PGB_PURGE_INTERVAL_S"] == "0"


def routed(ingress: dict[str, Any], path: str) -> bool:
    """Whether one of the Ingress's rules sends `path` on (Exact, or Prefix by path element)."""
    for rule in ingress["spec"]["rules"]:
        for route in rule["http"]["paths"]:
            prefix = route["path"].rstrip("/")
            if route["pathType"] == "Exact" and path == route["path"]:
                return True
            if route["pathType"] == "Prefix" and (path == prefix or path.startswith(prefix + "/")):
                return True
    return False


def test_the_ingress_routes_the_public_paths_only(objects: list[dict[str, Any]]) -> None:
    ingress = the_one(objects, "Ingress")
    for public in ("/", "/api/chat", "/api/conversation/ws", "/widget/pgb-chat.js", "/console/"):
        assert routed(ingress, public), public
    for internal in ("/metrics", "/healthz", "/readyz", "/livez", "/docs"):
        assert not routed(ingress, internal), internal
    # Prometheus in the cluster scrapes each api pod instead.
    api = the_one(objects, "Deployment", "api")["spec"]["template"]["metadata"]["annotations"]
    assert api["prometheus.io/path"] == "/metrics"
