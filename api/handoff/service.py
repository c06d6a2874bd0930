"""The handoff state machine, owned by the api.

    bot -> requested -> with_advisor -> closed -> bot
    with_advisor -> requested (the advisor's account was switched off: someone else takes over)
    requested -> callback (and bot -> callback: the form is offered outside office hours)
    callback -> closed -> bot (an advisor handled the callback), callback -> requested

While a conversation is `requested` or `with_advisor`, the person's messages go to the advisor,
not to Rasa. `closed` is passed through on the way back to `bot`: a closed handoff is a
conversation with the bot again, and the system message in the timeline records the close.

Each step changes the conversation, adds the api's system message (the one text the person
and the console see about it) and raises `HandoffConflict` when the state does not allow it.
Nothing here publishes: the routes tell api/live/events.py what happened.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.conversation.redaction import redact, redact_advisor_text
from api.core.db import affected_rows
from api.core.texts import texts
from api.errors import Conflict, Invalid
from api.handoff.office_hours import OfficeHours
from api.models import Advisor, Callback, Conversation, Message, Sender, State, utcnow

WITH_HUMAN = (State.REQUESTED, State.WITH_ADVISOR)
# Conversations in these states are on the console's queue page.
QUEUED = (State.REQUESTED, State.WITH_ADVISOR, State.CALLBACK)
TRANSITIONS: dict[State, set[State]] = {
    State.BOT: {State.REQUESTED, State.CALLBACK},
    State.REQUESTED: {State.WITH_ADVISOR, State.CALLBACK},
    State.WITH_ADVISOR: {State.CLOSED, State.REQUESTED},
    State.CALLBACK: {State.REQUESTED, State.CLOSED},
    State.CLOSED: {State.BOT},
}


class HandoffConflict(Conflict):
    """The conversation is not in a state that allows this step; `key` names the Dutch text."""

    key = "wrong_state"


def move(conversation: Conversation, target: State) -> None:
    if target not in TRANSITIONS.get(conversation.state, set()):
        raise HandoffConflict("wrong_state")
    conversation.state = target


def _system(
    session: Session, conversation: Conversation, key: str, custom: dict[str, Any] | None = None
) -> Message:
    """The api's note about a step. Added to the session, not to `conversation.messages`, so
    the conversation's timeline is never loaded for it."""
    message = Message(
        conversation_id=conversation.id,
        sender=Sender.SYSTEM,
        text=texts()["handoff"][key],
        payload={"custom": custom} if custom else None,
    )
    session.add(message)
    return message


# "bel me morgen maar terug", "kunnen jullie mij bellen": a person in the queue who would
# rather be called gets the callback form instead of another "please wait".
ASKS_FOR_A_CALL = re.compile(
    r"\b(bel|bellen|belt|terugbellen|gebeld|teruggebeld|telefonisch)\b", re.IGNORECASE
)


# The reason the bot gives for despair (actions/handoff.py REASON_BY_INTENT).
DISTRESS = "distress"
CALLBACK_FORM = {"callback_form": True}
# "ok maar wanneer dan", "hoe lang duurt het nog": when someone comes, asked while waiting. The
# bot cannot know; it would read the question against its last answer and say that again. Not
# "hoe lang heb ik daar nog voor" (the time left for an objection): that is the bot's.
ASKS_WHEN = re.compile(
    r"\b(hoe ?lang (duurt (het|dat)|moet ik (nog )?wachten)|duurt (het|dat) (nog )?lang"
    r"|nog lang wachten|wanneer (komt|is|kan|reageert|belt) (er )?(iemand|een|de|die|jullie))\b",
    re.IGNORECASE,
)
FILLERS = frozenset({"ok", "oke", "oké", "okay", "maar", "en", "dus", "ja", "nou", "dan"})
MAX_WHEN_WORDS = 8


def asks_when(text: str) -> bool:
    """A short question when a person comes: "ok maar wanneer dan", "duurt het nog lang"."""
    said = re.findall(r"[\wéë']+", text.lower())
    if [w for w in said if w not in FILLERS] == ["wanneer"]:
        return True
    return len(said) <= MAX_WHEN_WORDS and bool(ASKS_WHEN.search(text))


def still_waiting(session: Session, conversation: Conversation, text: str) -> list[Message]:
    """A message while the person waits in the queue: it is passed on, and someone comes; or,
    when they ask to be called or ask when someone comes, the callback form."""
    if conversation.state != State.REQUESTED:
        return []
    distress = conversation.handoff_reason == DISTRESS
    if ASKS_FOR_A_CALL.search(text):
        # "ik weet niet of ik wel wil bellen" after despair: 113 can be reached by chat too.
        key = "distress_while_waiting" if distress else "callback_while_waiting"
        return [_system(session, conversation, key, CALLBACK_FORM)]
    if asks_when(text):
        key, custom = "when_waiting", CALLBACK_FORM
    else:
        key, custom = "still_waiting", None
    # Someone handed over in despair hears 113 with every note while they wait ("ja ik bedoel
    # met alles" after "ik wil ermee stoppen"): the bot may not be asked, or not understand.
    return [_system(session, conversation, f"distress_{key}" if distress else key, custom)]


def case_summary(answers: dict[str, Any]) -> dict[str, str]:
    """The answers of the guided checks as the handoff action sent them, redacted."""
    return {str(name): redact(str(value)) for name, value in answers.items()}


def request(
    session: Session,
    conversation: Conversation,
    reason: str,
    answers: dict[str, Any],
    office: OfficeHours,
    now: datetime,
) -> list[Message]:
    """The bot (or the person) asked for a human: queue it, or offer a callback when closed.
    The case summary the bot sent with it is kept for the advisor."""
    if conversation.state in WITH_HUMAN:
        return []
    conversation.handoff_reason = reason
    if answers:
        conversation.slots = case_summary(answers)
    if office.is_open(now):
        move(conversation, State.REQUESTED)
        conversation.handoff_at = now
        return [_system(session, conversation, "requested")]
    next_open = office.next_open(now)
    custom = {"callback_form": True, "next_open": next_open.isoformat() if next_open else None}
    return [_system(session, conversation, "closed_offer_callback", custom)]


def claim(session: Session, conversation_id: str, advisor: Advisor) -> tuple[Conversation, Message]:
    """Take a waiting conversation. Atomic: the UPDATE only matches while it is still waiting,
    so of two advisors claiming at once exactly one gets a row (on SQLite and PostgreSQL)."""
    now = utcnow()
    result = session.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.state == State.REQUESTED)
        .values(state=State.WITH_ADVISOR, advisor_id=advisor.id, updated_at=now, joined_at=now)
        .execution_options(synchronize_session=False)
    )
    if affected_rows(result) != 1:
        session.rollback()
        raise HandoffConflict("already_claimed")
    session.commit()
    conversation = session.get(Conversation, conversation_id, populate_existing=True)
    assert conversation is not None
    message = Message(
        conversation_id=conversation.id,
        sender=Sender.SYSTEM,
        text=texts()["handoff"]["joined"].format(name=advisor.first_name),
    )
    session.add(message)
    session.commit()
    return conversation, message


def release(session: Session, advisor: Advisor) -> list[tuple[Conversation, Message]]:
    """Put the conversations `advisor` holds back in the queue (their account is switched off).

    They keep their place: the time they first asked for a person stays. The caller commits.
    """
    held = session.scalars(
        select(Conversation).where(
            Conversation.state == State.WITH_ADVISOR, Conversation.advisor_id == advisor.id
        )
    )
    released = []
    for conversation in held:
        move(conversation, State.REQUESTED)
        conversation.advisor_id = None
        conversation.updated_at = utcnow()
        released.append((conversation, _system(session, conversation, "released")))
    return released


def require_owner(conversation: Conversation, advisor: Advisor) -> None:
    if conversation.state != State.WITH_ADVISOR:
        raise HandoffConflict("not_with_advisor")
    if conversation.advisor_id != advisor.id:
        raise HandoffConflict("not_yours")


def reply(session: Session, conversation: Conversation, advisor: Advisor, text: str) -> Message:
    require_owner(conversation, advisor)
    message = Message(
        conversation_id=conversation.id, sender=Sender.ADVISOR, text=redact_advisor_text(text)
    )
    session.add(message)
    conversation.updated_at = utcnow()
    session.commit()
    return message


def close(session: Session, conversation: Conversation, advisor: Advisor) -> Message:
    """Hand the conversation back to the bot (or mark a callback request as handled)."""
    if conversation.state == State.CALLBACK:
        for callback in conversation_callbacks(session, conversation.id):
            callback.handled_at = callback.handled_at or utcnow()
        key = "callback_handled"
    else:
        if conversation.advisor_id != advisor.id and advisor.role != "admin":
            require_owner(conversation, advisor)
        key = "handed_back"
    move(conversation, State.CLOSED)
    move(conversation, State.BOT)
    message = _system(session, conversation, key)
    conversation.updated_at = utcnow()
    session.commit()
    return message


def conversation_callbacks(session: Session, conversation_id: str) -> list[Callback]:
    query = select(Callback).where(Callback.conversation_id == conversation_id)
    return list(session.scalars(query.order_by(Callback.id)))


_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,30}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def callback_details(
    name: str, phone: str | None, email: str | None, preferred_moment: str, *, consent: bool
) -> dict[str, Any]:
    """The callback form's fields, trimmed; `Invalid` names the first one that is wrong."""
    name, moment = name.strip(), preferred_moment.strip()
    phone, email = (phone or "").strip() or None, (email or "").strip() or None
    if consent is not True:
        raise Invalid("callback_no_consent")
    if not name:
        raise Invalid("callback_no_name")
    if not phone and not email:
        raise Invalid("callback_no_contact")
    if phone and not _PHONE.match(phone):
        raise Invalid("callback_bad_phone")
    if email and not _EMAIL.match(email):
        raise Invalid("callback_bad_email")
    return {"name": name, "phone": phone, "email": email, "preferred_moment": moment}


def leave_callback(
    session: Session, conversation: Conversation, details: dict[str, Any]
) -> Message:
    """Store a callback request (the person gave explicit consent) and confirm it."""
    if conversation.state == State.WITH_ADVISOR:
        raise HandoffConflict("with_advisor_no_callback")
    if conversation.state != State.CALLBACK:
        move(conversation, State.CALLBACK)
    conversation.handoff_reason = conversation.handoff_reason or "user_request"
    conversation.handoff_at = conversation.handoff_at or utcnow()
    session.add(Callback(conversation_id=conversation.id, consent_at=utcnow(), **details))
    message = _system(session, conversation, "callback_received")
    conversation.updated_at = utcnow()
    session.commit()
    return message
