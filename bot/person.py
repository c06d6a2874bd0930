"""Whether a message is one of the situations in which a person takes over (bot/person.yml).

Pure Python, no Rasa: the channel (bot/channel.py) decides with it whether to hand the
conversation over after the answer, and the handoff action (actions/handoff.py) tells the api
why, so both read the message the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.parses import BENEFIT_TOPIC
from bot.plain import normalise

SITUATIONS = Path(__file__).with_name("person.yml")
FAQ = "faq_"
# The safety net's entity for grief and exhaustion (bot/components/safety.py).
FEELING_ENTITY = "feeling"
# A situation read by meaning (bot/components/situations.py), when no phrase matched.
SITUATION_ENTITY = "situation"
OUT_OF_SCOPE = "out_of_scope"
# A follow-up this short, right after an answer about benefits, is read with the benefits
# named before it, and after some other answers with what they were about (person.yml, context).
MAX_FOLLOW_UP_WORDS = 12


@lru_cache(maxsize=1)
def _situations() -> dict[str, Any]:
    raw = yaml.safe_load(SITUATIONS.read_text(encoding="utf-8"))
    phrases = {
        reason: [_compiled(p) for p in patterns] for reason, patterns in raw["phrases"].items()
    }
    return {
        "phrases": phrases,
        "topics": raw["topics"],
        "feelings": raw["feelings"],
        "context": raw["context"],
    }


def _compiled(phrase: str | list[str]) -> list[re.Pattern[str]]:
    """A phrase, or a list of phrases that must all be in the message."""
    return [re.compile(p) for p in ([phrase] if isinstance(phrase, str) else phrase)]


def in_context(text: str, topic: Any, benefits: Any, law: Any = None) -> str:
    """A short follow-up with what the answer before it was about (the `topic`, `benefits` and
    `law` slots): "word ik dan gekort" after the Wajong answer asks what UWV will calculate, as
    "word ik gekort op mijn wajong" does; "hoeveel is dat dan per uur" after the answer on
    informal pay asks for the informal tariff; "hoeveel is dat dan" after the answer on the
    Wlz's eigen bijdrage asks what the CAK will calculate."""
    if len(text.split()) > MAX_FOLLOW_UP_WORDS:
        return text
    if topic == BENEFIT_TOPIC and benefits:
        return f"{text} ({' '.join(str(b).replace('_', ' ') for b in benefits)})"
    context = _situations()["context"].get(topic)
    if context and law:
        context = f"{context} {law}"
    return f"{text} ({context})" if context else text


def reason_for_a_person(
    text: str,
    intent: str | None,
    entities: Iterable[dict[str, Any]],
    slot: Callable[[str], Any] = lambda _: None,
) -> str | None:
    """Why this message needs a person after its answer, or None when the answer is enough.
    A short follow-up is read with what the answer before it was about (`in_context`: the
    `topic`, `benefits` and `law` slots, read with `slot`, a tracker's get_slot).

    The question's own topic first (a death, a dismissal), then what the words show (a
    calculation, a document to send), then the situation the message reads as by meaning,
    unless the message is about something else (out of scope), then a feeling the safety net
    found (grief, exhaustion).
    """
    situations = _situations()
    asked = (intent or "").removeprefix(FAQ)
    if asked in situations["topics"]:
        return str(situations["topics"][asked])
    plain = normalise(in_context(text, slot("topic"), slot("benefits"), slot("law")))
    for reason, patterns in situations["phrases"].items():
        if any(all(p.search(plain) for p in phrase) for phrase in patterns):
            return str(reason)
    entities = list(entities)
    for entity in entities:
        # Not for a message about something else ("kunt u een sollicitatiebrief voor mij
        # schrijven" read by meaning as a document to send): the phrases still count there.
        if entity.get("entity") == SITUATION_ENTITY and intent != OUT_OF_SCOPE:
            return str(entity["value"])
    for entity in entities:
        if entity.get("entity") == FEELING_ENTITY and entity.get("value") in situations["feelings"]:
            return str(situations["feelings"][entity["value"]])
    return None
