"""Request and response bodies of the handoff: the queue, replies, callbacks, office hours."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from api.core.schemas import Moment, RequestBody
from api.models import State


class Availability(BaseModel):
    open: bool
    next_open: Moment | None


class CallbackRequest(RequestBody):
    name: str = Field(..., max_length=200)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    preferred_moment: str = Field("", max_length=200)
    consent: bool = False


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
    state: State
    handoff_reason: str | None
    handoff_at: Moment | None
    waiting_seconds: int | None
    advisor: str | None
    mine: bool
    asked: list[str]
    slots: dict[str, Any]
    bot_replies: list[str]
    callbacks: list[CallbackOut]
