"""The console's queue: waiting conversations with their case summary, those with an advisor,
and callback requests.

The page is built in a fixed number of queries, however many conversations wait and however
long they are: the summaries' messages come from one windowed query, the callbacks from one,
the advisors with the conversations. The console loads it once and again only when the queue
socket says something changed (api/live/events.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from api.handoff.schemas import CallbackOut, QueueItem
from api.handoff.service import QUEUED
from api.models import Callback, Conversation, Message, Sender

SUMMARY_ITEMS = 3


def callback_out(callback: Callback) -> CallbackOut:
    return CallbackOut(
        id=callback.id,
        name=callback.name,
        phone=callback.phone,
        email=callback.email,
        preferred_moment=callback.preferred_moment,
        consent_at=callback.consent_at,
        created_at=callback.created_at,
        handled_at=callback.handled_at,
    )


def _summaries(
    session: Session, ids: list[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per conversation: the first and the last few questions, and the bot's last replies."""
    per_sender = (Message.conversation_id, Message.sender)
    ranked = (
        select(
            Message.id,
            Message.conversation_id,
            Message.sender,
            Message.text,
            func.row_number().over(partition_by=per_sender, order_by=Message.id).label("nth"),
            func.row_number()
            .over(partition_by=per_sender, order_by=Message.id.desc())
            .label("nth_last"),
        )
        .where(
            Message.conversation_id.in_(ids),
            Message.sender.in_((Sender.USER, Sender.BOT)),
            Message.text.is_not(None),
            Message.text != "",
        )
        .subquery()
    )
    wanted = or_(
        and_(
            ranked.c.sender == Sender.USER,
            or_(ranked.c.nth <= SUMMARY_ITEMS, ranked.c.nth_last <= SUMMARY_ITEMS),
        ),
        and_(ranked.c.sender == Sender.BOT, ranked.c.nth_last <= SUMMARY_ITEMS),
    )
    asked: dict[str, list[str]] = defaultdict(list)
    replies: dict[str, list[str]] = defaultdict(list)
    rows = session.execute(
        select(ranked.c.conversation_id, ranked.c.sender, ranked.c.text)
        .where(wanted)
        .order_by(ranked.c.id)
    )
    for conversation_id, sender, text in rows:
        (asked if sender == Sender.USER else replies)[conversation_id].append(text)
    return asked, replies


def queue(session: Session, me: int, now: datetime) -> list[QueueItem]:
    """Waiting conversations (longest wait first), those with an advisor, and callbacks."""
    found = list(
        session.scalars(
            select(Conversation)
            .where(Conversation.state.in_(QUEUED))
            .options(selectinload(Conversation.advisor))
            .order_by(Conversation.handoff_at, Conversation.created_at)
        )
    )
    ids = [c.id for c in found]
    asked, replies = _summaries(session, ids)
    callbacks: dict[str, list[CallbackOut]] = defaultdict(list)
    for callback in session.scalars(
        select(Callback).where(Callback.conversation_id.in_(ids)).order_by(Callback.id)
    ):
        callbacks[callback.conversation_id].append(callback_out(callback))
    return [
        QueueItem(
            id=c.id,
            state=c.state,
            handoff_reason=c.handoff_reason,
            handoff_at=c.handoff_at,
            waiting_seconds=int((now - c.handoff_at).total_seconds()) if c.handoff_at else None,
            advisor=c.advisor.name if c.advisor else None,
            mine=c.advisor_id == me,
            asked=asked[c.id],
            slots=c.slots or {},
            bot_replies=replies[c.id],
            callbacks=callbacks[c.id],
        )
        for c in found
    ]
