"""A pipeline component whose detector is fitted at training time and kept as JSON in the model.

The safety net (safety.py, despair by meaning) and the situations for a person (situations.py)
both fit a small logistic regression on e5 embeddings when the model trains, save it in the
model, and read it back when Rasa starts.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, ClassVar, Protocol

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from typing_extensions import Self

# Both detectors are fitted on the sentence embedding's rows: another way of embedding is another
# fit, so both list this file in FITTED_FROM.
EMBEDDING = Path(__file__).with_name("sentence_embedding.py")


class Detector(Protocol):
    def to_dict(self) -> dict[str, object]: ...


class FittedComponent(GraphComponent):
    """Keeps `detector` in the model as FILE; subclasses fit it in train() and say how to read
    it back (`detector_from`) and which files the fit depends on (FITTED_FROM)."""

    FILE: ClassVar[str]
    # Rasa's training cache knows the training data, not a bank of sentences or the code that
    # fits the detector: a change to any of these files fits it again.
    FITTED_FROM: ClassVar[tuple[Path, ...]]

    def __init__(
        self,
        detector: Any = None,
        model_storage: ModelStorage | None = None,
        resource: Resource | None = None,
    ) -> None:
        self.detector = detector
        self._storage = model_storage
        self._resource = resource

    @staticmethod
    def detector_from(data: dict[str, Any]) -> Any:
        raise NotImplementedError

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        digest = hashlib.sha256()
        for path in cls.FITTED_FROM:
            digest.update(path.read_bytes())
        return digest.hexdigest()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        return cls(None, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        with model_storage.read_from(resource) as folder:
            data = json.loads((folder / cls.FILE).read_text(encoding="utf-8"))
        return cls(cls.detector_from(data), model_storage, resource)

    def save(self, detector: Detector) -> Resource:
        """Keep the fitted detector, and use it from now on."""
        self.detector = detector
        assert self._storage is not None and self._resource is not None  # noqa: S101 - create()
        with self._storage.write_to(self._resource) as folder:
            (folder / self.FILE).write_text(json.dumps(detector.to_dict()), encoding="utf-8")
        return self._resource
