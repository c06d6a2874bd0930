"""The console's queue page is pushed over a WebSocket instead of polled: it hears that the
queue changed (a new handoff, a claim, a message while waiting, a callback), then loads it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.api.conftest import ask_for_human, person_asks_for_human
from tests.support.stub_rasa import StubRasa

QUEUE_WS = "/api/advisor/queue/ws"


def test_the_queue_socket_hears_each_change(console: TestClient, rasa: StubRasa) -> None:
    with console.websocket_connect(QUEUE_WS) as queue:
        assert queue.receive_json() == {
            "type": "queue",
            "conversation_id": None,
            "change": "listening",
        }
        person = person_asks_for_human(console, rasa)
        cid = person.conversation_id
        assert queue.receive_json() == {
            "type": "queue",
            "conversation_id": cid,
            "change": "requested",
        }

        person.say(console, "nog een vraag")  # the card's summary changes
        assert queue.receive_json()["change"] == "message"

        console.post(f"/api/advisor/conversations/{cid}/claim")
        assert queue.receive_json() == {
            "type": "queue",
            "conversation_id": cid,
            "change": "with_advisor",
        }
        console.post(f"/api/advisor/conversations/{cid}/close")
        assert queue.receive_json()["change"] == "bot"


def test_a_chat_with_the_bot_alone_is_not_news_for_the_queue(
    console: TestClient, rasa: StubRasa
) -> None:
    with console.websocket_connect(QUEUE_WS) as queue:
        queue.receive_json()
        console.post("/api/chat", json={"text": "wat is een pgb"})
        ask_for_human(console, rasa)  # the next event is this one, not the chat before
        assert queue.receive_json()["change"] == "requested"


def test_the_queue_socket_needs_a_login(client: TestClient) -> None:
    with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect(QUEUE_WS) as ws:
        ws.receive_json()
    assert closed.value.code == 1008


def test_the_queue_socket_refuses_another_site(console: TestClient) -> None:
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        console.websocket_connect(QUEUE_WS, headers={"Origin": "https://evil.example"}) as ws,
    ):
        ws.receive_json()
    assert closed.value.code == 1008


def test_the_queue_socket_closes_when_the_login_ends(console: TestClient) -> None:
    with console.websocket_connect(QUEUE_WS) as queue:
        queue.receive_json()
        assert console.post("/api/advisor/logout").status_code == 204
        with pytest.raises(WebSocketDisconnect) as closed:
            queue.receive_json()
    assert closed.value.code == 1008
