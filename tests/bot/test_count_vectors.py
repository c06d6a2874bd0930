"""The count featurizer gives each message the sentence counts Rasa's featurizer gives it, from
one transform of all messages, and no per-token counts (bot/components/count_vectors.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer as RasaCountVectors,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.count_vectors import CountVectorsFeaturizer

EXAMPLES = [
    ("mag ik mijn moeder betalen uit het pgb", "ask_spending"),
    ("wat is een pgb", "faq_what_is_pgb"),
    ("telt het pgb als inkomen voor mijn wajong", "start_benefit_check"),
    ("hoe vraag ik een pgb aan bij de gemeente", "faq_how_to_apply"),
    ("mijn vader heeft een wlz indicatie, kan ik hem verzorgen", "ask_spending"),
]
# Unseen words, a typo, a repeated word, and a message of punctuation only.
NEW = ["mag mijn zus betaald worden", "wat is een pgp pgb pgb", "wajong en ww?", "?!"]
CONFIGS = [
    {},  # words
    {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4, "max_features": 40},
]


def tokenized(texts: list[tuple[str, str]], tmp_path: Path) -> list[Message]:
    messages = [Message({TEXT: text, "intent": intent}) for text, intent in texts]
    tokenizer = WhitespaceTokenizer.create(
        WhitespaceTokenizer.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("tokens"),
        ExecutionContext(node_name="tokens", graph_schema=None),  # type: ignore[arg-type]
    )
    tokenizer.process_training_data(TrainingData(messages))
    return messages


def trained(cls: type, config: dict[str, Any], tmp_path: Path) -> RasaCountVectors:
    folder = tmp_path / cls.__module__
    folder.mkdir()
    featurizer = cls.create(
        {**cls.get_default_config(), **config},
        LocalModelStorage(folder),
        Resource("counts"),
        ExecutionContext(node_name="counts", graph_schema=None),  # type: ignore[arg-type]
    )
    featurizer.train(TrainingData(tokenized(EXAMPLES, tmp_path)))
    return featurizer


@pytest.mark.parametrize("config", CONFIGS)
def test_each_message_gets_rasas_sentence_counts_and_no_token_counts(
    config: dict[str, Any], tmp_path: Path
) -> None:
    texts = [(text, "x") for text in [t for t, _ in EXAMPLES] + NEW]
    ours = trained(CountVectorsFeaturizer, config, tmp_path).process(tokenized(texts, tmp_path))
    rasas = trained(RasaCountVectors, config, tmp_path).process(tokenized(texts, tmp_path))
    counted = 0
    for mine, theirs in zip(ours, rasas, strict=True):
        sequence, sentence = mine.get_sparse_features(TEXT)
        their_sequence, their_sentence = theirs.get_sparse_features(TEXT)
        assert sequence is None
        if their_sentence is None:
            assert sentence is None
            continue
        assert sentence is not None
        assert sentence.features.shape == their_sentence.features.shape
        assert (sentence.features.tocsr() != their_sentence.features.tocsr()).nnz == 0
        assert their_sequence is not None  # Rasa's gives per-token counts this one leaves out
        counted += 1
    assert counted >= len(texts) - 1  # only the punctuation may have no words
