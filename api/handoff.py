"""The handoff state machine, owned by the api.

    bot -> requested -> with_advisor -> closed -> bot
    with_advisor -> requested (the advisor's account was switched off: someone else takes over)
    requested -> callback (and bot -> callback: the form is offered outside office hours)
    callback -> closed -> bot (an advisor handled the callback), callback -> requested

While a conversation is `requested` or `with_advisor`, the person's messages go to the advisor,
not to Rasa. `closed` is passed through on the way back to `bot`: a closed handoff is a
conversation with the bot again, and the system message in the timeline records the close.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.db import affected_rows
from api.messages import console_event, person_event
from api.models import Advisor, Callback, Conversation, Message, utcnow
from api.office_hours import OfficeHours
from api.realtime import ADVISOR, PERSON, Hub
from api.redaction import redact_advisor_text
from api.texts import texts

WITH_HUMAN = ("requested", "with_advisor")
TRANSITIONS: dict[str, set[str]] = {
    "bot": {"requested", "callback"},
    "requested": {"with_advisor", "callback"},
    "with_advisor": {"closed", "requested"},
    "callback": {"requested", "closed"},
    "closed": {"bot"},
}


class HandoffConflict(Exception):
    """The conversation is not in a state that allows this step; `key` names the Dutch text."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def move(conversation: Conversation, target: str) -> None:
    if target not in TRANSITIONS.get(conversation.state, set()):
        raise HandoffConflict("wrong_state")
    conversation.state = target


def _system(conversation: Conversation, key: str, custom: dict[str, Any] | None = None) -> Message:
    message = Message(
        sender="system",
        text=texts()["handoff"][key],
        payload={"custom": custom} if custom else None,
    )
    conversation.messages.append(message)
    return message


def still_waiting(conversation: Conversation) -> list[Message]:
    """A message while the person waits in the queue: it is passed on, and someone comes."""
    if conversation.state != "requested":
        return []
    return [_system(conversation, "still_waiting")]


def request(
    conversation: Conversation, reason: str, office: OfficeHours, now: datetime
) -> list[Message]:
    """The bot (or the person) asked for a human: queue it, or offer a callback when closed."""
    if conversation.state in WITH_HUMAN:
        return []
    conversation.handoff_reason = reason
    if office.is_open(now):
        move(conversation, "requested")
        conversation.handoff_at = now
        return [_system(conversation, "requested")]
    next_open = office.next_open(now)
    custom = {"callback_form": True, "next_open": next_open.isoformat() if next_open else None}
    return [_system(conversation, "closed_offer_callback", custom)]


def state_event(conversation: Conversation) -> dict[str, Any]:
    """The state as the widget hears it; the advisor's first name only while they are in it."""
    advisor = conversation.advisor if conversation.state == "with_advisor" else None
    name = advisor.first_name if advisor else None
    return {"type": "state", "state": conversation.state, "advisor": name}


def publish(
    hub: Hub, conversation: Conversation, messages: list[Message], *, state: bool = True
) -> None:
    """Tell the person and the console about new advisor/system messages (and the state)."""
    for message in messages:
        hub.publish(conversation.id, person_event(message), (PERSON,))
        hub.publish(conversation.id, console_event(message), (ADVISOR,))
    if state:
        hub.publish(conversation.id, state_event(conversation), (PERSON, ADVISOR))


def claim(session: Session, conversation_id: str, advisor: Advisor) -> tuple[Conversation, Message]:
    """Take a waiting conversation. Atomic: the UPDATE only matches while it is still waiting,
    so of two advisors claiming at once exactly one gets a row (on SQLite and PostgreSQL)."""
    result = session.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.state == "requested")
        .values(state="with_advisor", advisor_id=advisor.id, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if affected_rows(result) != 1:
        session.rollback()
        raise HandoffConflict("already_claimed")
    session.commit()
    conversation = session.get(Conversation, conversation_id, populate_existing=True)
    assert conversation is not None
    message = Message(
        sender="system", text=texts()["handoff"]["joined"].format(name=advisor.first_name)
    )
    conversation.messages.append(message)
    session.commit()
    return conversation, message


def release(session: Session, advisor: Advisor) -> list[tuple[Conversation, Message]]:
    """Put the conversations `advisor` holds back in the queue (their account is switched off).

    They keep their place: the time they first asked for a person stays. The caller commits.
    """
    held = session.scalars(
        select(Conversation).where(
            Conversation.state == "with_advisor", Conversation.advisor_id == advisor.id
        )
    )
    released = []
    for conversation in held:
        move(conversation, "requested")
        conversation.advisor_id = None
        conversation.updated_at = utcnow()
        released.append((conversation, _system(conversation, "released")))
    return released


def require_owner(conversation: Conversation, advisor: Advisor) -> None:
    if conversation.state != "with_advisor":
        raise HandoffConflict("not_with_advisor")
    if conversation.advisor_id != advisor.id:
        raise HandoffConflict("not_yours")


def reply(session: Session, conversation: Conversation, advisor: Advisor, text: str) -> Message:
    require_owner(conversation, advisor)
    message = Message(sender="advisor", text=redact_advisor_text(text))
    conversation.messages.append(message)
    conversation.updated_at = utcnow()
    session.commit()
    return message


def close(session: Session, conversation: Conversation, advisor: Advisor) -> Message:
    """Hand the conversation back to the bot (or mark a callback request as handled)."""
    if conversation.state == "callback":
        for callback in conversation_callbacks(session, conversation.id):
            callback.handled_at = callback.handled_at or utcnow()
        key = "callback_handled"
    else:
        if conversation.advisor_id != advisor.id and advisor.role != "admin":
            require_owner(conversation, advisor)
        key = "handed_back"
    move(conversation, "closed")
    move(conversation, "bot")
    message = _system(conversation, key)
    conversation.updated_at = utcnow()
    session.commit()
    return message


def conversation_callbacks(session: Session, conversation_id: str) -> list[Callback]:
    query = select(Callback).where(Callback.conversation_id == conversation_id)
    return list(session.scalars(query.order_by(Callback.id)))


def leave_callback(
    session: Session, conversation: Conversation, details: dict[str, Any]
) -> Message:
    """Store a callback request (the person gave explicit consent) and confirm it."""
    if conversation.state == "with_advisor":
        raise HandoffConflict("with_advisor_no_callback")
    if conversation.state != "callback":
        move(conversation, "callback")
    conversation.handoff_reason = conversation.handoff_reason or "user_request"
    conversation.handoff_at = conversation.handoff_at or utcnow()
    session.add(Callback(conversation_id=conversation.id, consent_at=utcnow(), **details))
    message = _system(conversation, "callback_received")
    conversation.updated_at = utcnow()
    session.commit()
    return message
