"""The person's side of a conversation besides POST /api/chat (docs/conversation-api.md):
history, live events over a WebSocket, office hours, and the callback form."""

from __future__ import annotations

import asyncio
import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, WebSocket, WebSocketDisconnect
from sqlalchemy import select

from api import handoff
from api.db import session_scope
from api.deps import HubDep, OfficeDep, SessionDep, SettingsDep
from api.messages import message_out
from api.models import Conversation, Message, utcnow
from api.realtime import PERSON, Hub
from api.schemas import CONVERSATION_ID, Availability, CallbackRequest, History
from api.texts import error_text

router = APIRouter()
ConversationId = Annotated[str, Path(pattern=CONVERSATION_ID)]
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,30}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def _conversation(session: SessionDep, conversation_id: str) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise HTTPException(404, error_text("unknown_conversation"))
    return conversation


@router.get("/api/conversations/{conversation_id}/messages", response_model=History)
def history(
    conversation_id: ConversationId,
    session: SessionDep,
    after: Annotated[int | None, Query(ge=0)] = None,
) -> History:
    conversation = _conversation(session, conversation_id)
    query = select(Message).where(Message.conversation_id == conversation_id)
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


@router.post("/api/conversations/{conversation_id}/callback", status_code=201)
def leave_callback(
    conversation_id: ConversationId,
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
    conversation = _conversation(session, conversation_id)
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


@router.websocket("/api/conversations/{conversation_id}/ws")
async def person_socket(websocket: WebSocket, conversation_id: str, settings: SettingsDep) -> None:
    hub: Hub = websocket.app.state.hub
    if not re.fullmatch(CONVERSATION_ID.strip("^$"), conversation_id):
        await websocket.close(code=1008)
        return
    if await asyncio.to_thread(_state_event, settings.database_url, conversation_id) is None:
        await websocket.close(code=1008)  # unknown conversation: refuse before accepting
        return
    await websocket.accept()
    await relay(websocket, hub, conversation_id, PERSON, settings.database_url)
