"""The person's "Heeft dit antwoord u geholpen?" on one bot answer.

Asked only on answers that state facts (the turn marked them, api/conversation/turn.py), and
taken once per answer. A "no" puts the conversation back on the review list (not reviewed,
tagged) so an advisor reads it; the answer's knowledge records and the topic the person asked
about are kept with the feedback, for Inzicht.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.conversation.redaction import redact
from api.errors import Conflict, Invalid, NotFound
from api.models import Conversation, Feedback, Message, Sender, Tag

NOT_HELPFUL_TAG = "feedback-nee"
MAX_COMMENT = 500


def topic_of(session: Session, answer: Message) -> str | None:
    """The intent of the person's message the answer replied to."""
    return session.scalar(
        select(Message.intent)
        .where(
            Message.conversation_id == answer.conversation_id,
            Message.sender == Sender.USER,
            Message.id < answer.id,
        )
        .order_by(Message.id.desc())
        .limit(1)
    )


def give(
    session: Session,
    conversation: Conversation,
    message_id: int,
    helpful: bool,
    comment: str | None,
) -> Feedback:
    """Store the person's verdict on one answer of their own conversation."""
    answer = session.get(Message, message_id)
    if answer is None or answer.conversation_id != conversation.id:
        raise NotFound("message_not_found")
    if not answer.knowledge:
        raise Invalid("feedback_not_asked")
    text = " ".join((comment or "").split())
    if len(text) > MAX_COMMENT:
        raise Invalid("feedback_too_long", max_chars=MAX_COMMENT)
    feedback = Feedback(
        message_id=answer.id,
        conversation_id=conversation.id,
        helpful=helpful,
        comment=redact(text) if text else None,
        topic=topic_of(session, answer),
        knowledge=list(answer.knowledge),
    )
    if session.scalar(select(Feedback.id).where(Feedback.message_id == answer.id)):
        raise Conflict("feedback_given")
    if not helpful:
        conversation.reviewed = False
        if session.get(Tag, (conversation.id, NOT_HELPFUL_TAG)) is None:
            session.add(Tag(conversation_id=conversation.id, name=NOT_HELPFUL_TAG))
    session.add(feedback)
    try:
        session.commit()
    except IntegrityError as error:  # two at once: the unique message_id lets one through
        session.rollback()
        raise Conflict("feedback_given") from error
    return feedback


def of_conversation(session: Session, conversation_id: str) -> list[Feedback]:
    query = select(Feedback).where(Feedback.conversation_id == conversation_id)
    return list(session.scalars(query.order_by(Feedback.id)))
