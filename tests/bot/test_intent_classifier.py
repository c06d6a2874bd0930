"""The intent classifier's input is Rasa's, built in one go, and it learns what scikit-learn's
LogisticRegression learns (bot/components/intent_classifier.py)."""

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

from bot.components.intent_classifier import Blocks, LogisticRegressionClassifier, fit_in_blocks


def message(seed: int, intent: str) -> Message:
    rng = np.random.default_rng(seed)
    m = Message({TEXT: f"vraag {seed}", "intent": intent})
    words = scipy.sparse.random(1, 50, density=0.1, random_state=seed, format="coo")
    m.add_features(Features(words, "sentence", TEXT, "words"))
    # Features the classifier does not read (tokens), and a second featurizer's words.
    tokens = scipy.sparse.random(2, 50, density=0.1, random_state=seed, format="coo")
    m.add_features(Features(tokens, "sequence", TEXT, "words"))
    chars = scipy.sparse.random(1, 20, density=0.2, random_state=seed + 1, format="coo")
    m.add_features(Features(chars, "sentence", TEXT, "chars"))
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
    assert ours.shape == rasas.shape == (30, 78)
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


def blocks(
    seed: int, n: int = 300, k: int = 6
) -> tuple[scipy.sparse.csr_matrix, np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    sparse = scipy.sparse.random(n, 200, density=0.05, random_state=seed, format="csr")
    dense = rng.normal(size=(n, 16))
    y = [f"intent_{i}" for i in rng.integers(0, k, n)]
    return sparse, dense, y


def test_blocks_multiply_as_the_whole_matrix() -> None:
    sparse, dense, _ = blocks(3)
    whole = scipy.sparse.hstack([sparse, scipy.sparse.csr_matrix(dense)], format="csr")
    rng = np.random.default_rng(4)
    weights, gradient = rng.normal(size=(216, 5)), rng.normal(size=(5, 300))
    for workers in (1, 3):
        X = Blocks(sparse, dense, workers)
        assert np.allclose(X @ weights, whole @ weights)
        assert np.allclose(gradient @ X, gradient @ whole)
        X.close()


def test_fitting_in_blocks_learns_what_scikit_learn_learns(tmp_path) -> None:
    sparse, dense, y = blocks(5)
    whole = scipy.sparse.hstack([sparse, scipy.sparse.csr_matrix(dense)], format="csr")
    ours = create(LogisticRegressionClassifier, tmp_path).clf
    theirs = create(RasaLogisticRegression, tmp_path).clf
    X = Blocks(sparse, dense, workers=2)
    fit_in_blocks(ours, X, y)
    X.close()
    theirs.fit(whole, y)
    assert list(ours.classes_) == list(theirs.classes_)
    assert ours.n_iter_ == theirs.n_iter_
    assert np.allclose(ours.coef_, theirs.coef_, atol=1e-6)
    assert np.allclose(ours.intercept_, theirs.intercept_, atol=1e-6)
    assert np.allclose(ours.predict_proba(whole), theirs.predict_proba(whole), atol=1e-8)
