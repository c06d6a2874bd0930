"""Despair in other words than the safety net's phrases: a second net, by meaning.

The phrases of safety.yml catch how despair is usually written, but people write it in endless
ways ("eerlijk, ik sta soms bij het spoor te kijken", "wil voorgoed gaan slapen"), and a miss
costs too much. So every sentence of a message (a long one in overlapping windows of WINDOW
words, as one sentence of despair in a long story would drown in the rest) is embedded with
multilingual-e5-small (bot/components/sentence_embedding.py) and scored by a logistic regression
fitted at training time on:
- despair_bank.yml, written by helpers who never saw the evaluation sets: 560 sentences that
  express a wish to die, a plan, a method, self-harm or a goodbye, and 560 that are close in
  words or mood but are not;
- every training example of another intent, as embedded by the classifier's featurizer (no
  extra cost), so that ordinary pgb questions stay far from despair.

Measured 2026-12-06 with the first bank (260 and 260) at a threshold of 0.9: of 140 blind
despair messages written for training (data/nlu/blind_distress.yml holds those without a
question) the phrases found 61, this detector 80, both together 97; of 345 ordinary turns of the
seen realistic sets 1 was taken for despair, of the development set's 324 none. Half of
tests/evaluation/feelings_blind.yml is unseen and only counted: phrases 13 of 36, both 19.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from bot.questions import parts

BANK = Path(__file__).with_name("despair_bank.yml")
# A sentence longer than LONG words is read in windows of WINDOW words, STRIDE apart.
WINDOW, STRIDE, LONG = 12, 6, 16
# At most this many pieces of one message are embedded (about 15 ms each).
MAX_PIECES = 12
# Regularisation of the regression (larger is less) and the probability that makes a piece
# despair, chosen on 54 blind despair stories that end in a practical question (the ones not in
# data/nlu/blind_distress.yml), 60 blind practical messages with the same words, 345 ordinary
# turns of the seen realistic sets and 947 development and held-out examples (2026-12-06). With
# the first bank (520 sentences) 0.8: the phrases and the detector together found 46 of the 54,
# and took 0, 2 and 1 of the others for despair. With the second (1,120) 0.85: 46; 1, 0 and 2.
# Below that the ordinary turns rise first (0.82: 3). A miss costs more than a false 113.
C = 100.0
THRESHOLD = 0.85

Embed = Callable[[list[str]], np.ndarray]


def pieces(text: str) -> list[str]:
    """The sentences of a message; a long one as overlapping windows of words."""
    found: list[str] = []
    for part in parts(text):
        said = part.split()
        if len(said) <= LONG:
            found.append(part)
            continue
        for start in range(0, len(said) - WINDOW + STRIDE, STRIDE):
            found.append(" ".join(said[start : start + WINDOW]))
    return found[:MAX_PIECES]


def bank() -> tuple[list[str], list[str]]:
    """The despair sentences and the others of despair_bank.yml."""
    raw = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    return list(raw["despair"]), list(raw["other"])


@dataclass(frozen=True)
class DespairDetector:
    """A logistic regression over e5 embeddings: despair or not, per piece of a message."""

    weights: np.ndarray
    bias: float
    threshold: float = THRESHOLD

    @classmethod
    def fit(
        cls,
        despair: np.ndarray,
        other: np.ndarray,
        c: float = C,
        threshold: float = THRESHOLD,
    ) -> DespairDetector:
        """Fitted on embedded rows of despair and of anything else."""
        rows = np.vstack([despair, other])
        labels = np.r_[np.ones(len(despair)), np.zeros(len(other))]
        fitted = LogisticRegression(C=c, max_iter=2000).fit(rows, labels)
        return cls(fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0]), threshold)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))

    def despair_in(self, text: str, embed: Embed) -> bool:
        """Whether any piece of the text reads as despair."""
        found = pieces(text)
        return bool(found) and bool((self.probabilities(embed(found)) >= self.threshold).any())

    def to_dict(self) -> dict[str, object]:
        return {"weights": self.weights.tolist(), "bias": self.bias, "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> DespairDetector:
        weights = np.asarray(data["weights"], dtype=np.float32)
        return cls(weights, float(data["bias"]), float(data["threshold"]))  # type: ignore[arg-type]


def normalised(rows: Sequence[np.ndarray]) -> np.ndarray:
    """Rows scaled to length 1 (the featurizer's rows are scaled for the classifier)."""
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(lengths == 0, 1, lengths)
