"""The live side of the console: the queue, claiming, replying, handing back, live events."""

from __future__ import annotations

import asyncio
import contextlib
import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, WebSocket
from sqlalchemy import select

from api import audit, handoff
from api.auth import COOKIE, find_session, token_hash
from api.console_schemas import CallbackOut, QueueItem, ReplyRequest
from api.db import session_scope
from api.deps import AdvisorDep, HubDep, SessionDep, SettingsDep, same_origin
from api.messages import console_event
from api.models import Advisor, Callback, Conversation, as_utc, utcnow
from api.realtime import ADVISOR, Hub
from api.routes.conversations import relay
from api.schemas import CONVERSATION_ID
from api.settings import Settings
from api.texts import error_text
from api.transcripts import may_see

router = APIRouter(prefix="/api/advisor")
ConversationId = Annotated[str, Path(pattern=CONVERSATION_ID)]
SUMMARY_ITEMS = 3
POLICY_VIOLATION = 1008  # WebSocket close code: refused, or the login ended


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


def _conversation(session: SessionDep, conversation_id: str, advisor: Advisor) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or not may_see(advisor, conversation):
        raise HTTPException(404, error_text("conversation_not_found"))
    return conversation


@router.post("/conversations/{conversation_id}/claim")
def claim(
    conversation_id: ConversationId, advisor: AdvisorDep, session: SessionDep, hub: HubDep
) -> dict[str, str]:
    _conversation(session, conversation_id, advisor)
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
    conversation = _conversation(session, conversation_id, advisor)
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
    conversation = _conversation(session, conversation_id, advisor)
    try:
        message = handoff.close(session, conversation, advisor)
    except handoff.HandoffConflict as conflict:
        raise HTTPException(409, error_text(conflict.key)) from None
    audit.record(session, advisor, "close", conversation_id)
    session.commit()
    handoff.publish(hub, conversation, [message])
    return {"state": conversation.state}


def _may_listen(settings: Settings, token: str | None, conversation_id: str) -> bool:
    """The login holds (without counting as activity) and its advisor may read the conversation."""
    for session in session_scope(settings.database_url):
        login = find_session(session, settings, token, touch=False)
        conversation = session.get(Conversation, conversation_id)
        return (
            login is not None and conversation is not None and may_see(login.advisor, conversation)
        )
    return False


@router.websocket("/conversations/{conversation_id}/ws")
async def advisor_socket(websocket: WebSocket, conversation_id: str, settings: SettingsDep) -> None:
    """Every new message and state change of one conversation, for the console.

    Cookie-authenticated, so the Origin must be this server (no cross-site WebSocket hijacking).
    The socket lives only as long as its login: it closes at once when the login ends in this
    process (logout, account switched off, password changed; Hub.end_logins), and checks every
    PGB_SOCKET_RECHECK_S seconds for what happened elsewhere (expiry, another api worker).
    """
    token = websocket.cookies.get(COOKIE)
    hub: Hub = websocket.app.state.hub
    well_formed = re.fullmatch(CONVERSATION_ID.strip("^$"), conversation_id) is not None
    if not (token and well_formed and same_origin(websocket)):
        await websocket.close(code=POLICY_VIOLATION)
        return
    ended = asyncio.Event()
    # Watch before checking, so a logout between the check and the watch is not missed.
    with hub.watch_login(token_hash(token), ended.set):
        if not await asyncio.to_thread(_may_listen, settings, token, conversation_id):
            await websocket.close(code=POLICY_VIOLATION)
            return
        await websocket.accept()
        relaying = asyncio.create_task(
            relay(websocket, hub, conversation_id, ADVISOR, settings.database_url)
        )
        ending = asyncio.create_task(ended.wait())
        try:
            while not relaying.done():
                await asyncio.wait(
                    {relaying, ending},
                    timeout=settings.socket_recheck_s,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if relaying.done():
                    break  # the console went away
                if ended.is_set() or not await asyncio.to_thread(
                    _may_listen, settings, token, conversation_id
                ):
                    relaying.cancel()
                    await asyncio.wait({relaying})
                    with contextlib.suppress(RuntimeError):  # already closed by the client
                        await websocket.close(code=POLICY_VIOLATION)
                    break
        finally:
            ending.cancel()
            relaying.cancel()
