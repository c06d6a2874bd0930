"""Health: /livez (the process answers), /readyz (it can serve: database, live events) and
/healthz (every part, every Rasa replica; 503 when one is down)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.core.settings import Settings
from api.main import create_app
from tests.support.stack import free_port
from tests.support.stub_rasa import StubRasa


def test_all_parts_ready(client: TestClient, rasa: StubRasa) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "api": "ok",
        "database": "ok",
        "live_events": "ok",
        "rasa": "ok",
        "rasa_replicas": {rasa.url: "ok"},
        "action_server": "ok",
    }


def test_rasa_and_action_server_down(client: TestClient, rasa: StubRasa) -> None:
    rasa.close()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "degraded",
        "api": "ok",
        "database": "ok",
        "live_events": "ok",
        "rasa": "unavailable",
        "rasa_replicas": {rasa.url: "unavailable"},
        "action_server": "unavailable",
    }


@pytest.fixture
def two_replicas(settings: Settings, rasa: StubRasa) -> Iterator[tuple[TestClient, str]]:
    gone = f"http://127.0.0.1:{free_port()}"
    with TestClient(create_app(settings.model_copy(update={"rasa_urls": [rasa.url, gone]}))) as c:
        yield c, gone


def test_every_rasa_replica_is_reported(
    two_replicas: tuple[TestClient, str], rasa: StubRasa
) -> None:
    client, gone = two_replicas
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert (body["rasa"], body["rasa_replicas"]) == (
        "degraded",
        {rasa.url: "ok", gone: "unavailable"},
    )


def test_a_rasa_outage_leaves_the_api_live_and_ready(client: TestClient, rasa: StubRasa) -> None:
    """Without Rasa a person still gets the Dutch fallback and a person: no reason to take
    the api out of the load balancer."""
    rasa.close()
    assert client.get("/livez").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "live_events": "ok"}


def test_not_ready_without_its_database(settings: Settings) -> None:
    nowhere = f"postgresql://postgres@127.0.0.1:{free_port()}/pgb"
    with TestClient(create_app(settings.model_copy(update={"database_url": nowhere}))) as client:
        assert client.get("/livez").status_code == 200
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["database"] == "unavailable"
