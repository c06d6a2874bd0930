"""What every room's request and response bodies share: ids, safe text, moments, messages."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, PlainSerializer, field_validator

from api.models import Sender

CONVERSATION_ID = r"^[0-9a-f]{32}$"
MAX_ID = 2**31 - 1  # the largest integer id (PostgreSQL integer)
# NUL, which PostgreSQL cannot store, and half of a UTF-16 surrogate pair ("\ud800" is valid
# JSON, but no database or encoder takes it as text).
_UNSAFE_CHARACTERS = re.compile("[\x00\ud800-\udfff]")

# A moment in JSON as Python writes it ("2026-12-02T09:30:00+00:00"), which the widget, the
# console and docs/conversation-api.md expect; pydantic 2 would write UTC as "Z".
Moment = Annotated[datetime, PlainSerializer(datetime.isoformat, when_used="json")]


class RequestBody(BaseModel):
    """The base of every request body: text with an unsafe character is invalid input like any
    other (a Dutch 422), instead of an error where it is stored."""

    @field_validator("*")
    @classmethod
    def _safe_characters(cls, value: object) -> object:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and _UNSAFE_CHARACTERS.search(text) for text in texts):
            raise ValueError("unsafe character")
        return value


class Button(BaseModel):
    title: str
    payload: str


class ChatMessage(BaseModel):
    # id and created_at are set once the message is stored (always, in what the api returns).
    id: int | None = None
    sender: Sender = Sender.BOT
    text: str | None = None
    buttons: list[Button] = []
    custom: dict[str, Any] | None = None
    created_at: Moment | None = None
    # A bot answer that states facts: the widget asks "Heeft dit antwoord u geholpen?".
    feedback: bool = False
