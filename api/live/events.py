"""The one place that decides who hears what (after chatwoot's action_cable_listener.rb).

The rooms change state and then name what happened here; they never publish themselves. Each
function below is one domain event, and says which audience gets which shape of it:

| event               | the person (widget)            | advisors on the conversation | the queue |
|---------------------|--------------------------------|------------------------------|-----------|
| turn_taken          | nothing: it has the HTTP answer| every message                | if queued |
| handoff_moved       | system message, state          | system message, state        | always    |
| advisor_replied     | the reply                      | the reply                    | no        |
| callback_left       | system message, state          | system message, state        | always    |
| logins_ended        | -                              | their sockets close          | -         |

The person's shapes are the widget's contract (docs/conversation-api.md): messages without
what the bot understood, and of the advisor only the first name.
"""

from __future__ import annotations

from api.conversation.messages import console_message, message_out
from api.handoff.service import QUEUED
from api.live.hub import ADVISOR, PERSON, QUEUE, Event, Hub
from api.models import Conversation, Message, State


def person_message(message: Message) -> Event:
    return {"type": "message", "message": message_out(message).model_dump(mode="json")}


def advisor_message(message: Message) -> Event:
    return {"type": "message", "message": console_message(message)}


def person_state(conversation: Conversation) -> Event:
    """The state as the widget hears it; the advisor's first name only while they are in it."""
    advisor = conversation.advisor if conversation.state == State.WITH_ADVISOR else None
    return {
        "type": "state",
        "state": conversation.state,
        "advisor": advisor.first_name if advisor else None,
    }


def advisor_state(conversation: Conversation) -> Event:
    """The state as the console hears it: who holds the conversation, so it can tell whether
    it is the viewer's own without asking the api again."""
    advisor = conversation.advisor
    return {
        "type": "state",
        "state": conversation.state,
        "advisor": advisor.name if advisor else None,
        "advisor_id": conversation.advisor_id,
    }


def state_for(audience: str, conversation: Conversation) -> Event:
    """The first event a socket gets: the state now, in its audience's shape."""
    return advisor_state(conversation) if audience == ADVISOR else person_state(conversation)


def queue_changed(conversation: Conversation, change: str) -> Event:
    return {"type": "queue", "conversation_id": conversation.id, "change": change}


def turn_taken(
    hub: Hub, conversation: Conversation, messages: list[Message], *, handoff: bool = False
) -> None:
    """The person's turn: their message and every reply. The person has the replies in the
    HTTP answer already. The queue hears of a new handoff (`handoff`: asked for in this turn)
    or that a queued conversation's summary changed."""
    for message in messages:
        hub.publish(conversation.id, advisor_message(message), (ADVISOR,))
    if conversation.state in QUEUED:  # not a callback offer outside office hours
        change = str(conversation.state) if handoff else "message"
        hub.publish(QUEUE, queue_changed(conversation, change), (ADVISOR,))


def _to_both(hub: Hub, conversation: Conversation, messages: list[Message]) -> None:
    for message in messages:
        hub.publish(conversation.id, person_message(message), (PERSON,))
        hub.publish(conversation.id, advisor_message(message), (ADVISOR,))


def handoff_moved(hub: Hub, conversation: Conversation, messages: list[Message]) -> None:
    """Claimed, handed back, released: both sides hear the system message and the new state;
    the queue hears that this conversation moved."""
    _to_both(hub, conversation, messages)
    hub.publish(conversation.id, person_state(conversation), (PERSON,))
    hub.publish(conversation.id, advisor_state(conversation), (ADVISOR,))
    hub.publish(QUEUE, queue_changed(conversation, str(conversation.state)), (ADVISOR,))


def callback_left(hub: Hub, conversation: Conversation, message: Message) -> None:
    handoff_moved(hub, conversation, [message])


def advisor_replied(hub: Hub, conversation: Conversation, message: Message) -> None:
    _to_both(hub, conversation, [message])


def logins_ended(hub: Hub, token_hashes: list[str]) -> None:
    """Those advisor logins ended: their open sockets close (Hub.end_logins)."""
    hub.end_logins(token_hashes)
