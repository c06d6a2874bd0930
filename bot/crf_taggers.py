"""Keep the CRF entity extractor's trained taggers in the model, so Rasa need not train them
again every time it starts.

Rasa 3.6.21 keeps no pickled CRF (earlier releases stored the taggers with joblib, and
unpickling a model can run any code). It keeps the training tokens instead (crf_dataset.json,
55 MB for our data) and fits the CRF on them again whenever it loads a model: about 60 s of
the 72 to 75 s Rasa took to start on a 2-core machine (2026-12-03, py-spy; issue 14).

CRFsuite has a file format of its own for a trained tagger: numbers that its C library reads
into memory, no code. Training writes that file anyway, so persist() keeps a copy beside
crf_dataset.json and load() reads it in milliseconds. The taggers are the ones training fitted,
so entities come out as before (fitting again at load gives a byte-identical file). A model
without the files (trained before this, or by plain `rasa train`) is loaded as Rasa does it, by
fitting again; plain `rasa` loads a model with the files that way too.

Training is made cheaper in two ways (issue 14):
- The CRF learns from the examples that have an entity (about a third of them; the others are
  about intents and repeat words the annotated examples already show as no entity).
- The taggers it fits are kept in build/crf-cache/ under a hash of what they were fitted on
  (the tokens with their features and tags, the settings and the order of the taggers). Rasa's
  own training cache trains the CRF again whenever any example changes; this cache fits it again
  only when an example with an entity changed.

Rasa has no setting for any of this, so install() replaces CRFEntityExtractor.persist, .load,
.train and .train_model, and adds to the component's training-cache fingerprint, so that
training never reuses a cached CRF without the files. `python -m bot.rasa_cli` (what
scripts/stack.py and scripts/train.py run) installs it before Rasa starts.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections import OrderedDict
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor, CRFToken
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
# PGB_CRF_CACHE: another folder, such as an empty one to time training from nothing.
CACHE = Path(os.environ.get("PGB_CRF_CACHE") or ROOT / "build" / "crf-cache")
# Written by Rasa beside crf_dataset.json: the taggers' names (entity, role, group), in order.
ORDER_FILE = "crf_order.json"
FINGERPRINT = "taggers kept in the model, fitted on examples with entities (bot/crf_taggers.py)"
# Settings that shape the fitted taggers.
TRAINING_SETTINGS = ("features", "L1_c", "L2_c", "max_iterations", "BILOU_flag")

_rasa_persist = CRFEntityExtractor.persist
_rasa_load = CRFEntityExtractor.load
_rasa_train = CRFEntityExtractor.train
_rasa_train_model = CRFEntityExtractor.train_model


def tagger_file(folder: Path, name: str) -> Path:
    return folder / f"crf_{name}.crfsuite"


def persist(self: CRFEntityExtractor, dataset: list[Any]) -> None:
    """Rasa's persist (the training tokens and the taggers' order), plus each tagger's file."""
    _rasa_persist(self, dataset)
    with self._model_storage.write_to(self._resource) as folder:
        for name, tagger in (self.entity_taggers or {}).items():
            shutil.copyfile(tagger.modelfile.name, tagger_file(folder, name))


def read_taggers(folder: Path, order: list[str]) -> OrderedDict[str, Any] | None:
    """The taggers read from their files in folder; None when a file is missing."""
    import sklearn_crfsuite

    files = [tagger_file(folder, name) for name in order]
    if not all(file.exists() for file in files):
        return None
    taggers = OrderedDict()
    for name, file in zip(order, files, strict=True):
        tagger = sklearn_crfsuite.CRF(model_filename=str(file))
        # Opening reads the whole file now: Rasa deletes the unpacked model after loading it.
        tagger.tagger_  # noqa: B018
        taggers[name] = tagger
    return taggers


def saved_taggers(folder: Path) -> tuple[list[str], OrderedDict[str, Any]] | None:
    """The taggers' order and the taggers read from their files; None when a file is missing."""
    order = json.loads((folder / ORDER_FILE).read_text(encoding="utf-8"))
    taggers = read_taggers(folder, order)
    return None if taggers is None else (order, taggers)


class _OnAnnotatedExamples(CRFEntityExtractor):
    """Holds the train method install() gives CRFEntityExtractor (a method, not a function:
    Rasa's graph reads its parameters and would take an annotated `self` for an input)."""

    def train(self, training_data: TrainingData) -> Resource:
        """Rasa's training, on the examples that have an entity."""
        annotated = [m for m in training_data.nlu_examples if m.get(ENTITIES)]
        subset = TrainingData(
            training_examples=annotated,
            entity_synonyms=training_data.entity_synonyms,
            regex_features=training_data.regex_features,
            lookup_tables=training_data.lookup_tables,
        )
        resource: Resource = _rasa_train(self, subset)
        return resource


def cache_key(dataset: list[list[CRFToken]], config: dict[str, Any], order: list[str]) -> str:
    """A hash of what the taggers are fitted on, and by which CRFsuite."""
    digest = hashlib.sha256()
    settings = {name: config.get(name) for name in TRAINING_SETTINGS}
    fitter = version("python-crfsuite")
    digest.update(json.dumps([settings, order, fitter], sort_keys=True, default=str).encode())
    for sentence in dataset:
        tokens = [token.to_dict() for token in sentence]
        digest.update(json.dumps(tokens, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:24]


def train_model(
    cls: type[CRFEntityExtractor],
    df_train: list[list[CRFToken]],
    config: dict[str, Any],
    crf_order: list[str],
) -> OrderedDict[str, Any]:
    """The taggers fitted on the same tokens before, from build/crf-cache, else fitted now and
    kept there."""
    folder = CACHE / cache_key(df_train, config, crf_order)
    cached = read_taggers(folder, crf_order) if folder.is_dir() else None
    if cached is not None:
        logger.info("CRF taggers restored from %s", folder)
        return cached
    taggers: OrderedDict[str, Any] = _rasa_train_model(df_train, config, crf_order)
    partial = folder.with_name(folder.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    for name, tagger in taggers.items():
        shutil.copyfile(tagger.modelfile.name, tagger_file(partial, name))
    shutil.rmtree(folder, ignore_errors=True)  # an incomplete copy
    partial.replace(folder)
    return taggers


def load(
    cls: type[CRFEntityExtractor],
    config: dict[str, Any],
    model_storage: ModelStorage,
    resource: Resource,
    execution_context: ExecutionContext,
    **kwargs: Any,
) -> CRFEntityExtractor:
    """The taggers from their files when the model has them, else Rasa's load (fits again)."""
    saved = None
    try:
        with model_storage.read_from(resource) as folder:
            saved = saved_taggers(folder)
    except (ValueError, OSError) as error:  # ValueError: no such resource, or a damaged file
        logger.warning("CRF taggers not read from the model (%s); fitting them again", error)
    if saved is None:
        return _rasa_load(config, model_storage, resource, execution_context, **kwargs)
    order, taggers = saved
    extractor = cls(config, model_storage, resource, taggers)
    extractor.crf_order = order
    return extractor


def fingerprint_addon(cls: type[CRFEntityExtractor], config: dict[str, Any]) -> str:
    return FINGERPRINT


def install() -> None:
    """Make CRFEntityExtractor keep its taggers' files in the model and load them from there."""
    CRFEntityExtractor.persist = persist
    CRFEntityExtractor.load = classmethod(load)
    CRFEntityExtractor.train = _OnAnnotatedExamples.train
    CRFEntityExtractor.train_model = classmethod(train_model)
    CRFEntityExtractor.fingerprint_addon = classmethod(fingerprint_addon)
