"""Rasa's LogisticRegressionClassifier, with its input built in one go and learned from in blocks.

Two costs of a retraining after one new example (py-spy, 2026-12-04, 9,300 examples):
- **Building the input.** Rasa builds it one message at a time: for each, a one-row sparse
  matrix of its sparse features, another of its dense ones, side by side, and then all rows
  stacked (12 s). Here all sparse rows are stacked at once, all dense rows at once, and the two
  blocks side by side: the same matrix (a test compares them).
- **Learning.** scikit-learn's solver (L-BFGS on the multinomial log loss, 100 steps) spends its
  time multiplying the input by the weights, twice a step (51 of 59 s). The input is two blocks:
  a few hundred word and character counts per example, sparse, and 384 embedding numbers, dense,
  which scipy multiplies as if they were sparse too. scikit-learn's own solver runs here on
  `Blocks`, which multiplies the sparse block as sparse (split over the cores) and the dense
  block as dense: the same objective, steps and stopping rule as `LogisticRegression.fit`
  (scikit-learn's `_logistic_regression_path`, the function `fit` calls), only the sums are
  added up in another order. A test compares the two fits. No library multiplies a matrix of
  mixed blocks, so `Blocks` is written here; scikit-learn is pinned (constraints.txt) because
  this calls a private function of it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import (
    LogisticRegressionClassifier as RasaLogisticRegression,
)
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.linear_model._logistic import _logistic_regression_path


class Blocks:
    """[sparse | dense] side by side, for the two products scikit-learn's loss takes of its input:
    X @ W and G @ X. The sparse block's rows are split over `workers` threads (scipy lets go of
    Python's lock while it multiplies)."""

    __array_ufunc__ = None  # numpy leaves G @ X to __rmatmul__

    def __init__(self, sparse: csr_matrix, dense: np.ndarray, workers: int = 1) -> None:
        sparse = csr_matrix(sparse)
        self.dense = np.ascontiguousarray(dense, np.float64)
        self.split = sparse.shape[1]
        self.shape = (sparse.shape[0], self.split + self.dense.shape[1])
        self.dtype = np.dtype(np.float64)
        cuts = np.linspace(0, self.shape[0], workers + 1).astype(int)
        self._chunks = [(a, b, sparse[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
        # Each chunk also transposed and stored by rows: scipy multiplies a matrix stored by
        # rows faster than a transposed one (about a quarter of G @ X, the same sums).
        self._transposed = [(a, b, chunk.T.tocsr()) for a, b, chunk in self._chunks]
        self._pool = ThreadPoolExecutor(workers) if workers > 1 else None

    def _each(self, work: Any, chunks: list[tuple[int, int, csr_matrix]]) -> list[Any]:
        if self._pool is None:
            return [work(chunk) for chunk in chunks]
        return list(self._pool.map(work, chunks))

    def __matmul__(self, weights: np.ndarray) -> np.ndarray:
        """X @ W: one row per example."""
        top = weights[: self.split]
        sparse = np.vstack(self._each(lambda chunk: chunk[2] @ top, self._chunks))
        return sparse + self.dense @ weights[self.split :]

    def __rmatmul__(self, gradient: np.ndarray) -> np.ndarray:
        """G @ X: one column per feature."""
        parts = self._each(
            lambda c: c[2] @ np.ascontiguousarray(gradient[:, c[0] : c[1]].T), self._transposed
        )
        return np.hstack([sum(parts).T, gradient @ self.dense])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def fit_in_blocks(clf: LogisticRegression, X: Blocks, y: list[str]) -> LogisticRegression:
    """What clf.fit(X, y) does for Rasa's settings (multinomial, lbfgs, balanced classes)."""
    labels = np.asarray(y)
    clf.classes_ = np.unique(labels)
    coefs, _, n_iter = _logistic_regression_path(
        X,
        labels,
        Cs=[clf.C],
        fit_intercept=clf.fit_intercept,
        tol=clf.tol,
        solver=clf.solver,
        multi_class="multinomial",
        max_iter=clf.max_iter,
        class_weight=clf.class_weight,
        check_input=False,
        random_state=clf.random_state,
        penalty=clf.penalty,
    )
    weights = coefs[0].reshape(len(clf.classes_), X.shape[1] + 1)
    clf.coef_, clf.intercept_ = weights[:, :-1], weights[:, -1]
    clf.n_iter_ = np.asarray(n_iter, dtype=np.int32)
    clf.n_features_in_ = X.shape[1]
    return clf


def _sentence_features(message: Message, sparse: bool) -> list[Any]:
    """The matrices of the message's sparse (or dense) sentence features of its text."""
    return [
        f.features
        for f in message.features
        if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse() == sparse
    ]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LogisticRegressionClassifier(RasaLogisticRegression):
    """Rasa's classifier; only how its input is built and how it is fitted differ."""

    def _blocks(self, messages: list[Message]) -> tuple[csr_matrix, np.ndarray] | None:
        """The sentence features of the messages' text: sparse and dense, each featurizer's
        side by side in the order they were added, as Message.get_sparse_features and
        get_dense_features combine them (a test compares them). Rasa combines each message's
        features one message at a time and also copies its sequence features, which this
        classifier does not read (6 s of a retraining, py-spy, 2026-12-06); here each
        featurizer's rows are stacked at once."""
        sparse = [_sentence_features(m, sparse=True) for m in messages]
        dense = [_sentence_features(m, sparse=False) for m in messages]
        if not messages or len({len(f) for f in sparse}) != 1 or len({len(f) for f in dense}) != 1:
            return None  # Rasa's own way handles missing features
        if not sparse[0] or not dense[0]:
            return None
        sparse_block = hstack(
            [vstack([f[i] for f in sparse], format="csr") for i in range(len(sparse[0]))],
            format="csr",
        )
        dense_block = np.hstack([np.vstack([f[i] for f in dense]) for i in range(len(dense[0]))])
        return sparse_block, dense_block

    def _create_X(self, messages: list[Message]) -> csr_matrix:
        blocks = self._blocks(messages)
        if blocks is None:
            return super()._create_X(messages)
        return hstack([blocks[0], csr_matrix(blocks[1])], format="csr")

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        blocks = self._blocks(examples)
        multinomial = len({e.get(INTENT) for e in examples}) > 2 and self.clf.solver == "lbfgs"
        if blocks is None or not multinomial:
            return super().train(training_data)
        X = Blocks(*blocks, workers=os.cpu_count() or 1)
        try:
            fit_in_blocks(self.clf, X, [e.get(INTENT) for e in examples])
        finally:
            X.close()
        self.persist()
        return self._resource
