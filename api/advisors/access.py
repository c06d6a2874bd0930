"""Which conversations an advisor may read: one rule for the queue, the transcripts and the
console's live socket."""

from __future__ import annotations

from sqlalchemy import true
from sqlalchemy.sql import ColumnElement

from api.models import Advisor, Conversation


def visible_to(advisor: Advisor) -> ColumnElement[bool]:
    """Which conversations an advisor may read: admins all; advisors those that came to
    advisors (the person was put in the queue, or left a callback request). What a person
    discussed with the bot alone stays between them and the bot."""
    if advisor.role == "admin":
        return true()
    return Conversation.handoff_at.is_not(None)


def may_see(advisor: Advisor, conversation: Conversation) -> bool:
    return advisor.role == "admin" or conversation.handoff_at is not None
