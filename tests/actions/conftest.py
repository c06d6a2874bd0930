"""Real rasa-sdk objects for action tests: a Tracker built from a dict, a CollectingDispatcher,
and the real domain of bot/domain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


def tracker_after(
    intent: str | None,
    text: str = "",
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    previous_intents: list[str] | None = None,
    **latest: Any,
) -> Tracker:
    """A tracker whose latest user message had this intent, text and entities."""
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9} if intent else {},
        "entities": entities or [],
        **latest,
    }
    earlier = [
        {"event": "user", "text": "", "parse_data": {"intent": {"name": name}}}
        for name in previous_intents or []
    ]
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": slots or {},
            "latest_message": latest_message,
            "events": [*earlier, {"event": "user", "text": text, "parse_data": latest_message}],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
        }
    )


def entity(
    name: str, value: str, text: str | None = None, start: int | None = None
) -> dict[str, Any]:
    found: dict[str, Any] = {"entity": name, "value": value}
    if text is not None and start is not None:
        found.update(start=start, end=start + len(text))
    return found


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The merged domain files, as the action server receives them."""
    merged: dict[str, Any] = {"responses": {}, "forms": {}, "slots": {}, "actions": []}
    for file in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        part = yaml.safe_load(file.read_text())
        for key in ("responses", "forms", "slots"):
            merged[key].update(part.get(key) or {})
        merged["actions"] += part.get("actions") or []
    return merged


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [m["response"] for m in dispatcher.messages]


def slots_set(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def law_notes(dispatcher: CollectingDispatcher) -> list[str]:
    """The notes said after or before an answer (utter_law_note), in order."""
    return [m["note"] for m in dispatcher.messages if m.get("response") == "utter_law_note"]
