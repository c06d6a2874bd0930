"""One chat turn: store the person's message, then ask the bot or leave it for the advisor.

A turn asks Rasa once, and its work does not grow with the conversation's length: messages are
added to the session, never to `conversation.messages` (which would load the whole timeline),
and only the replies since the person's previous message are read back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.conversation.rasa import (
    REQUEST_HUMAN_PAYLOAD,
    HandoffRequest,
    RasaClient,
    RasaUnavailable,
    bot_text,
    read_replies,
)
from api.conversation.redaction import redact
from api.core.schemas import Button, ChatMessage
from api.core.texts import texts
from api.handoff import service as handoff
from api.handoff.office_hours import OfficeHours
from api.models import Conversation, Message, Sender, State, utcnow
from api.nlu_text import nlu_text

log = logging.getLogger(__name__)

# While a person waits for an advisor, the bot answers questions but stays quiet on these (a
# greeting, thanks, asking for a person again, or a message it did not understand): the
# advisor answers those. Unknown (None: the bot was down) is quiet too.
QUIET_WHILE_WAITING = frozenset(
    {
        None,
        "greet",
        "goodbye",
        "thank",
        "affirm",
        "deny",
        "chitchat",
        "bot_challenge",
        "request_human",
        "nlu_fallback",
        "out_of_scope",
        "say_dont_know",
        "inform",
        "stop_flow",
        "go_back",
        "restart_flow",
    }
)


# The bot's actions that answer a question (data/rules): "en mijn ww dan als het stopt" is read
# as a follow-up with the intent `inform`, but what action_follow_up says is an answer.
ANSWER_ACTIONS = ("action_answer_", "action_follow_up")


def answered_a_question(actions: list[str] | None) -> bool:
    return any(a.startswith(ANSWER_ACTIONS) and a != "action_answer_english" for a in actions or [])


@dataclass
class Turn:
    """What one turn stored: the person's message and the replies they get back."""

    user_message: Message
    replies: list[Message] = field(default_factory=list)
    # The conversation was put in the queue (or offered a callback) in this turn.
    handoff_requested: bool = False
    # For the operators' metrics (api/core/metrics.py): bot, fallback or advisor; the kind of
    # the bot's failure, if it failed; the handoff's reason, if one was asked for.
    outcome: str = "bot"
    bot_failure: str | None = None
    handoff_reason: str | None = None

    @property
    def stored(self) -> list[Message]:
        return [self.user_message, *self.replies]


@dataclass
class _BotAnswer:
    messages: list[ChatMessage]
    handoff: HandoffRequest | None = None
    failure: str | None = None  # RasaUnavailable.kind
    knowledge: list[str] = field(default_factory=list)


def fallback(user_text: str) -> _BotAnswer:
    """What the api says itself when the bot failed, and the handoff it starts, if any."""
    if user_text == REQUEST_HUMAN_PAYLOAD:
        # The person already asked for a human: honour it even though the bot is down; the
        # handoff itself says whether someone comes now or a callback is offered.
        return _BotAnswer([], HandoffRequest("bot_unavailable"))
    said = texts()["bot_unavailable"]
    buttons = [Button(**b) for b in said["buttons"]]
    return _BotAnswer([ChatMessage(sender=Sender.SYSTEM, text=said["text"], buttons=buttons)])


def offered_payloads(session: Session, conversation: Conversation) -> set[str]:
    """The button payloads of every reply since the person's previous message."""
    previous = (
        select(func.coalesce(func.max(Message.id), 0))
        .where(Message.conversation_id == conversation.id, Message.sender == Sender.USER)
        .scalar_subquery()
    )
    payloads = session.scalars(
        select(Message.payload).where(
            Message.conversation_id == conversation.id, Message.id > previous
        )
    )
    return {
        str(button.get("payload"))
        for payload in payloads
        if isinstance(payload, dict)
        for button in payload.get("buttons") or []
        if isinstance(button, dict)
    }


def ask_bot(
    rasa: RasaClient, conversation: Conversation, user_message: Message, sent: str
) -> _BotAnswer:
    """Ask Rasa (one call); its replies and the handoff it asks for, or the api's fallback.
    What Rasa understood is kept on the person's message."""
    try:
        raw, understood = rasa.send(conversation.id, nlu_text(sent))
        replies, handoff_request = read_replies(raw)
        if not replies and handoff_request is None:
            raise RasaUnavailable("no usable message", "no_usable_message")
    except RasaUnavailable as error:
        # Log the failure, never the message text.
        log.warning("bot turn failed for conversation %s: %s", conversation.id, error)
        answer = fallback(user_message.text or "")
        answer.failure = error.kind
        return answer
    user_message.intent, user_message.confidence = understood.intent, understood.confidence
    user_message.actions = understood.actions or None
    return _BotAnswer(replies, handoff_request, knowledge=understood.knowledge)


def ask_feedback(replies: list[Message], knowledge: list[str]) -> None:
    """An answer that states facts (a FAQ answer, a spending verdict, a check's advice) asks
    whether it helped, once: on the last bot message of the turn that has text."""
    answers = [m for m in replies if m.sender == Sender.BOT and m.text]
    if knowledge and answers:
        answers[-1].knowledge = knowledge


def store(session: Session, conversation: Conversation, message: ChatMessage) -> Message:
    payload: dict[str, object] = {}
    if message.buttons:
        payload["buttons"] = [b.model_dump() for b in message.buttons]
    if message.custom:
        payload["custom"] = message.custom
    stored = Message(
        conversation_id=conversation.id,
        sender=message.sender,
        text=message.text,
        payload=payload or None,
    )
    session.add(stored)
    return stored


def take_turn(
    session: Session,
    rasa: RasaClient,
    conversation: Conversation,
    text: str,
    office: OfficeHours,
    now: datetime | None = None,
) -> Turn:
    """Run one turn. The user message is committed before Rasa is asked, so it is never lost.

    While an advisor talks with the person, the message goes to the advisor only. While the
    person waits in the queue, a question still gets the bot's answer ("wat kan ik doen tegen
    de terugvordering?"), and the note that the advisor will read it.
    """
    clean = redact(text)
    sent = bot_text(clean, offered_payloads(session, conversation))
    turn = Turn(Message(conversation_id=conversation.id, sender=Sender.USER, text=clean))
    session.add(turn.user_message)
    conversation.updated_at = utcnow()
    session.commit()
    if conversation.state in handoff.WITH_HUMAN:
        turn.outcome = "advisor"
        # "ok maar wanneer dan" is about the wait, which only the note below answers.
        if conversation.state == State.REQUESTED and not handoff.asks_when(clean):
            answer = ask_bot(rasa, conversation, turn.user_message, sent)
            turn.bot_failure = answer.failure
            if turn.user_message.intent not in QUIET_WHILE_WAITING or answered_a_question(
                turn.user_message.actions
            ):
                answered = [m for m in answer.messages if not m.custom]
                turn.replies = [store(session, conversation, m) for m in answered]
        # Nobody has joined yet: say the message waits for them, so it is not lost in silence.
        turn.replies += handoff.still_waiting(session, conversation, clean)
        session.commit()
        return turn

    answer = ask_bot(rasa, conversation, turn.user_message, sent)
    turn.bot_failure = answer.failure
    turn.outcome = "fallback" if answer.failure else "bot"
    turn.replies = [store(session, conversation, m) for m in answer.messages]
    if not answer.handoff:
        ask_feedback(turn.replies, answer.knowledge)
    if answer.handoff:
        turn.replies += handoff.request(
            session, conversation, answer.handoff.reason, answer.handoff.answers, office,
            now or utcnow(),
        )  # fmt: skip
        turn.handoff_requested = True
        turn.handoff_reason = answer.handoff.reason
    conversation.updated_at = utcnow()
    session.commit()
    return turn
