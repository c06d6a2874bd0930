"""Request and response bodies of the public chat api (separate from the tables)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

CONVERSATION_ID = r"^[0-9a-f]{32}$"


class ChatRequest(BaseModel):
    conversation_id: str | None = Field(None, regex=CONVERSATION_ID)
    text: str = Field(..., max_length=100_000)  # the real limit is checked with a Dutch reply


class Button(BaseModel):
    title: str
    payload: str


class ChatMessage(BaseModel):
    # id and created_at are set once the message is stored (always, in what the api returns).
    id: int | None = None
    sender: Literal["user", "bot", "system", "advisor"] = "bot"
    text: str | None = None
    buttons: list[Button] = []
    custom: dict[str, Any] | None = None
    created_at: datetime | None = None


class ChatResponse(BaseModel):
    conversation_id: str
    state: str
    messages: list[ChatMessage]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    api: str
    database: str
    rasa: str
    action_server: str


class History(BaseModel):
    conversation_id: str
    state: str
    messages: list[ChatMessage]


class Availability(BaseModel):
    open: bool
    next_open: datetime | None


class CallbackRequest(BaseModel):
    name: str = Field(..., max_length=200)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    preferred_moment: str = Field("", max_length=200)
    consent: bool = False
