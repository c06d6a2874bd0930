"""Stored messages in the shapes the widget and the console receive."""

from __future__ import annotations

from typing import Any

from api.core.schemas import Button, ChatMessage
from api.models import Message


def message_out(message: Message) -> ChatMessage:
    """The widget's shape (docs/conversation-api.md, ChatMessage)."""
    payload = message.payload or {}
    return ChatMessage(
        id=message.id,
        sender=message.sender,
        text=message.text,
        buttons=[Button(**b) for b in payload.get("buttons", [])],
        custom=payload.get("custom"),
        created_at=message.created_at,
        feedback=bool(message.knowledge),
    )


def console_message(message: Message) -> dict[str, Any]:
    """The console's shape: the widget's plus what the bot understood of it."""
    shown: dict[str, Any] = message_out(message).model_dump(mode="json")
    shown.update(
        intent=message.intent,
        confidence=message.confidence,
        actions=message.actions,
        knowledge=message.knowledge,
    )
    return shown
