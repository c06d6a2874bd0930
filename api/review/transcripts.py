"""Finding and showing conversations for review: filters, full-text search, the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from api.advisors.access import visible_to
from api.models import Advisor, Conversation, Correction, Message, Note, Sender, Tag
from api.review.schemas import ConversationSummary, CorrectionOut, NoteOut

FALLBACK_INTENT = "nlu_fallback"


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    intent: str | None = None
    handed_off: bool | None = None
    low_confidence: bool | None = None
    tag: str | None = None
    reviewed: bool | None = None
    q: str | None = None
    state: str | None = None


def _like(text: str) -> str:
    """A LIKE pattern that matches `text` literally (also % and _)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.utc)


def filtered(filters: Filters, threshold: float) -> Select:
    query = select(Conversation)
    has_message = Message.conversation_id == Conversation.id
    if filters.date_from:
        query = query.where(Conversation.created_at >= _midnight(filters.date_from))
    if filters.date_to:
        end = _midnight(filters.date_to + timedelta(days=1))
        query = query.where(Conversation.created_at < end)
    if filters.intent:
        query = query.where(exists().where(has_message, Message.intent == filters.intent))
    if filters.handed_off is not None:
        handed = Conversation.handoff_reason.is_not(None)
        query = query.where(handed if filters.handed_off else ~handed)
    if filters.low_confidence is not None:
        unsure = exists().where(
            has_message,
            Message.sender == Sender.USER,
            or_(Message.intent == FALLBACK_INTENT, Message.confidence < threshold),
        )
        query = query.where(unsure if filters.low_confidence else ~unsure)
    if filters.tag:
        tagged = and_(Tag.conversation_id == Conversation.id, Tag.name == filters.tag.lower())
        query = query.where(exists().where(tagged))
    if filters.reviewed is not None:
        query = query.where(Conversation.reviewed.is_(filters.reviewed))
    if filters.q:
        matches = func.lower(Message.text).like(_like(filters.q.lower()), escape="\\")
        query = query.where(exists().where(has_message, matches))
    if filters.state:
        query = query.where(Conversation.state == filters.state)
    return query


def search(
    session: Session, advisor: Advisor, filters: Filters, threshold: float, limit: int, offset: int
) -> tuple[int, list[ConversationSummary]]:
    query = filtered(filters, threshold).where(visible_to(advisor))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = session.scalars(
        query.order_by(Conversation.updated_at.desc(), Conversation.id).limit(limit).offset(offset)
    )
    return total, [summary(session, c) for c in page]


def summary(session: Session, conversation: Conversation) -> ConversationSummary:
    own = Message.conversation_id == conversation.id
    count = session.scalar(select(func.count()).where(own)) or 0
    lowest = session.scalar(select(func.min(Message.confidence)).where(own))
    first = session.scalar(
        select(Message.text).where(own, Message.sender == Sender.USER).order_by(Message.id).limit(1)
    )
    return ConversationSummary(
        id=conversation.id,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at,
        state=conversation.state,
        handoff_reason=conversation.handoff_reason,
        reviewed=conversation.reviewed,
        tags=[t.name for t in conversation.tags],
        messages=count,
        first_question=first,
        lowest_confidence=lowest,
    )


def notes(session: Session, conversation_id: str) -> list[NoteOut]:
    query = select(Note).where(Note.conversation_id == conversation_id).order_by(Note.id)
    return [
        NoteOut(
            id=n.id,
            text=n.text,
            advisor=n.advisor.name if n.advisor else None,
            created_at=n.created_at,
        )
        for n in session.scalars(query)
    ]


def correction_out(correction: Correction) -> CorrectionOut:
    message = correction.message
    return CorrectionOut(
        id=correction.id,
        message_id=correction.message_id,
        conversation_id=message.conversation_id,
        kind=correction.kind,
        intent=correction.intent,
        note=correction.note,
        text=message.text,
        understood_intent=message.intent,
        advisor=correction.advisor.name if correction.advisor else None,
        created_at=correction.created_at,
        approved_at=correction.approved_at,
        approved_by=correction.approved_by,
    )


def corrections(
    session: Session, advisor: Advisor, conversation_id: str | None = None
) -> list[CorrectionOut]:
    """Corrections on the conversations `advisor` may read (of one, or of all)."""
    query = (
        select(Correction)
        .join(Message)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(visible_to(advisor))
        .order_by(Correction.id)
    )
    if conversation_id:
        query = query.where(Message.conversation_id == conversation_id)
    return [correction_out(c) for c in session.scalars(query)]
