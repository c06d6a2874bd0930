"""The safety net: despair, grief and exhaustion are recognised in every message.

A classifier trained on short examples misses a suicidal sentence in the middle of a long story
about care hours, and a person who writes it must always get 113 and a person. So this component
runs after the classifiers and, when a phrase of `safety.yml` matches anywhere in the message:
- despair: the intent becomes `express_distress` (the rules answer with 113 and a handoff);
- danger (a medical emergency, abuse or neglect, someone taking a vulnerable person's money):
  the intent becomes `report_danger` (112, Veilig Thuis and a handoff), unless it is despair,
  or grief (the emergency is past: "plotseling overleden, hartstilstand");
- grief or exhaustion: the entity `feeling` is added, so the answer starts with an
  acknowledgement (actions/feelings.py) and the question is still answered.
Phrases first: every phrase is reviewable and tested (tests/bot/test_safety.py). But people
write despair in more ways than phrases can list, and a miss costs too much, so once trained the
net also reads despair by meaning (despair.py), sentence by sentence, as a second net.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import questions
from bot.components import despair
from bot.components.despair import BANK, DespairDetector, bank, normalised
from bot.components.fitted import EMBEDDING, FittedComponent
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


def _embed(texts: list[str]) -> np.ndarray:
    from bot.components.sentence_embedding import embed_one

    return np.stack([embed_one(t) for t in texts])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafetyNet(FittedComponent):
    """The phrases of safety.yml, and despair by meaning (despair.py) once trained."""

    FILE = "despair.json"
    FITTED_FROM = (
        BANK,
        Path(despair.__file__),
        Path(questions.__file__),
        EMBEDDING,
        Path(__file__),
    )
    detector_from = staticmethod(DespairDetector.from_dict)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the despair detector on the bank and, as not despair, every training example of
        another intent as the featurizer embedded it (so nothing is embedded twice)."""
        from bot.components.sentence_embedding import embed_cached

        despair, other = bank()
        ordinary = [
            features.features
            for example in training_data.intent_examples
            if example.get(INTENT) != DISTRESS_INTENT
            for features in [example.get_dense_features(TEXT)[1]]
            if features is not None
        ]
        rows = [embed_cached(despair), embed_cached(other)]
        if ordinary:
            rows[1] = np.vstack([rows[1], normalised(ordinary)])
        return self.save(DespairDetector.fit(*rows))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get("text") or ""
            if not text or text.startswith("/"):
                continue
            found = feelings(text)
            if "despair" not in found and self.detector and self.detector.despair_in(text, _embed):
                found = ["despair", *found]
            if "grief" in found and "despair" not in found:
                # "plotseling overleden, hartstilstand": the emergency is past; the death is
                # acknowledged and handed to a person (bot/person.yml), not answered with 112.
                found = [k for k in found if k != "danger"]
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
