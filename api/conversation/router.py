"""The person's conversation (docs/conversation-api.md): a chat turn, and the history.

No address here carries the conversation id: POST /api/chat has it in the body, the history
request in a header, both with the conversation's secret (api/conversation/token.py).
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from sqlalchemy import select

from api.conversation import feedback as answers
from api.conversation import token as conversation_token
from api.conversation.messages import message_out
from api.conversation.rasa import plain_text
from api.conversation.schemas import ChatRequest, ChatResponse, FeedbackIn, FeedbackOut, History
from api.conversation.turn import take_turn
from api.core.deps import (
    HubDep,
    LocksDep,
    MetricsDep,
    OfficeDep,
    PersonConversationDep,
    RasaDep,
    SessionDep,
    SettingsDep,
)
from api.core.ratelimit import limit_chat
from api.core.schemas import MAX_ID
from api.errors import Invalid
from api.live import events
from api.models import Conversation, Message

router = APIRouter()


@router.post("/api/chat", response_model=ChatResponse, dependencies=[Depends(limit_chat)])
def chat(  # noqa: PLR0913 - the turn's parts, each a dependency
    body: ChatRequest,
    session: SessionDep,
    rasa: RasaDep,
    locks: LocksDep,
    settings: SettingsDep,
    hub: HubDep,
    office: OfficeDep,
    metrics: MetricsDep,
    token: Annotated[str | None, Header(alias=conversation_token.TOKEN_HEADER)] = None,
) -> ChatResponse:
    """Without a conversation id a new conversation starts, and the answer carries its secret
    (`conversation_token`); every later turn sends that secret in the X-Conversation-Token
    header."""
    started = time.perf_counter()
    text = body.text.strip()
    if not plain_text(text):  # also "/" alone: what would reach the bot is empty
        raise Invalid("empty_text")
    if len(text) > settings.max_message_chars:
        raise Invalid("too_long", max_chars=settings.max_message_chars)

    new_token = None
    if body.conversation_id is None:
        conversation = Conversation()
        new_token = conversation_token.issue(conversation)
        session.add(conversation)
        session.flush()
    else:
        found = conversation_token.find(session, body.conversation_id, token)
        if found is None:
            raise conversation_token.UnknownConversation
        conversation = found

    # Not idle in a transaction (holding a pooled connection) while the previous turn runs.
    session.commit()
    with locks.hold(conversation.id):
        session.refresh(conversation)  # an advisor may have claimed it meanwhile
        turn = take_turn(session, rasa, conversation, text, office)
    events.turn_taken(hub, conversation, turn.stored, handoff=turn.handoff_requested)
    metrics.record_turn(
        turn.outcome, time.perf_counter() - started, turn.bot_failure, turn.handoff_reason
    )
    return ChatResponse(
        conversation_id=conversation.id,
        conversation_token=new_token,
        state=conversation.state,
        messages=[message_out(m) for m in turn.replies],
    )


@router.get("/api/conversation/messages", response_model=History)
def history(
    conversation: PersonConversationDep,
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


@router.post(
    "/api/conversation/feedback",
    response_model=FeedbackOut,
    status_code=201,
    dependencies=[Depends(limit_chat)],
)
def feedback(
    body: FeedbackIn, conversation: PersonConversationDep, session: SessionDep
) -> FeedbackOut:
    """ "Heeft dit antwoord u geholpen?": yes or no on one answer, with an optional comment
    (redacted like every message). Once per answer; a "no" marks the conversation for review."""
    given = answers.give(session, conversation, body.message_id, body.helpful, body.comment)
    return FeedbackOut(message_id=given.message_id, helpful=given.helpful)
