"""Request and response bodies of the person's chat (docs/conversation-api.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.core.schemas import CONVERSATION_ID, MAX_ID, ChatMessage, RequestBody
from api.models import State


class ChatRequest(RequestBody):
    conversation_id: str | None = Field(None, pattern=CONVERSATION_ID)
    text: str = Field(..., max_length=100_000)  # the real limit is checked with a Dutch reply


class ChatResponse(BaseModel):
    conversation_id: str
    # The person's secret for this conversation: only in the answer that starts it.
    conversation_token: str | None = None
    state: State
    messages: list[ChatMessage]


class FeedbackIn(RequestBody):
    message_id: int = Field(..., ge=1, le=MAX_ID)
    helpful: bool
    comment: str | None = Field(None, max_length=5000)  # the real limit: a Dutch reply


class FeedbackOut(BaseModel):
    message_id: int
    helpful: bool


class History(BaseModel):
    conversation_id: str
    state: State
    messages: list[ChatMessage]
