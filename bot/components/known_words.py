"""A message without a single word of the training data is not understood, whatever it resembles.

The sentence embedding (sentence_embedding.py) places every text somewhere, also "xyzzy plugh" or
"asdfgh": the classifier then names an intent with some confidence (goodbye 0.30, inform 0.48)
and the person gets a goodbye instead of "sorry, I did not understand". This component learns the
words of the training examples and, after the classifiers, turns a message in which none of its
words occurs into `nlu_fallback`. Typos of real words keep at least one known word in practice
("mantelzorgr wil betaald worden"); button payloads are left alone.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

FALLBACK = "nlu_fallback"
WORD = re.compile(r"[^\W\d_]{2,}")


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class KnownWords(GraphComponent):
    def __init__(self, known: set[str], model_storage: ModelStorage, resource: Resource) -> None:
        self.known = known
        self._storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnownWords:
        return cls(set(), model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> KnownWords:
        with model_storage.read_from(resource) as folder:
            known = set(json.loads((folder / "words.json").read_text(encoding="utf-8")))
        return cls(known, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        for example in training_data.training_examples:
            self.known |= words(example.get(TEXT) or "")
        with self._storage.write_to(self._resource) as folder:
            (folder / "words.json").write_text(json.dumps(sorted(self.known)), encoding="utf-8")
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            found = words(text)
            if text.startswith("/") or not found or found & self.known:
                continue
            ranking = [r for r in message.get("intent_ranking") or [] if r["name"] != FALLBACK]
            unsure = {"name": FALLBACK, "confidence": 1.0}
            message.set("intent", unsure, add_to_output=True)
            message.set("intent_ranking", [unsure, *ranking], add_to_output=True)
        return messages
