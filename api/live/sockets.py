"""The WebSockets: the person's (the widget), an advisor's on one conversation, and the
console's queue page. Each relays what api/live/events.py sends its audience.

The person's socket receives the conversation's id and secret in its first message, never in
the URL. The console's sockets are cookie-authenticated, so their Origin must be this server
(no cross-site WebSocket hijacking); they live only as long as their login: they close at once
when the login ends in this process (logout, account switched off, password changed;
Hub.end_logins), and check every PGB_SOCKET_RECHECK_S seconds for what happened elsewhere
(expiry, another api worker).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from api.advisors.access import may_see
from api.advisors.auth import COOKIE, find_session, token_hash
from api.conversation import token as conversation_token
from api.core.db import session_scope
from api.core.deps import SettingsDep, metrics_of, same_origin
from api.core.schemas import CONVERSATION_ID
from api.core.settings import Settings
from api.live import events
from api.live.hub import ADVISOR, CLOSE, PERSON, QUEUE, Event, Hub
from api.models import Conversation

router = APIRouter()
# How long the person's socket waits for its first message, the one with the secret.
AUTH_TIMEOUT_S = 10.0
POLICY_VIOLATION = 1008  # WebSocket close code: refused, or the login ended
_MAX_AUTH_CHARS = 1000  # an id, a secret and a few keys
QUEUE_LISTENING: Event = {"type": "queue", "conversation_id": None, "change": "listening"}


def _state_event(database_url: str, conversation_id: str, audience: str) -> Event | None:
    for session in session_scope(database_url):
        conversation = session.get(Conversation, conversation_id)
        return events.state_for(audience, conversation) if conversation else None
    return None


async def relay(
    websocket: WebSocket, hub: Hub, topic: str, audience: str, database_url: str
) -> None:
    """Send the first event (a conversation's state; for the queue: that it listens), then
    push the topic's events until the client goes away, or until the hub closes the socket
    (1012: events may have been missed, reconnect and catch up by message id).

    Subscribing comes first, so nothing that happens while the state is read is missed.
    """
    async with hub.subscribe(topic, audience) as queue:
        if topic == QUEUE:
            first: Event | None = QUEUE_LISTENING
        else:
            first = await asyncio.to_thread(_state_event, database_url, topic, audience)
        if first is None:
            await websocket.close(code=POLICY_VIOLATION)
            return
        await websocket.send_json(first)

        async def drain_client() -> None:
            while True:
                await websocket.receive_text()  # pings; anything else is ignored too

        reader = asyncio.create_task(drain_client())
        try:
            while not reader.done():
                getter = asyncio.create_task(queue.get())
                done, _ = await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
                if getter in done:
                    event = getter.result()
                    if event.get("type") == CLOSE:  # missed events, or the worker stops
                        await websocket.close(code=int(event["code"]))
                        return
                    await websocket.send_json(event)
                else:
                    getter.cancel()
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            reader.cancel()


# The person's socket.


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def origin_allowed(websocket: WebSocket, settings: Settings) -> bool:
    """The sites that embed the widget (PGB_CORS_ORIGINS, as for CORS) and the api's own origin
    (its demo page), compared by host like the console's socket: behind a proxy that ends TLS
    the api may not know its own scheme.

    A browser always sends Origin with a WebSocket, so this stops other sites' pages from
    listening in. Without an Origin the client is no browser: it could claim any Origin, and
    it still needs the conversation's secret.
    """
    origin = websocket.headers.get("origin")
    if origin is None or "*" in settings.cors_origins:
        return True
    if origin != "null" and same_origin(websocket):
        return True
    return _origin(origin) in {_origin(site) for site in settings.cors_origins}


def _authorised(database_url: str, first: str) -> str | None:
    """The id of the conversation whose id and secret the socket's first message holds."""
    if len(first) > _MAX_AUTH_CHARS:
        return None
    try:
        message = json.loads(first)
    except ValueError:
        return None
    if not isinstance(message, dict) or message.get("type") != "auth":
        return None
    for session in session_scope(database_url):
        found = conversation_token.find(
            session, message.get("conversation_id"), message.get("token")
        )
        return found.id if found else None
    return None


async def _close(websocket: WebSocket) -> None:
    with contextlib.suppress(RuntimeError):  # the client went away first
        await websocket.close(code=POLICY_VIOLATION)


@router.websocket("/api/conversation/ws")
async def person_socket(websocket: WebSocket, settings: SettingsDep) -> None:
    """Live events for the person. The first message must be
    {"type": "auth", "conversation_id": ..., "token": ...}; the secret never goes in the URL."""
    hub: Hub = websocket.app.state.hub
    if not origin_allowed(websocket, settings):
        await websocket.close(code=POLICY_VIOLATION)  # refused before accepting
        return
    await websocket.accept()
    try:
        first = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_S)
    except (asyncio.TimeoutError, KeyError, WebSocketDisconnect, RuntimeError):
        # KeyError: a binary frame instead of text.
        first = ""
    conversation_id = await asyncio.to_thread(_authorised, settings.database_url, first)
    if conversation_id is None:
        await _close(websocket)
        return
    with metrics_of(websocket).sockets.labels("person").track_inprogress():
        await relay(websocket, hub, conversation_id, PERSON, settings.database_url)


# The console's sockets.


def _may_listen(settings: Settings, token: str | None, conversation_id: str | None) -> bool:
    """The login holds (without counting as activity) and its advisor may read the
    conversation (any advisor may listen to the queue)."""
    for session in session_scope(settings.database_url):
        login = find_session(session, settings, token, touch=False)
        if login is None:
            return False
        if conversation_id is None:
            return True
        conversation = session.get(Conversation, conversation_id)
        return conversation is not None and may_see(login.advisor, conversation)
    return False


async def _advisor_socket(
    websocket: WebSocket, settings: Settings, topic: str, may_listen: Callable[[], bool]
) -> None:
    """Relay `topic` to an advisor for as long as `may_listen` holds and the login lasts."""
    token = websocket.cookies.get(COOKIE)
    hub: Hub = websocket.app.state.hub
    if not (token and same_origin(websocket)):
        await websocket.close(code=POLICY_VIOLATION)
        return
    ended = asyncio.Event()
    # Watch before checking, so a logout between the check and the watch is not missed.
    with hub.watch_login(token_hash(token), ended.set):
        if not await asyncio.to_thread(may_listen):
            await websocket.close(code=POLICY_VIOLATION)
            return
        await websocket.accept()
        relaying = asyncio.create_task(relay(websocket, hub, topic, ADVISOR, settings.database_url))
        ending = asyncio.create_task(ended.wait())
        kind = "queue" if topic == QUEUE else "advisor"
        connections = metrics_of(websocket).sockets.labels(kind)
        connections.inc()
        try:
            while not relaying.done():
                await asyncio.wait(
                    {relaying, ending},
                    timeout=settings.socket_recheck_s,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if relaying.done():
                    break  # the console went away
                if ended.is_set() or not await asyncio.to_thread(may_listen):
                    relaying.cancel()
                    await asyncio.wait({relaying})
                    await _close(websocket)
                    break
        finally:
            connections.dec()
            ending.cancel()
            relaying.cancel()


@router.websocket("/api/advisor/conversations/{conversation_id}/ws")
async def advisor_socket(websocket: WebSocket, conversation_id: str, settings: SettingsDep) -> None:
    """Every new message and state change of one conversation, for the console."""
    if re.fullmatch(CONVERSATION_ID.strip("^$"), conversation_id) is None:
        await websocket.close(code=POLICY_VIOLATION)
        return
    token = websocket.cookies.get(COOKIE)
    await _advisor_socket(
        websocket, settings, conversation_id, lambda: _may_listen(settings, token, conversation_id)
    )


@router.websocket("/api/advisor/queue/ws")
async def queue_socket(websocket: WebSocket, settings: SettingsDep) -> None:
    """That the queue changed (a new handoff, a claim, a callback, a message while waiting),
    so the queue page reloads only then instead of polling."""
    token = websocket.cookies.get(COOKIE)
    await _advisor_socket(websocket, settings, QUEUE, lambda: _may_listen(settings, token, None))
