"""GET /healthz reports each part and answers 503 when one is down."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.stub_rasa import StubRasa


def test_all_parts_ready(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "api": "ok",
        "database": "ok",
        "rasa": "ok",
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
        "rasa": "unavailable",
        "action_server": "unavailable",
    }
