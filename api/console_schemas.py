"""Request and response bodies of the advisor console's JSON api (/api/advisor/...)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas import Moment, RequestBody


class LoginRequest(RequestBody):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=1000)


class AdvisorOut(BaseModel):
    id: int
    email: str
    name: str
    role: str


class Me(AdvisorOut):
    csrf_token: str


class NewAdvisor(RequestBody):
    email: str = Field(..., max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    name: str = Field(..., min_length=1, max_length=100)
    password: str = Field(..., max_length=1000)
    role: Literal["advisor", "admin"] = "advisor"


class AccountOut(AdvisorOut):
    """An advisor account as admins manage it."""

    active: bool
    locked: bool  # locked now, after too many wrong passwords
    locked_until: Moment | None  # only while locked


class PasswordChange(RequestBody):
    current_password: str = Field(..., max_length=1000)
    new_password: str = Field(..., max_length=1000)


class AuditEntryOut(BaseModel):
    id: int
    created_at: Moment
    advisor_email: str  # who did it, or "system"
    action: str
    account_email: str | None
    conversation_id: str | None


class AuditPage(BaseModel):
    total: int
    items: list[AuditEntryOut]


class ReplyRequest(RequestBody):
    text: str = Field(..., max_length=100_000)  # the real limit is checked with a Dutch reply


class CallbackOut(BaseModel):
    id: int
    name: str
    phone: str | None
    email: str | None
    preferred_moment: str
    consent_at: Moment
    created_at: Moment
    handled_at: Moment | None


class QueueItem(BaseModel):
    id: str
    state: str
    handoff_reason: str | None
    handoff_at: Moment | None
    waiting_seconds: int | None
    advisor: str | None
    mine: bool
    asked: list[str]
    slots: dict[str, Any]
    bot_replies: list[str]
    callbacks: list[CallbackOut]


class ConversationSummary(BaseModel):
    id: str
    created_at: Moment
    updated_at: Moment
    state: str
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


class ConversationDetail(BaseModel):
    id: str
    created_at: Moment
    updated_at: Moment
    state: str
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
