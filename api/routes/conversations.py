"""The person's side of a conversation besides POST /api/chat (docs/conversation-api.md):
history, live events over a WebSocket, office hours, and the callback form.

No address here carries the conversation id: the person's requests name the conversation in
headers with its secret (api/conversation_token.py), and the WebSocket in its first message.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, WebSocket, WebSocketDisconnect
from sqlalchemy import select

from api import conversation_token, handoff
from api.conversation_token import PersonConversation
from api.db import session_scope
from api.deps import HubDep, OfficeDep, SessionDep, SettingsDep, same_origin
from api.messages import message_out
from api.models import Conversation, Message, utcnow
from api.ratelimit import limit_callback
from api.realtime import PERSON, Hub
from api.schemas import MAX_ID, Availability, CallbackRequest, History
from api.settings import Settings
from api.texts import error_text

router = APIRouter()
# How long the person's socket waits for its first message, the one with the secret.
AUTH_TIMEOUT_S = 10.0
POLICY_VIOLATION = 1008
_MAX_AUTH_CHARS = 1000  # an id, a secret and a few keys
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,30}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


@router.get("/api/conversation/messages", response_model=History)
def history(
    conversation: PersonConversation,
    session: SessionDep,
    after: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
) -> History:
    query = select(Message).where(Message.conversation_id == conversation.id)
    if after is not None:
        query = query.where(Message.id > after)
    messages = session.scalars(query.order_by(Message.id))
    return History(
        conversation_id=conversation.id,
        state=conversation.state,
        messages=[message_out(m) for m in messages],
    )


@router.get("/api/handoff/availability", response_model=Availability)
def availability(office: OfficeDep) -> Availability:
    now = utcnow()
    return Availability(open=office.is_open(now), next_open=office.next_open(now))


@router.post("/api/conversation/callback", status_code=201, dependencies=[Depends(limit_callback)])
def leave_callback(
    conversation: PersonConversation,
    body: CallbackRequest,
    session: SessionDep,
    hub: HubDep,
) -> dict[str, str]:
    name = body.name.strip()
    phone = (body.phone or "").strip() or None
    email = (body.email or "").strip() or None
    if body.consent is not True:
        raise HTTPException(422, error_text("callback_no_consent"))
    if not name:
        raise HTTPException(422, error_text("callback_no_name"))
    if not phone and not email:
        raise HTTPException(422, error_text("callback_no_contact"))
    if phone and not _PHONE.match(phone):
        raise HTTPException(422, error_text("callback_bad_phone"))
    if email and not _EMAIL.match(email):
        raise HTTPException(422, error_text("callback_bad_email"))
    details = {
        "name": name,
        "phone": phone,
        "email": email,
        "preferred_moment": body.preferred_moment.strip(),
    }
    try:
        message = handoff.leave_callback(session, conversation, details)
    except handoff.HandoffConflict as conflict:
        raise HTTPException(409, error_text(conflict.key)) from None
    handoff.publish(hub, conversation, [message])
    return {"status": "callback"}


def _state_event(database_url: str, conversation_id: str) -> dict[str, object] | None:
    for session in session_scope(database_url):
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            return None
        return handoff.state_event(conversation)
    return None


async def relay(
    websocket: WebSocket, hub: Hub, conversation_id: str, audience: str, database_url: str
) -> None:
    """Send the current state, then push the conversation's events until the client goes away.

    Subscribing comes first, so nothing that happens while the state is read is missed.
    """
    async with hub.subscribe(conversation_id, audience) as queue:
        state = await asyncio.to_thread(_state_event, database_url, conversation_id)
        if state is None:
            await websocket.close(code=1008)
            return
        await websocket.send_json(state)

        async def drain_client() -> None:
            while True:
                await websocket.receive_text()  # pings; anything else is ignored too

        reader = asyncio.create_task(drain_client())
        try:
            while not reader.done():
                getter = asyncio.create_task(queue.get())
                done, _ = await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
                if getter in done:
                    await websocket.send_json(getter.result())
                else:
                    getter.cancel()
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            reader.cancel()


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
    await relay(websocket, hub, conversation_id, PERSON, settings.database_url)


async def _close(websocket: WebSocket) -> None:
    with contextlib.suppress(RuntimeError):  # the client went away first
        await websocket.close(code=POLICY_VIOLATION)
