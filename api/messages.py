"""Stored messages as the widget and the console receive them, and as WebSocket events."""

from __future__ import annotations

from typing import Any, cast

from fastapi.encoders import jsonable_encoder

from api.models import Message, as_utc
from api.schemas import Button, ChatMessage, Sender


def message_out(message: Message) -> ChatMessage:
    """The widget's shape (docs/conversation-api.md, ChatMessage)."""
    payload = message.payload or {}
    return ChatMessage(
        id=message.id,
        sender=cast(Sender, message.sender),  # one of these, as the api stores it
        text=message.text,
        buttons=[Button(**b) for b in payload.get("buttons", [])],
        custom=payload.get("custom"),
        created_at=as_utc(message.created_at),
    )


def console_message(message: Message) -> dict[str, Any]:
    """The console's shape: the widget's plus what the bot understood of it."""
    shown: dict[str, Any] = jsonable_encoder(message_out(message))
    shown.update(intent=message.intent, confidence=message.confidence, actions=message.actions)
    return shown


def person_event(message: Message) -> dict[str, Any]:
    return {"type": "message", "message": jsonable_encoder(message_out(message))}


def console_event(message: Message) -> dict[str, Any]:
    return {"type": "message", "message": console_message(message)}
