"""The safety net: despair, grief and exhaustion are recognised in every message.

A classifier trained on short examples misses a suicidal sentence in the middle of a long story
about care hours, and a person who writes it must always get 113 and a person. So this component
runs after the classifiers and, when a phrase of `safety.yml` matches anywhere in the message:
- despair: the intent becomes `express_distress` (the rules answer with 113 and a handoff);
- danger (a medical emergency, abuse or neglect, someone taking a vulnerable person's money):
  the intent becomes `report_danger` (112, Veilig Thuis and a handoff), unless it is despair;
- grief or exhaustion: the entity `feeling` is added, so the answer starts with an
  acknowledgement (actions/feelings.py) and the question is still answered.
Phrases, not a model: the cost of a miss is too high to leave to confidence scores, and every
phrase is reviewable and tested (tests/bot/test_safety.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from bot.plain import normalise

PATTERNS = Path(__file__).with_name("safety.yml")
DISTRESS_INTENT = "express_distress"
DANGER_INTENT = "report_danger"
# Kinds of safety.yml that decide the intent, the first found winning; the others are feelings.
INTENTS = {"despair": DISTRESS_INTENT, "danger": DANGER_INTENT}
FEELING_ENTITY = "feeling"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    raw = yaml.safe_load(PATTERNS.read_text(encoding="utf-8"))
    return {kind: [re.compile(p) for p in phrases] for kind, phrases in raw.items()}


def feelings(text: str) -> list[str]:
    """The kinds of `safety.yml` ("despair", "grief", "exhaustion", "danger") the text shows."""
    plain = normalise(text)
    return [
        kind for kind, patterns in _patterns().items() if any(p.search(plain) for p in patterns)
    ]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get("text") or ""
            if not text or text.startswith("/"):
                continue
            found = feelings(text)
            decided = [INTENTS[k] for k in INTENTS if k in found]
            if decided:
                intent = {"name": decided[0], "confidence": 1.0}
                ranking = [
                    r for r in message.get("intent_ranking") or [] if r.get("name") != decided[0]
                ]
                message.set("intent", intent, add_to_output=True)
                message.set("intent_ranking", [intent, *ranking], add_to_output=True)
            kinds = [k for k in found if k not in INTENTS]
            if kinds:
                entities = list(message.get("entities") or [])
                entities += [
                    {"entity": FEELING_ENTITY, "value": kind, "extractor": "SafetyNet"}
                    for kind in kinds
                ]
                message.set("entities", entities, add_to_output=True)
        return messages
