"""Request and response bodies of reviewing conversations: transcripts, notes, tags, corrections."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.core.schemas import Moment, RequestBody
from api.handoff.schemas import CallbackOut
from api.models import State


class ConversationSummary(BaseModel):
    id: str
    created_at: Moment
    updated_at: Moment
    state: State
    handoff_reason: str | None
    reviewed: bool
    tags: list[str]
    messages: int
    first_question: str | None
    lowest_confidence: float | None


class TranscriptPage(BaseModel):
    total: int
    items: list[ConversationSummary]


class NoteIn(RequestBody):
    text: str = Field(..., max_length=5000)


class NoteOut(BaseModel):
    id: int
    text: str
    advisor: str | None
    created_at: Moment


class TagsIn(RequestBody):
    tags: list[str] = Field(..., max_length=20)


class ReviewIn(RequestBody):
    reviewed: bool


class CorrectionIn(RequestBody):
    kind: Literal["intent", "new_intent", "incorrect_advice"]
    intent: str | None = Field(None, max_length=100)
    note: str | None = Field(None, max_length=5000)


class CorrectionOut(BaseModel):
    id: int
    message_id: int
    conversation_id: str
    kind: str
    intent: str | None
    note: str | None
    text: str | None
    understood_intent: str | None
    advisor: str | None
    created_at: Moment
    approved_at: Moment | None = None
    approved_by: str | None = None


class ApprovalIn(RequestBody):
    approved: bool


class FeedbackShown(BaseModel):
    """The person's verdict on one answer, as the console shows it."""

    message_id: int
    helpful: bool
    comment: str | None
    topic: str | None
    knowledge: list[str]
    created_at: Moment


class ConversationDetail(BaseModel):
    id: str
    created_at: Moment
    updated_at: Moment
    state: State
    handoff_reason: str | None
    handoff_at: Moment | None
    advisor: str | None
    mine: bool
    reviewed: bool
    tags: list[str]
    slots: dict[str, Any]
    messages: list[dict[str, Any]]
    notes: list[NoteOut]
    callbacks: list[CallbackOut]
    corrections: list[CorrectionOut]
    feedback: list[FeedbackShown] = []
