"""deploy/compose.yaml: valid against the compose specification, and the rules of issue 11:
only the proxy publishes ports, no secret has a default, migrations before the api, the api pins
the Rasa replicas the file runs, and the proxy does not cut a live widget socket."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.deploy.conftest import DEPLOY, ROOT, SECRET_NAME, run, validator

COMPOSE = DEPLOY / "compose.yaml"
OF_THE_IMAGE = {"migrate", "api", "rasa-1", "rasa-2", "actions"}


def compose_text() -> str:
    """The file without its comments (which mention ${VARIABLES} too)."""
    lines = COMPOSE.read_text().splitlines()
    return "\n".join(re.sub(r"(^|\s)#.*", "", line) for line in lines)


def check_compose(path: Path) -> int:
    command = [validator("check-jsonschema"), "--builtin-schema", "vendor.compose-spec"]
    return run([*command, str(path)]).returncode


def test_the_compose_file_follows_the_compose_specification() -> None:
    assert check_compose(COMPOSE) == 0


def test_the_specification_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "compose.yaml"
    broken.write_text("services:\n  api:\n    image: x\n    replica: 2\n")
    assert check_compose(broken) != 0


def test_only_the_proxy_publishes_ports(compose: dict[str, Any]) -> None:
    published = {name for name, service in compose["services"].items() if "ports" in service}
    assert published == {"proxy"}


def test_no_secret_has_a_default() -> None:
    """${SECRET:?message} stops compose when a secret is missing; ${SECRET:-x} would run with x."""
    text = compose_text()
    for name, operator in re.findall(r"\$\{(\w+)(:?[-?])?", text):
        if SECRET_NAME.search(name):
            assert "-" not in operator, f"{name} has a default"
    required = {name for name, op in re.findall(r"\$\{(\w+)(:?\?)", text)}
    assert {"PGB_RASA_TOKEN", "POSTGRES_PASSWORD", "REDIS_PASSWORD"} <= required


def test_every_variable_the_file_reads_is_in_its_env_example() -> None:
    read = set(re.findall(r"\$\{(\w+)", compose_text()))
    example = (DEPLOY / ".env.example").read_text()
    listed = set(re.findall(r"^(\w+)=", example, re.MULTILINE))
    assert read <= listed, read - listed


def test_the_api_waits_for_the_migrations(compose: dict[str, Any]) -> None:
    waits = compose["services"]["api"]["depends_on"]["migrate"]
    assert waits == {"condition": "service_completed_successfully"}
    assert compose["services"]["migrate"]["command"] == ["migrate"]


def test_the_api_pins_exactly_the_rasa_replicas_it_runs(compose: dict[str, Any]) -> None:
    urls = compose["services"]["api"]["environment"]["PGB_RASA_URLS"].split(",")
    hosts = {re.match(r"http://([\w-]+):5005$", url).group(1) for url in urls}  # type: ignore[union-attr]
    rasa = {name for name in compose["services"] if name.startswith("rasa")}
    assert hosts == rasa and len(rasa) >= 2
    # A replica under its own name is one container: a scaled service would share one name.
    assert all("replicas" not in compose["services"][name].get("deploy", {}) for name in rasa)


def test_every_service_has_a_healthcheck(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        if name not in {"migrate", "proxy"}:
            assert "healthcheck" in service, name
    assert set(compose["services"]) >= OF_THE_IMAGE


def test_the_proxy_outlasts_the_widgets_ping() -> None:
    live = (ROOT / "widget" / "pgb-chat-live.js").read_text()
    ping_ms = re.search(r"pingTimer = setInterval\(.*?\}, (\d+)\);", live, re.DOTALL)
    assert ping_ms, "the widget's ping interval moved"
    proxy = (DEPLOY / "nginx" / "pgb.conf.template").read_text()
    timeouts = [
        int(value) * {"s": 1, "m": 60, "h": 3600}[unit]
        for value, unit in re.findall(r"proxy_read_timeout (\d+)([smh]);", proxy)
    ]
    assert timeouts and min(timeouts) >= 2 * int(ping_ms.group(1)) / 1000
    include = (DEPLOY / "nginx" / "pgb-proxy.inc").read_text()
    assert "proxy_set_header Upgrade $http_upgrade;" in include
    assert "$origin_refused" in proxy and "return 403" in proxy


def test_the_proxy_keeps_health_and_metrics_internal() -> None:
    proxy = (DEPLOY / "nginx" / "pgb.conf.template").read_text()
    for path in ("/healthz", "/metrics"):
        block = re.search(r"location = " + re.escape(path) + r" \{\s*([^}]*)\}", proxy)
        assert block, path
        assert block.group(1).strip() == "return 404;", path
