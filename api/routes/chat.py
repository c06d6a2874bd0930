"""POST /api/chat: the widget's only way to talk to the bot (or to the advisor during a handoff)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException

from api import conversation_token
from api.chat import plain_text, take_turn
from api.deps import HubDep, LocksDep, OfficeDep, RasaDep, SessionDep, SettingsDep
from api.models import Conversation
from api.ratelimit import limit_chat
from api.schemas import ChatRequest, ChatResponse
from api.texts import error_text

router = APIRouter()


@router.post("/api/chat", response_model=ChatResponse, dependencies=[Depends(limit_chat)])
def chat(
    body: ChatRequest,
    session: SessionDep,
    rasa: RasaDep,
    locks: LocksDep,
    settings: SettingsDep,
    hub: HubDep,
    office: OfficeDep,
    token: Annotated[str | None, Header(alias=conversation_token.TOKEN_HEADER)] = None,
) -> ChatResponse:
    """Without a conversation id a new conversation starts, and the answer carries its secret
    (`conversation_token`); every later turn sends that secret in the X-Conversation-Token
    header."""
    text = body.text.strip()
    if not plain_text(text):  # also "/" alone: what would reach the bot is empty
        raise HTTPException(422, error_text("empty_text"))
    if len(text) > settings.max_message_chars:
        raise HTTPException(422, error_text("too_long", max_chars=settings.max_message_chars))

    new_token = None
    if body.conversation_id is None:
        conversation = Conversation()
        new_token = conversation_token.issue(conversation)
        session.add(conversation)
        session.flush()
    else:
        found = conversation_token.find(session, body.conversation_id, token)
        if found is None:
            raise conversation_token.not_found()
        conversation = found

    with locks.hold(conversation.id):
        session.refresh(conversation)  # an advisor may have claimed it meanwhile
        replies = take_turn(session, rasa, conversation, text, hub=hub, office=office)
    return ChatResponse(
        conversation_id=conversation.id,
        conversation_token=new_token,
        state=conversation.state,
        messages=replies,
    )
