"""AVG: delete conversations after the retention period, and erase one on request.

Both remove the conversation from the api's database (messages, callbacks, tags, notes and
corrections go with it through ON DELETE CASCADE) and its events from Rasa's SQL tracker store
(table `events`, column `sender_id` = our conversation id). A tracker store without that table
(Rasa never ran, or a different store) is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from api.advisors.auth import purge_sessions
from api.core.db import affected_rows, get_engine
from api.core.settings import Settings
from api.errors import Unavailable
from api.models import AuditEntry, Conversation, utcnow

log = logging.getLogger(__name__)
_EVENTS = sa.table("events", sa.column("sender_id"))
BATCH = 500


class TrackerStoreUnavailable(Unavailable):
    """Rasa's tracker store could not be reached; the conversation is not (fully) erased."""

    key = "tracker_unavailable"


def erase_tracker(tracker_store_url: str, conversation_ids: list[str]) -> int:
    """Delete Rasa's events of these conversations; 0 when the store has no events table."""
    if not conversation_ids:
        return 0
    try:
        engine = get_engine(tracker_store_url)
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("events"):
                return 0
            result = connection.execute(
                delete(_EVENTS).where(_EVENTS.c.sender_id.in_(conversation_ids))
            )
            return int(result.rowcount)
    except SQLAlchemyError as error:
        raise TrackerStoreUnavailable from error


def erase(session: Session, settings: Settings, conversation_id: str) -> bool:
    """Erase one conversation everywhere. Rasa's copy goes first: if that fails, our copy stays
    and the caller can retry, rather than leaving an orphan the console can no longer find."""
    if session.get(Conversation, conversation_id) is None:
        return False
    erase_tracker(settings.tracker_store_url, [conversation_id])
    session.execute(delete(Conversation).where(Conversation.id == conversation_id))
    return True


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    tracker_events: int
    audit_entries: int
    sessions: int


def purge(session: Session, settings: Settings) -> PurgeResult:
    """Delete what is older than the retention periods. Cheap when there is nothing to do:
    one indexed SELECT on conversations.updated_at and two indexed DELETEs."""
    now = utcnow()
    conversations = events = 0
    if settings.retention_days > 0:
        cutoff = now - timedelta(days=settings.retention_days)
        while True:
            ids = list(
                session.scalars(
                    select(Conversation.id).where(Conversation.updated_at < cutoff).limit(BATCH)
                )
            )
            if not ids:
                break
            events += erase_tracker(settings.tracker_store_url, ids)
            session.execute(delete(Conversation).where(Conversation.id.in_(ids)))
            session.commit()
            conversations += len(ids)
    audit = 0
    if settings.audit_retention_days > 0:
        audit_cutoff = now - timedelta(days=settings.audit_retention_days)
        result = session.execute(delete(AuditEntry).where(AuditEntry.created_at < audit_cutoff))
        audit = affected_rows(result)
        session.commit()
    sessions = purge_sessions(session)
    if conversations or audit:
        log.info("purged %d conversations, %d tracker events", conversations, events)
    return PurgeResult(conversations, events, audit, sessions)
