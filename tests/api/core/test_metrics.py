"""GET /metrics: the counters move with real turns against the stand-in Rasa, read back by
parsing the Prometheus text the way Prometheus does."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from api.core.settings import Settings
from api.main import create_app
from tests.api.conftest import ask_for_human, start_conversation
from tests.support.stub_rasa import StubRasa

QUEUE_WS = "/api/advisor/queue/ws"


def scrape(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(client: TestClient, name: str, **labels: str) -> float | None:
    return scrape(client).get((name, frozenset(labels.items())))


def test_one_turn_counts_once_with_its_latency(client: TestClient) -> None:
    assert value(client, "pgb_turns_total", outcome="bot") is None
    assert value(client, "pgb_turn_duration_seconds_count") == 0

    start_conversation(client)

    assert value(client, "pgb_turns_total", outcome="bot") == 1
    assert value(client, "pgb_turn_duration_seconds_count") == 1
    assert 0 < (value(client, "pgb_turn_duration_seconds_sum") or 0) < 10
    assert value(client, "pgb_turn_duration_seconds_bucket", le="10.0") == 1
    assert value(client, "pgb_bot_failures_total", kind="http_5xx") is None


def test_a_rasa_error_counts_as_a_failure_of_its_kind(client: TestClient, rasa: StubRasa) -> None:
    rasa.status = 503
    start_conversation(client)
    rasa.status = 200
    rasa.reply = lambda _text: []
    start_conversation(client)

    assert value(client, "pgb_bot_failures_total", kind="http_5xx") == 1
    assert value(client, "pgb_bot_failures_total", kind="empty_reply") == 1
    assert value(client, "pgb_turns_total", outcome="fallback") == 2
    assert value(client, "pgb_turns_total", outcome="bot") is None


def test_a_refused_connection_is_its_own_kind(settings: Settings) -> None:
    down = settings.model_copy(update={"rasa_url": "http://127.0.0.1:9"})
    with TestClient(create_app(down)) as client:
        start_conversation(client)
        assert value(client, "pgb_bot_failures_total", kind="refused") == 1


def test_handoffs_by_reason_and_the_queue(client: TestClient, rasa: StubRasa) -> None:
    assert value(client, "pgb_handoff_queue_length") == 0
    ask_for_human(client, rasa)
    ask_for_human(client, rasa)
    start_conversation(client)  # the bot alone: not in the queue

    assert value(client, "pgb_handoffs_total", reason="user_request") == 2
    assert value(client, "pgb_handoff_queue_length") == 2
    assert value(client, "pgb_turns_total", outcome="bot") == 3


def test_open_sockets_by_kind(console: TestClient) -> None:
    assert value(console, "pgb_websocket_connections", kind="queue") == 0
    with console.websocket_connect(QUEUE_WS) as queue:
        assert queue.receive_json()["change"] == "listening"
        assert value(console, "pgb_websocket_connections", kind="queue") == 1
        assert value(console, "pgb_websocket_connections", kind="person") == 0
    deadline = time.monotonic() + 5
    while value(console, "pgb_websocket_connections", kind="queue") != 0:
        assert time.monotonic() < deadline, "the closed socket is still counted"
        time.sleep(0.05)


def test_the_person_socket_counts(client: TestClient) -> None:
    person = start_conversation(client)
    with client.websocket_connect("/api/conversation/ws") as socket:
        socket.send_json(
            {"type": "auth", "conversation_id": person.conversation_id, "token": person.token}
        )
        socket.receive_json()  # the conversation's state: relaying now
        assert value(client, "pgb_websocket_connections", kind="person") == 1


def test_two_apps_have_their_own_registries(client: TestClient, settings: Settings) -> None:
    start_conversation(client)
    with TestClient(create_app(settings)) as other:
        assert value(other, "pgb_turns_total", outcome="bot") is None
    assert value(client, "pgb_turns_total", outcome="bot") == 1


def test_metrics_can_be_switched_off(settings: Settings) -> None:
    off = settings.model_copy(update={"metrics_enabled": False})
    with TestClient(create_app(off)) as client:
        assert client.get("/metrics").status_code == 404
