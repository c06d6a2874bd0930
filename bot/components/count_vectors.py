"""Rasa's CountVectorsFeaturizer, giving only what this pipeline reads: a sentence's counts.

Rasa's featurizer gives every message two matrices per attribute: one row of counts per token
(sequence features, for DIET's transformer) and one row for the whole sentence. The intent
classifier here reads sentence features only (bot/components/intent_classifier.py), and no other
component reads this featurizer's output. Rasa also transforms one message at a time, twice:
sklearn's per-call overhead, 11,000 times over, after every data change.

Here the sentence rows of all messages come from one transform of all their texts. A
CountVectorizer counts each text on its own, so every row is the row Rasa's featurizer gives
the message (a test compares them). Training (the vocabulary) is Rasa's own.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer as RasaCountVectors,
)
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class CountVectorsFeaturizer(RasaCountVectors):
    """Sentence features only, all messages' rows from one transform."""

    def process(self, messages: list[Message]) -> list[Message]:
        if self.vectorizers is None:
            return super().process(messages)  # logs that it was not trained
        for attribute in self._attributes:
            vectorizer = self.vectorizers.get(attribute)
            if attribute not in DENSE_FEATURIZABLE_ATTRIBUTES or vectorizer is None:
                continue
            read = self._get_processed_message_tokens_by_attribute
            tokens = [read(m, attribute) for m in messages]
            counted = [(m, " ".join(t)) for m, t in zip(messages, tokens, strict=True) if t]
            if not counted:
                continue
            rows = vectorizer.transform([text for _, text in counted])
            rows.sort_indices()
            for i, (message, _) in enumerate(counted):
                self.add_features_to_message(None, rows[i].tocoo(), attribute, message)
        return messages
