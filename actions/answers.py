"""Turn what the person said into slot values: entities, button payloads and 'weet ik niet'.

Values are the canonical entity values of data/nlu/synonyms.yml; bot.pgb's enums are mapped in
the actions that call it.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

from bot.pgb import Law
from bot.questions import question_ranges

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
# How many of the person's earlier messages law_in_conversation reads back.
LAW_LOOKBACK = 3


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


def raw_entity_text(tracker: Tracker, *entities: str, in_question: bool = True) -> str | None:
    """The words the person typed for these entities, from the first to the last mention
    (in the question parts of a story, unless in_question is false or they name none).

    Synonym mapping would hide what they asked, and the NLU often tags a phrase word by word
    ("zorg" ... "Spanje"); the whole stretch ("zorg in Spanje") is what bot.pgb can match.
    """
    text = tracker.latest_message.get("text") or ""
    found = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") in entities]
    spans = [(e["start"], e["end"]) for e in found if isinstance(e.get("start"), int)]
    # "ik krijg al persoonlijke verzorging. mag ik ook een schoonmaakster betalen?": what the
    # question names, when it names any, not what the story around it mentions.
    asked = question_ranges(text) if in_question else []
    inside = [(s, e) for s, e in spans if any(a <= s < b for a, b in asked)]
    spans = inside or spans
    if spans:
        return text[min(s for s, _ in spans) : max(e for _, e in spans)]
    return str(found[0].get("value")) if found else None


def said_dont_know(tracker: Tracker) -> bool:
    return intent_of(tracker) == "say_dont_know"


# A law named only to compare with ("moet ik ook een eigen bijdrage betalen zoals bij de wmo",
# after a question about jeugdhulp) is not the person's law.
COMPARED = re.compile(r"\b(zoals|net als|anders dan|in plaats van)( bij)?( de| het)?\s*$")


def compared_only(tracker: Tracker, entity: str) -> set[str]:
    """Values of the entity that the latest message names only after "zoals (bij)" and the like."""
    text = (tracker.latest_message.get("text") or "").lower()
    compared, plain = set(), set()
    for e in tracker.latest_message.get("entities") or []:
        if e.get("entity") != entity or not isinstance(e.get("start"), int):
            continue
        value = str(e.get("value")).lower()
        (compared if COMPARED.search(text[: e["start"]]) else plain).add(value)
    return compared - plain


def law_from(tracker: Tracker) -> str | None:
    """The law the latest message names directly, through a financier, or through an assessor;
    not a law it only compares with."""
    compared = compared_only(tracker, "law")
    for law in entity_values(tracker, "law"):
        if law in LAWS and law not in compared:
            return law
    for financier in entity_values(tracker, "financier"):
        if financier in LAW_BY_FINANCIER:
            return LAW_BY_FINANCIER[financier]
    for assessor in entity_values(tracker, "assessor"):
        if assessor in LAW_BY_ASSESSOR:
            return LAW_BY_ASSESSOR[assessor]
    return None


def law_in_conversation(tracker: Tracker) -> str | None:
    """The person's law: named in the latest message, kept in the slot `law`, or else named
    in one of their last LAW_LOOKBACK messages before it ("mijn vrouw heeft een wlz pgb ...",
    then "en voor de eigen bijdrage van het cak?")."""
    law = law_from(tracker) or tracker.get_slot("law")
    if law in LAWS:
        return str(law)
    earlier = [e for e in tracker.events if e.get("event") == "user"][:-1]
    for event in reversed(earlier[-LAW_LOOKBACK:]):
        for found in (event.get("parse_data") or {}).get("entities") or []:
            if found.get("entity") == "law" and str(found.get("value")).lower() in LAWS:
                return str(found["value"]).lower()
    return None


def law_of(value: object) -> Law | None:
    """The law a slot value names, or None for "unknown" and anything else."""
    return Law(value) if value in LAWS else None


def slot_list(tracker: Tracker, slot: str) -> list[Any]:
    value = tracker.get_slot(slot)
    return list(value) if isinstance(value, list) else []
