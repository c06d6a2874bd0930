"""One chat turn: store the person's message, then ask the bot or leave it for the advisor."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api import handoff
from api.messages import console_event, message_out
from api.models import Conversation, Message, utcnow
from api.nlu_text import nlu_text
from api.office_hours import OfficeHours
from api.rasa_client import RasaClient, RasaUnavailable
from api.realtime import ADVISOR, Hub
from api.redaction import redact
from api.schemas import Button, ChatMessage
from api.texts import texts

log = logging.getLogger(__name__)

REQUEST_HUMAN_PAYLOAD = "/request_human"
# Payloads a person may always send, offered or not. The widget itself sends no payload of its
# own (it starts with the person's words), so only asking for a person is on this list.
ALWAYS_ALLOWED_PAYLOADS = frozenset({REQUEST_HUMAN_PAYLOAD})
_PAYLOAD_PREFIX = re.compile(r"^[\s/]+")  # Rasa strips whitespace before it looks for "/"
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


def bot_messages(raw: list[dict[str, Any]]) -> list[ChatMessage]:
    """Rasa REST channel messages as the widget receives them."""
    messages = []
    for item in raw:
        buttons = [
            Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
            for b in item.get("buttons") or []
        ]
        custom = item.get("custom") if isinstance(item.get("custom"), dict) else None
        if item.get("text") or buttons or custom:
            messages.append(ChatMessage(text=item.get("text"), buttons=buttons, custom=custom))
    return messages


def handoff_reason(messages: list[ChatMessage]) -> str | None:
    for message in messages:
        handoff_payload = (message.custom or {}).get("handoff")
        if isinstance(handoff_payload, dict):
            return str(handoff_payload.get("reason") or "user_request")
    return None


def fallback_messages(user_text: str) -> tuple[list[ChatMessage], str | None]:
    """What the api says itself when the bot failed, and the handoff reason if it starts one."""
    if user_text == REQUEST_HUMAN_PAYLOAD:
        # The person already asked for a human: honour it even though the bot is down; the
        # handoff itself says whether someone comes now or a callback is offered.
        return [], "bot_unavailable"
    fallback = texts()["bot_unavailable"]
    buttons = [Button(**b) for b in fallback["buttons"]]
    return [ChatMessage(sender="system", text=fallback["text"], buttons=buttons)], None


def plain_text(text: str) -> str:
    """The text without the leading "/" that would make Rasa read it as an intent payload."""
    return _PAYLOAD_PREFIX.sub("", text)


def offered_payloads(session: Session, conversation: Conversation) -> set[str]:
    """The button payloads of every reply since the person's previous message."""
    previous = (
        select(func.coalesce(func.max(Message.id), 0))
        .where(Message.conversation_id == conversation.id, Message.sender == "user")
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


def bot_text(text: str, offered: set[str]) -> str:
    """What Rasa gets of a message: a payload only when it is a button just offered (or always
    allowed); anything else starting with "/" as plain text, so a person cannot trigger any
    intent by typing it, and Rasa never logs it as an invalid payload."""
    if text in offered or text in ALWAYS_ALLOWED_PAYLOADS:
        return text
    return plain_text(text)


def store(conversation: Conversation, message: ChatMessage) -> Message:
    payload: dict[str, Any] = {}
    if message.buttons:
        payload["buttons"] = [b.model_dump() for b in message.buttons]
    if message.custom:
        payload["custom"] = message.custom
    stored = Message(sender=message.sender, text=message.text, payload=payload or None)
    conversation.messages.append(stored)
    return stored


def bot_turn(
    rasa: RasaClient, conversation: Conversation, user_message: Message, sent: str
) -> tuple[list[ChatMessage], str | None]:
    """Ask Rasa; the replies and the handoff reason they start, or the api's own fallback.
    What Rasa understood is kept on the person's message and the conversation."""
    try:
        raw, understood = rasa.send(conversation.id, nlu_text(sent))
        replies = bot_messages(raw)
        if not replies:
            raise RasaUnavailable("no usable message")
    except RasaUnavailable as error:
        # Log the failure, never the message text.
        log.warning("bot turn failed for conversation %s: %s", conversation.id, error)
        return fallback_messages(user_message.text or "")
    user_message.intent, user_message.confidence = understood.intent, understood.confidence
    user_message.actions = understood.actions or None
    if understood.slots:
        conversation.slots = {k: redact(str(v)) for k, v in understood.slots.items()}
    return replies, handoff_reason(replies)


def take_turn(
    session: Session,
    rasa: RasaClient,
    conversation: Conversation,
    text: str,
    *,
    hub: Hub,
    office: OfficeHours,
    now: datetime | None = None,
) -> list[ChatMessage]:
    """Run one turn. The user message is committed before Rasa is asked, so it is never lost.

    While an advisor talks with the person, the message goes to the advisor only. While the
    person waits in the queue, a question still gets the bot's answer ("wat kan ik doen tegen
    de terugvordering?"), and the note that the advisor will read it.
    """
    clean = redact(text)
    sent = bot_text(clean, offered_payloads(session, conversation))
    user_message = Message(sender="user", text=clean)
    conversation.messages.append(user_message)
    conversation.updated_at = utcnow()
    session.commit()
    if conversation.state in handoff.WITH_HUMAN:
        replies: list[ChatMessage] = []
        if conversation.state == "requested":
            replies, _ = bot_turn(rasa, conversation, user_message, sent)
            if user_message.intent in QUIET_WHILE_WAITING:
                replies = []
        # Nobody has joined yet: say the message waits for them, so it is not lost in silence.
        answered = [store(conversation, reply) for reply in replies if not reply.custom]
        waiting = handoff.still_waiting(conversation)
        session.commit()
        for message in [user_message, *answered, *waiting]:
            hub.publish(conversation.id, console_event(message), (ADVISOR,))
        return [message_out(m) for m in [*answered, *waiting]]

    replies, reason = bot_turn(rasa, conversation, user_message, sent)
    stored = [store(conversation, reply) for reply in replies]
    if reason:
        stored += handoff.request(conversation, reason, office, now or utcnow())
    conversation.updated_at = utcnow()
    session.commit()
    for message in [user_message, *stored]:
        hub.publish(conversation.id, console_event(message), (ADVISOR,))
    return [message_out(m) for m in stored]
