"""The person's secret for a conversation (api/conversation/token.py): issued with the id, stored
as a hash, required for every later request; the person's WebSocket checks it and the Origin;
no id or secret in a URL or in the access log."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn
import websockets
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.websockets import WebSocketDisconnect

from api.core.db import get_engine
from api.core.settings import Settings
from api.core.texts import error_text
from api.main import create_app
from api.models import Base, Callback, Conversation, Message
from tests.support.live import ROOT, free_port
from tests.support.stub_rasa import StubRasa

TOKEN = "X-Conversation-Token"
ID = "X-Conversation-Id"
SITE = "https://www.mantelzorg-voorbeeld.nl"
FORM = {"name": "Els", "phone": "06 12345678", "preferred_moment": "", "consent": True}


def start(client: TestClient | httpx2.Client, text: str = "hallo") -> tuple[str, str]:
    body = client.post("/api/chat", json={"text": text}).json()
    return body["conversation_id"], body["conversation_token"]


def person(conversation_id: str, token: str) -> dict[str, str]:
    return {ID: conversation_id, TOKEN: token}


def messages_of(db: Session, conversation_id: str) -> list[Message]:
    db.expire_all()
    return list(db.scalars(select(Message).where(Message.conversation_id == conversation_id)))


def test_a_new_conversation_gets_a_secret_that_is_stored_only_as_its_hash(
    client: TestClient, db: Session
) -> None:
    conversation_id, token = start(client, "mijn vraag")

    assert len(token) >= 43  # 256 random bits, URL-safe base64
    conversation = db.get(Conversation, conversation_id)
    assert conversation is not None
    assert conversation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    for table in Base.metadata.sorted_tables:
        for row in db.execute(select(table)):
            assert token not in repr(tuple(row)), table.name
    assert start(client)[1] != token


def test_later_turns_need_the_conversations_own_secret(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    conversation_id, token = start(client)
    _, other_token = start(client)
    before = len(rasa.received)
    unknown = client.post("/api/chat", json={"conversation_id": "0" * 32, "text": "hallo"})
    assert unknown.status_code == 404

    for headers in [{}, {TOKEN: ""}, {TOKEN: "x" * 43}, {TOKEN: other_token}, {TOKEN: "x" * 5000}]:
        response = client.post(
            "/api/chat", json={"conversation_id": conversation_id, "text": "hallo"}, headers=headers
        )
        # The same answer as for an id that does not exist: nothing is revealed.
        assert response.status_code == 404
        assert response.json() == unknown.json() == {"detail": error_text("unknown_conversation")}
    assert len(rasa.received) == before
    assert len(messages_of(db, conversation_id)) == 2

    ok = client.post(
        "/api/chat",
        json={"conversation_id": conversation_id, "text": "nog iets"},
        headers={TOKEN: token},
    )
    assert ok.status_code == 200
    assert ok.json()["conversation_id"] == conversation_id
    assert ok.json()["conversation_token"] is None  # given once, when the conversation starts
    assert len(messages_of(db, conversation_id)) == 4


def test_history_names_the_conversation_in_headers_and_needs_the_secret(
    client: TestClient,
) -> None:
    conversation_id, token = start(client)
    history = client.get("/api/conversation/messages", headers=person(conversation_id, token))
    assert history.status_code == 200
    assert [m["sender"] for m in history.json()["messages"]] == ["user", "bot"]
    after = history.json()["messages"][0]["id"]
    later = client.get(
        f"/api/conversation/messages?after={after}", headers=person(conversation_id, token)
    )
    assert [m["sender"] for m in later.json()["messages"]] == ["bot"]

    _, other_token = start(client)
    for headers in [
        {},
        {ID: conversation_id},
        person(conversation_id, "verkeerd"),
        person(conversation_id, other_token),
        person("0" * 32, token),
        person("../etc", token),
    ]:
        response = client.get("/api/conversation/messages", headers=headers)
        assert response.status_code == 404
        assert response.json() == {"detail": error_text("unknown_conversation")}
    # The old address with the id in it is gone.
    old = client.get(f"/api/conversations/{conversation_id}/messages", headers={TOKEN: token})
    assert old.status_code in (404, 405)


def test_the_callback_form_needs_the_secret(client: TestClient, db: Session) -> None:
    conversation_id, token = start(client)
    refused = client.post(
        "/api/conversation/callback", json=FORM, headers=person(conversation_id, "verkeerd")
    )
    assert refused.status_code == 404
    assert refused.json() == {"detail": error_text("unknown_conversation")}
    assert db.scalars(select(Callback)).all() == []

    accepted = client.post(
        "/api/conversation/callback", json=FORM, headers=person(conversation_id, token)
    )
    assert accepted.status_code == 201
    assert len(db.scalars(select(Callback)).all()) == 1


def test_a_conversation_from_before_the_secret_cannot_be_continued(
    tmp_path: Path, rasa: StubRasa
) -> None:
    """Migrated from 0004: the conversation is there, but nobody can continue it."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "0004")
    with get_engine(url).begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO conversations (id, created_at, updated_at, state, reviewed)"
            " VALUES (?, '2026-11-30 10:00:00.000000', '2026-11-30 10:00:00.000000', 'bot', 0)",
            ("a" * 32,),
        )
    command.upgrade(config, "head")

    settings = Settings(database_url=url, rasa_url=rasa.url, rasa_token="test-token")  # noqa: S106
    with TestClient(create_app(settings)) as client:
        for token in ["", "a" * 43]:
            chat = client.post(
                "/api/chat",
                json={"conversation_id": "a" * 32, "text": "hallo"},
                headers={TOKEN: token},
            )
            assert chat.status_code == 404
            history = client.get("/api/conversation/messages", headers=person("a" * 32, token))
            assert history.status_code == 404
        assert rasa.received == []
        # The widget then starts afresh, and that conversation does get a secret.
        assert start(client)[1]


# ---------- the person's WebSocket ----------


def test_the_persons_socket_takes_the_secret_in_its_first_message(client: TestClient) -> None:
    conversation_id, token = start(client)
    with client.websocket_connect("/api/conversation/ws") as socket:
        socket.send_json({"type": "auth", "conversation_id": conversation_id, "token": token})
        assert socket.receive_json() == {"type": "state", "state": "bot", "advisor": None}
        socket.send_json({"type": "ping"})  # later messages are ignored, as before


@pytest.mark.parametrize(
    "first",
    [
        {"type": "auth", "conversation_id": "ID", "token": "verkeerd"},
        {"type": "auth", "conversation_id": "ID", "token": "OTHER"},
        {"type": "auth", "conversation_id": "0" * 32, "token": "TOKEN"},
        {"type": "auth", "conversation_id": "ID"},
        {"type": "auth", "conversation_id": "ID", "token": "\ud800"},
        {"type": "auth", "conversation_id": "\ud800", "token": "TOKEN"},
        {"type": "auth", "conversation_id": ["ID"], "token": "TOKEN"},
        {"type": "ping"},
        "geen json",
        ["ID", "TOKEN"],
    ],
    ids=[
        "wrong",
        "other's",
        "unknown id",
        "no token",
        "surrogate token",
        "surrogate id",
        "list",
        "ping",
        "not json",
        "array",
    ],
)
def test_the_persons_socket_closes_on_a_wrong_first_message(client: TestClient, first: Any) -> None:
    conversation_id, token = start(client)
    _, other = start(client)
    values = {"ID": conversation_id, "TOKEN": token, "OTHER": other}

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        return values.get(value, value)

    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect("/api/conversation/ws") as socket,
    ):
        if isinstance(first, str):
            socket.send_text(first)
        else:
            socket.send_json(fill(first))
        socket.receive_json()
    assert closed.value.code == 1008


def test_the_persons_socket_closes_when_the_secret_does_not_come(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.live import sockets as conversations

    monkeypatch.setattr(conversations, "AUTH_TIMEOUT_S", 0.2)
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect("/api/conversation/ws") as socket,
    ):
        socket.receive_json()
    assert closed.value.code == 1008


def test_the_persons_socket_has_no_address_with_an_id(client: TestClient) -> None:
    conversation_id, token = start(client)
    with (
        pytest.raises(WebSocketDisconnect),
        client.websocket_connect(f"/api/conversations/{conversation_id}/ws") as socket,
    ):
        socket.receive_json()


@pytest.fixture
def site_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"cors_origins": [SITE]}))) as client:
        yield client


def test_a_site_with_the_widget_may_send_the_headers(site_client: TestClient) -> None:
    """The browser asks first (CORS preflight) whether the headers may be sent cross-site."""
    response = site_client.options(
        "/api/conversation/messages",
        headers={
            "Origin": SITE,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-conversation-id,x-conversation-token",
        },
    )
    assert response.status_code == 200
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "x-conversation-id" in allowed and "x-conversation-token" in allowed


@pytest.mark.parametrize("origin", [SITE, "http://testserver", None])
def test_the_persons_socket_accepts_the_configured_sites_and_its_own_origin(
    site_client: TestClient, origin: str | None
) -> None:
    """A browser always sends Origin; a client without one is no browser and needs the secret
    all the same."""
    conversation_id, token = start(site_client)
    headers = {"Origin": origin} if origin else {}
    with site_client.websocket_connect("/api/conversation/ws", headers=headers) as socket:
        socket.send_json({"type": "auth", "conversation_id": conversation_id, "token": token})
        assert socket.receive_json()["type"] == "state"


@pytest.mark.parametrize(
    "origin",
    [
        "https://kwaadwillend.example",
        "http://www.mantelzorg-voorbeeld.nl",  # the configured site, but not over https
        "https://www.mantelzorg-voorbeeld.nl.kwaadwillend.example",
        "null",
    ],
)
def test_the_persons_socket_refuses_other_sites(site_client: TestClient, origin: str) -> None:
    conversation_id, token = start(site_client)
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        site_client.websocket_connect("/api/conversation/ws", headers={"Origin": origin}) as socket,
    ):
        socket.send_json({"type": "auth", "conversation_id": conversation_id, "token": token})
        socket.receive_json()
    assert closed.value.code == 1008


# ---------- the access log ----------


async def listen(url: str, conversation_id: str, token: str) -> None:
    async with websockets.connect(url) as socket:
        await socket.send(
            json.dumps({"type": "auth", "conversation_id": conversation_id, "token": token})
        )
        await asyncio.wait_for(socket.recv(), 5)


def test_the_access_log_shows_no_conversation_id_or_secret(settings: Settings) -> None:
    """Everything the person's widget does, through uvicorn with its own log configuration
    (access log on), written where we can read it."""
    printed = io.StringIO()
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    for handler in log_config["handlers"].values():
        handler["stream"] = printed
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=port,
            log_config=log_config,
            log_level="info",
            access_log=True,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with httpx2.Client(base_url=base) as http:
            conversation_id, token = start(http)
            http.post(
                "/api/chat",
                json={"conversation_id": conversation_id, "text": "nog iets"},
                headers={TOKEN: token},
            ).raise_for_status()
            http.get(
                "/api/conversation/messages?after=1", headers=person(conversation_id, token)
            ).raise_for_status()
            http.post(
                "/api/conversation/callback", json=FORM, headers=person(conversation_id, token)
            ).raise_for_status()
        asyncio.run(listen(f"ws://127.0.0.1:{port}/api/conversation/ws", conversation_id, token))
    finally:
        server.should_exit = True
        thread.join(timeout=10)

    # uvicorn.access has the requests, uvicorn.error the WebSocket handshakes.
    logged = printed.getvalue()
    assert "/api/conversation/messages" in logged  # the access log was on
    assert "/api/conversation/ws" in logged
    assert conversation_id not in logged
    assert token not in logged
