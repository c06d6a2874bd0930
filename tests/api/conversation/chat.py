"""Talking to POST /api/chat in the conversation tests: a later turn, and what was stored."""

from __future__ import annotations

import httpx2
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Message

TOKEN = "X-Conversation-Token"


def say(client: TestClient, first: dict, text: str) -> httpx2.Response:  # type: ignore[type-arg]
    """A later turn of the conversation that `first` (the answer to its first turn) started."""
    return client.post(
        "/api/chat",
        json={"conversation_id": first["conversation_id"], "text": text},
        headers={TOKEN: first["conversation_token"]},
    )


def stored(db: Session, conversation_id: str) -> list[Message]:
    db.expire_all()
    query = select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
    return list(db.scalars(query))
