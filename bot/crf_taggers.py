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

Rasa has no setting for this, so install() replaces CRFEntityExtractor.persist and .load, and
adds to the component's training-cache fingerprint, so that training never reuses a cached CRF
without the files. `python -m bot.rasa_cli` (what scripts/stack.py and scripts/train.py run)
installs it before Rasa starts.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections import OrderedDict
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor

logger = logging.getLogger(__name__)

# Written by Rasa beside crf_dataset.json: the taggers' names (entity, role, group), in order.
ORDER_FILE = "crf_order.json"
FINGERPRINT = "taggers kept in the model (bot/crf_taggers.py)"

_rasa_persist = CRFEntityExtractor.persist
_rasa_load = CRFEntityExtractor.load


def tagger_file(folder: Path, name: str) -> Path:
    return folder / f"crf_{name}.crfsuite"


def persist(self: CRFEntityExtractor, dataset: list[Any]) -> None:
    """Rasa's persist (the training tokens and the taggers' order), plus each tagger's file."""
    _rasa_persist(self, dataset)
    with self._model_storage.write_to(self._resource) as folder:
        for name, tagger in (self.entity_taggers or {}).items():
            shutil.copyfile(tagger.modelfile.name, tagger_file(folder, name))


def saved_taggers(folder: Path) -> tuple[list[str], OrderedDict[str, Any]] | None:
    """The taggers' order and the taggers read from their files; None when a file is missing."""
    import sklearn_crfsuite

    order = json.loads((folder / ORDER_FILE).read_text(encoding="utf-8"))
    files = [tagger_file(folder, name) for name in order]
    if not all(file.exists() for file in files):
        return None
    taggers = OrderedDict()
    for name, file in zip(order, files, strict=True):
        tagger = sklearn_crfsuite.CRF(model_filename=str(file))
        # Opening reads the whole file now: Rasa deletes the unpacked model after loading it.
        tagger.tagger_  # noqa: B018
        taggers[name] = tagger
    return order, taggers


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
    CRFEntityExtractor.fingerprint_addon = classmethod(fingerprint_addon)
