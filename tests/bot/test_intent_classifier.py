"""The intent classifier's input matrix is Rasa's, built in one go (bot/components)."""

from __future__ import annotations

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import (
    LogisticRegressionClassifier as RasaLogisticRegression,
)
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_classifier import LogisticRegressionClassifier


def message(seed: int, intent: str) -> Message:
    rng = np.random.default_rng(seed)
    m = Message({TEXT: f"vraag {seed}", "intent": intent})
    words = scipy.sparse.random(1, 50, density=0.1, random_state=seed, format="coo")
    m.add_features(Features(words, "sentence", TEXT, "words"))
    m.add_features(Features(rng.normal(size=(1, 8)).astype(np.float32), "sentence", TEXT, "e5"))
    return m


def create(cls: type, tmp_path) -> RasaLogisticRegression:
    return cls.create(
        {**cls.get_default_config(), "random_state": 1},
        LocalModelStorage(tmp_path),
        Resource(cls.__name__),
        ExecutionContext(node_name=cls.__name__, graph_schema=None),  # type: ignore[arg-type]
    )


def test_the_matrix_is_rasas(tmp_path) -> None:
    messages = [message(n, "a" if n % 2 else "b") for n in range(30)]
    ours = create(LogisticRegressionClassifier, tmp_path)._create_X(messages)
    rasas = create(RasaLogisticRegression, tmp_path)._create_X(messages)
    assert ours.shape == rasas.shape == (30, 58)
    assert (ours != rasas).nnz == 0


def test_it_learns_and_predicts_as_rasas(tmp_path) -> None:
    examples = [message(n, "a" if n % 3 else "b") for n in range(40)]
    (tmp_path / "ours").mkdir()
    (tmp_path / "rasas").mkdir()
    ours = create(LogisticRegressionClassifier, tmp_path / "ours")
    rasas = create(RasaLogisticRegression, tmp_path / "rasas")
    ours.train(TrainingData(examples))
    rasas.train(TrainingData(examples))
    new = [message(100 + n, "") for n in range(5)]
    assert np.allclose(
        ours.clf.predict_proba(ours._create_X(new)), rasas.clf.predict_proba(rasas._create_X(new))
    )
