"""Who hears what (api/live/events.py): each domain event, through a real hub, to each audience.

The conversation and its messages are plain objects, not stored: the mapping needs no database.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import datetime, timezone
from typing import Any

from api.live import events
from api.live.hub import ADVISOR, PERSON, QUEUE, Hub
from api.models import Advisor, Conversation, Message, Sender, State

CID = "c" * 32
MOMENT = datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc)


def conversation(state: State, advisor: Advisor | None = None) -> Conversation:
    found = Conversation(id=CID, state=state, advisor=advisor)
    found.advisor_id = advisor.id if advisor else None
    return found


def message(sender: Sender, text: str, id_: int = 1) -> Message:
    return Message(id=id_, conversation_id=CID, sender=sender, text=text, created_at=MOMENT,
                   intent="greet" if sender == Sender.USER else None)  # fmt: skip


ANNA = Advisor(id=7, name="Anna de Vries", email="anna@example.nl", role="advisor")


class Heard:
    """What each audience received, after the event was published."""

    def __init__(self, queues: dict[str, asyncio.Queue[dict[str, Any]]]) -> None:
        self.queues = queues

    async def of(self, who: str) -> list[dict[str, Any]]:
        await asyncio.sleep(0.02)  # the hub hands events over with call_soon_threadsafe
        heard = []
        while not self.queues[who].empty():
            heard.append(self.queues[who].get_nowait())
        return heard


@asynccontextmanager
async def listening(hub: Hub) -> AsyncIterator[Heard]:
    async with AsyncExitStack() as stack:
        queues = {
            PERSON: await stack.enter_async_context(hub.subscribe(CID, PERSON)),
            ADVISOR: await stack.enter_async_context(hub.subscribe(CID, ADVISOR)),
            QUEUE: await stack.enter_async_context(hub.subscribe(QUEUE, ADVISOR)),
        }
        yield Heard(queues)


async def test_a_turn_goes_to_advisors_only_and_the_queue_only_while_queued() -> None:
    hub = Hub()
    async with listening(hub) as heard:
        said = [message(Sender.USER, "hallo", 1), message(Sender.BOT, "Dag!", 2)]
        events.turn_taken(hub, conversation(State.BOT), said)
        assert await heard.of(PERSON) == []  # the person has the HTTP answer
        advisor = await heard.of(ADVISOR)
        assert [e["message"]["text"] for e in advisor] == ["hallo", "Dag!"]
        assert advisor[0]["message"]["intent"] == "greet"  # what the bot understood: advisors
        assert await heard.of(QUEUE) == []

        events.turn_taken(hub, conversation(State.REQUESTED), said[:1])
        assert await heard.of(QUEUE) == [
            {"type": "queue", "conversation_id": CID, "change": "message"}
        ]


async def test_a_claim_reaches_both_sides_in_their_own_shapes_and_the_queue() -> None:
    hub = Hub()
    async with listening(hub) as heard:
        joined = message(Sender.SYSTEM, "Anna is mantelzorgmakelaar ...")
        events.handoff_moved(hub, conversation(State.WITH_ADVISOR, ANNA), [joined])
        person = await heard.of(PERSON)
        assert person[0]["message"]["text"] == joined.text
        assert "intent" not in person[0]["message"]  # the widget's shape
        assert person[1] == {"type": "state", "state": "with_advisor", "advisor": "Anna"}
        advisor = await heard.of(ADVISOR)
        assert advisor[0]["message"]["intent"] is None
        assert advisor[1] == {
            "type": "state",
            "state": "with_advisor",
            "advisor": "Anna de Vries",
            "advisor_id": 7,
        }
        assert await heard.of(QUEUE) == [
            {"type": "queue", "conversation_id": CID, "change": "with_advisor"}
        ]


async def test_the_person_hears_no_advisor_name_once_they_left() -> None:
    assert events.person_state(conversation(State.BOT, ANNA))["advisor"] is None
    assert events.state_for(ADVISOR, conversation(State.BOT, ANNA))["advisor_id"] == 7


async def test_a_reply_reaches_both_sides_but_not_the_queue() -> None:
    hub = Hub()
    async with listening(hub) as heard:
        reply = message(Sender.ADVISOR, "Goedemiddag")
        events.advisor_replied(hub, conversation(State.WITH_ADVISOR, ANNA), reply)
        assert [e["message"]["sender"] for e in await heard.of(PERSON)] == ["advisor"]
        assert [e["message"]["sender"] for e in await heard.of(ADVISOR)] == ["advisor"]
        assert await heard.of(QUEUE) == []


async def test_a_new_handoff_and_a_callback_reach_the_queue() -> None:
    hub = Hub()
    async with listening(hub) as heard:
        asked = message(Sender.USER, "ik wil een mens")
        events.turn_taken(hub, conversation(State.REQUESTED), [asked], handoff=True)
        assert await heard.of(PERSON) == []
        assert [e["change"] for e in await heard.of(QUEUE)] == ["requested"]  # once
        note = message(Sender.SYSTEM, "Bedankt.")
        events.callback_left(hub, conversation(State.CALLBACK), note)
        assert [e["type"] for e in await heard.of(PERSON)] == ["message", "state"]
        assert [e["change"] for e in await heard.of(QUEUE)] == ["callback"]
