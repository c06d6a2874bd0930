"""The live side of the console: the queue, claiming, replying, handing back, live events."""

from __future__ import annotations

import asyncio
import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, WebSocket
from sqlalchemy import select

from api import audit, handoff
from api.auth import COOKIE, find_session
from api.console_schemas import CallbackOut, QueueItem, ReplyRequest
from api.db import session_scope
from api.deps import AdvisorDep, HubDep, SessionDep, SettingsDep, same_origin
from api.messages import console_event
from api.models import Callback, Conversation, as_utc, utcnow
from api.realtime import ADVISOR
from api.routes.conversations import relay
from api.schemas import CONVERSATION_ID
from api.texts import error_text

router = APIRouter(prefix="/api/advisor")
ConversationId = Annotated[str, Path(pattern=CONVERSATION_ID)]
SUMMARY_ITEMS = 3


def callback_out(callback: Callback) -> CallbackOut:
    return CallbackOut(
        id=callback.id,
        name=callback.name,
        phone=callback.phone,
        email=callback.email,
        preferred_moment=callback.preferred_moment,
        consent_at=as_utc(callback.consent_at),
        created_at=as_utc(callback.created_at),
        handled_at=as_utc(callback.handled_at) if callback.handled_at else None,
    )


def queue_item(session: SessionDep, conversation: Conversation, me: int) -> QueueItem:
    """One waiting conversation with its case summary: what the person asked, the answers from
    the guided checks (Rasa's slots) and the bot's last replies."""
    messages = conversation.messages
    asked = [m.text for m in messages if m.sender == "user" and m.text]
    replies = [m.text for m in messages if m.sender == "bot" and m.text]
    since = conversation.handoff_at
    waiting = int((utcnow() - as_utc(since)).total_seconds()) if since else None
    return QueueItem(
        id=conversation.id,
        state=conversation.state,
        handoff_reason=conversation.handoff_reason,
        handoff_at=as_utc(since) if since else None,
        waiting_seconds=waiting,
        advisor=conversation.advisor.name if conversation.advisor else None,
        mine=conversation.advisor_id == me,
        asked=asked[:SUMMARY_ITEMS] + asked[SUMMARY_ITEMS:][-SUMMARY_ITEMS:],
        slots=conversation.slots or {},
        bot_replies=replies[-SUMMARY_ITEMS:],
        callbacks=[
            callback_out(c) for c in handoff.conversation_callbacks(session, conversation.id)
        ],
    )


@router.get("/queue", response_model=list[QueueItem])
def queue(advisor: AdvisorDep, session: SessionDep) -> list[QueueItem]:
    """Waiting conversations (longest wait first), those with an advisor, and callbacks."""
    query = select(Conversation).where(
        Conversation.state.in_(("requested", "with_advisor", "callback"))
    )
    found = session.scalars(query.order_by(Conversation.handoff_at, Conversation.created_at))
    return [queue_item(session, c, advisor.id) for c in found]


def _conversation(session: SessionDep, conversation_id: str) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise HTTPException(404, error_text("conversation_not_found"))
    return conversation


@router.post("/conversations/{conversation_id}/claim")
def claim(
    conversation_id: ConversationId, advisor: AdvisorDep, session: SessionDep, hub: HubDep
) -> dict[str, str]:
    _conversation(session, conversation_id)
    try:
        conversation, joined = handoff.claim(session, conversation_id, advisor)
    except handoff.HandoffConflict as conflict:
        raise HTTPException(409, error_text(conflict.key)) from None
    audit.record(session, advisor, "claim", conversation_id)
    session.commit()
    handoff.publish(hub, conversation, [joined])
    return {"state": conversation.state, "advisor": advisor.name}


@router.post("/conversations/{conversation_id}/messages", status_code=201)
def reply(
    conversation_id: ConversationId,
    body: ReplyRequest,
    advisor: AdvisorDep,
    session: SessionDep,
    settings: SettingsDep,
    hub: HubDep,
) -> dict[str, object]:
    text = body.text.strip()
    if not text:
        raise HTTPException(422, error_text("empty_text"))
    if len(text) > settings.max_message_chars:
        raise HTTPException(422, error_text("too_long", max_chars=settings.max_message_chars))
    conversation = _conversation(session, conversation_id)
    try:
        message = handoff.reply(session, conversation, advisor, text)
    except handoff.HandoffConflict as conflict:
        raise HTTPException(409, error_text(conflict.key)) from None
    handoff.publish(hub, conversation, [message], state=False)
    return console_event(message)["message"]


@router.post("/conversations/{conversation_id}/close")
def close(
    conversation_id: ConversationId, advisor: AdvisorDep, session: SessionDep, hub: HubDep
) -> dict[str, str]:
    conversation = _conversation(session, conversation_id)
    try:
        message = handoff.close(session, conversation, advisor)
    except handoff.HandoffConflict as conflict:
        raise HTTPException(409, error_text(conflict.key)) from None
    audit.record(session, advisor, "close", conversation_id)
    session.commit()
    handoff.publish(hub, conversation, [message])
    return {"state": conversation.state}


def _advisor_may_listen(database_url: str, settings: SettingsDep, token: str | None) -> bool:
    for session in session_scope(database_url):
        return find_session(session, settings, token) is not None
    return False


@router.websocket("/conversations/{conversation_id}/ws")
async def advisor_socket(websocket: WebSocket, conversation_id: str, settings: SettingsDep) -> None:
    """Every new message and state change of one conversation, for the console.

    Cookie-authenticated, so the Origin must be this server (no cross-site WebSocket hijacking).
    """
    token = websocket.cookies.get(COOKIE)
    well_formed = re.fullmatch(CONVERSATION_ID.strip("^$"), conversation_id) is not None
    allowed = (
        well_formed
        and same_origin(websocket)
        and await asyncio.to_thread(_advisor_may_listen, settings.database_url, settings, token)
    )
    if not allowed:
        await websocket.close(code=1008)
        return
    await websocket.accept()
    await relay(websocket, websocket.app.state.hub, conversation_id, ADVISOR, settings.database_url)
