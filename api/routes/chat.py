"""POST /api/chat: the widget's only way to talk to the bot (or to the advisor during a handoff)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from api.chat import take_turn
from api.deps import HubDep, LocksDep, OfficeDep, RasaDep, SessionDep, SettingsDep
from api.models import Conversation
from api.schemas import ChatRequest, ChatResponse
from api.texts import error_text

router = APIRouter()


@router.post("/api/chat", response_model=ChatResponse)
def chat(
    body: ChatRequest,
    session: SessionDep,
    rasa: RasaDep,
    locks: LocksDep,
    settings: SettingsDep,
    hub: HubDep,
    office: OfficeDep,
) -> ChatResponse:
    text = body.text.strip()
    if not text:
        raise HTTPException(422, error_text("empty_text"))
    if len(text) > settings.max_message_chars:
        raise HTTPException(422, error_text("too_long", max_chars=settings.max_message_chars))

    if body.conversation_id is None:
        conversation = Conversation()
        session.add(conversation)
        session.flush()
    else:
        found = session.get(Conversation, body.conversation_id)
        if found is None:
            raise HTTPException(404, error_text("unknown_conversation"))
        conversation = found

    with locks.hold(conversation.id):
        session.refresh(conversation)  # an advisor may have claimed it meanwhile
        replies = take_turn(session, rasa, conversation, text, hub=hub, office=office)
    return ChatResponse(conversation_id=conversation.id, state=conversation.state, messages=replies)
