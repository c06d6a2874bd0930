"""Turn what the person said into slot values: entities, button payloads and 'weet ik niet'.

Values are the canonical entity values of data/nlu/synonyms.yml; bot.pgb's enums are mapped in
the actions that call it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

UNKNOWN = "unknown"

# Who assessed the care tells which law pays (fact base 1.2): the CIZ indicates Wlz care, a
# wijkverpleegkundige Zvw care, the gemeente's wijkteam Wmo support and its jeugdteam youth care.
LAW_BY_ASSESSOR = {
    "ciz": "wlz",
    "wijkverpleegkundige": "zvw",
    "wijkteam": "wmo",
    "jeugdteam": "jeugdwet",
}
# The gemeente pays under the Wmo and the Jeugdwet; without more, adults mean the Wmo.
LAW_BY_FINANCIER = {"gemeente": "wmo", "zorgverzekeraar": "zvw", "zorgkantoor": "wlz"}
LAWS = ("wmo", "jeugdwet", "zvw", "wlz")


def intent_of(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    """Every value of one entity type in the latest message, in order, without repeats."""
    values = [
        str(e["value"]).lower()
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") == entity and e.get("value") is not None
    ]
    return list(dict.fromkeys(values))


def raw_entity_text(tracker: Tracker, entity: str) -> str | None:
    """The words the person typed for an entity (synonym mapping would hide what they asked)."""
    text = tracker.latest_message.get("text") or ""
    for found in tracker.latest_message.get("entities") or []:
        if found.get("entity") == entity:
            start, end = found.get("start"), found.get("end")
            if isinstance(start, int) and isinstance(end, int) and end > start:
                return text[start:end]
            return str(found.get("value"))
    return None


def said_dont_know(tracker: Tracker) -> bool:
    return intent_of(tracker) == "say_dont_know"


def law_from(tracker: Tracker) -> str | None:
    """The law the latest message names directly, through a financier, or through an assessor."""
    for law in entity_values(tracker, "law"):
        if law in LAWS:
            return law
    for financier in entity_values(tracker, "financier"):
        if financier in LAW_BY_FINANCIER:
            return LAW_BY_FINANCIER[financier]
    for assessor in entity_values(tracker, "assessor"):
        if assessor in LAW_BY_ASSESSOR:
            return LAW_BY_ASSESSOR[assessor]
    return None


def slot_list(tracker: Tracker, slot: str) -> list[Any]:
    value = tracker.get_slot(slot)
    return list(value) if isinstance(value, list) else []
