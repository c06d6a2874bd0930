"""A stand-in for the trained pipeline: a table of parses per text, so a test states what the
model would say and checks what bot/understanding.py makes of it."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.understanding import parse_in_context


def ranked(*pairs: tuple[str, float], entities: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """A parse with this intent ranking and these (entity, value) pairs."""
    ranking = [{"name": n, "confidence": c} for n, c in pairs]
    found = [{"entity": e, "value": v} for e, v in entities]
    return {"intent": ranking[0], "intent_ranking": ranking, "entities": found, "text": ""}


class Table:
    """Parses by text; records which texts were asked."""

    def __init__(self, parses: dict[str, dict[str, Any]]) -> None:
        self.parses = parses
        self.asked: list[str] = []

    async def parse_message(
        self, message: UserMessage, tracker: DialogueStateTracker | None = None
    ) -> dict[str, Any]:
        self.asked.append(message.text or "")
        return self.parses[message.text or ""]


def tracker_after(previous: str | None) -> DialogueStateTracker:
    events: list[Any] = [ActionExecuted("action_listen")]
    if previous is not None:
        events += [UserUttered(previous, {"name": "faq_x", "confidence": 0.9})]
        events += [ActionExecuted("utter_faq_x"), ActionExecuted("action_listen")]
    return DialogueStateTracker.from_events("c1", events)


def parse(table: Table, text: str, previous: str | None = None) -> dict[str, Any]:
    return parse_after(table, text, tracker_after(previous))


def parse_after(table: Table, text: str, tracker: DialogueStateTracker) -> dict[str, Any]:
    """The message read in its place after the conversation in `tracker`."""
    return asyncio.run(parse_in_context(table, UserMessage(text), tracker))
