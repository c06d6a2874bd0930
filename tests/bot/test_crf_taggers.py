"""The CRF entity extractor's taggers are kept in the model and read back, not trained again at
every start; they are fitted on the examples with entities and kept in a cache by what they were
fitted on (bot/crf_taggers.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import crf_taggers

EXAMPLES = [
    ("ik krijg een wajong uitkering", "wajong"),
    ("mijn moeder heeft de aow", "aow"),
    ("heb ik recht op bijstand", "bijstand"),
    ("wat als ik wajong heb", "wajong"),
    ("telt de aow mee", "aow"),
    ("ik leef van de bijstand", "bijstand"),
]


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """install() for this test only: monkeypatch puts Rasa's own methods back afterwards. The
    cache of fitted taggers is the test's own."""
    for name in ("persist", "load", "train", "train_model", "fingerprint_addon"):
        monkeypatch.setattr(CRFEntityExtractor, name, None)
    monkeypatch.setattr(crf_taggers, "CACHE", tmp_path / "crf-cache")
    crf_taggers.install()


def featurized(text: str, entities: list[dict[str, Any]] | None = None) -> Message:
    """A message as the pipeline hands it to the CRF: tokens, and features of some featurizer
    (the CRF only reads messages that have them; its own features are the words)."""
    message = Message({"text": text, "intent": "inform", "entities": entities or []})
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process([message])
    words = np.ones((len(text.split()), 1))
    message.add_features(Features(words, FEATURE_TYPE_SEQUENCE, TEXT, "test"))
    return message


def training_data(examples: list[tuple[str, str]] = EXAMPLES) -> TrainingData:
    messages = []
    for text, benefit in examples:
        start = text.index(benefit)
        end = start + len(benefit)
        entity = {"start": start, "end": end, "value": benefit, "entity": "benefit"}
        messages.append(featurized(text, [entity]))
    return TrainingData(messages)


def trained(
    folder: Path, data: TrainingData | None = None
) -> tuple[dict[str, Any], LocalModelStorage, Resource, ExecutionContext]:
    config = CRFEntityExtractor.get_default_config()
    folder.mkdir(parents=True, exist_ok=True)
    storage, resource = LocalModelStorage(folder), Resource("crf")
    context = ExecutionContext(node_name="crf", graph_schema=None)  # type: ignore[arg-type]
    CRFEntityExtractor.create(config, storage, resource, context).train(data or training_data())
    return config, storage, resource, context


def entities(extractor: CRFEntityExtractor, text: str) -> list[tuple[str, str]]:
    (processed,) = extractor.process([featurized(text)])
    return [(e["entity"], e["value"]) for e in processed.get("entities", [])]


def test_the_model_keeps_the_trained_tagger_and_loading_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, storage, resource, context = trained(tmp_path)
    assert (tmp_path / "crf" / "crf_entity.crfsuite").stat().st_size > 0

    def no_training(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("loading trained the CRF again")

    monkeypatch.setattr(CRFEntityExtractor, "train_model", no_training)
    loaded = CRFEntityExtractor.load(config, storage, resource, context)
    # Rasa removes the unpacked model once it is loaded; the tagger is in memory by then.
    (tmp_path / "crf" / "crf_entity.crfsuite").unlink()
    assert entities(loaded, "heb ik recht op bijstand") == [("benefit", "bijstand")]
    assert entities(loaded, "wat als ik wajong heb") == [("benefit", "wajong")]


def test_a_model_without_the_tagger_file_is_trained_again_as_rasa_does(tmp_path: Path) -> None:
    config, storage, resource, context = trained(tmp_path)
    (tmp_path / "crf" / "crf_entity.crfsuite").unlink()
    loaded = CRFEntityExtractor.load(config, storage, resource, context)
    assert entities(loaded, "heb ik recht op bijstand") == [("benefit", "bijstand")]


def test_a_damaged_tagger_file_is_trained_again(tmp_path: Path) -> None:
    config, storage, resource, context = trained(tmp_path)
    (tmp_path / "crf" / "crf_entity.crfsuite").write_bytes(b"not a crfsuite model")
    loaded = CRFEntityExtractor.load(config, storage, resource, context)
    assert entities(loaded, "heb ik recht op bijstand") == [("benefit", "bijstand")]


def test_training_never_reuses_a_cached_crf_without_the_file() -> None:
    # Rasa's training cache keys a component's output on its source and config, which
    # install() does not change; the addon makes the key differ.
    assert CRFEntityExtractor.fingerprint_addon({}) == crf_taggers.FINGERPRINT


def test_the_crf_learns_from_the_examples_with_entities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fitted_on: list[int] = []
    rasa_train_model = crf_taggers._rasa_train_model

    def counting(dataset: list[Any], config: dict[str, Any], order: list[str]) -> Any:
        fitted_on.append(len(dataset))
        return rasa_train_model(dataset, config, order)

    monkeypatch.setattr(crf_taggers, "_rasa_train_model", counting)
    data = training_data()
    data = data.merge(TrainingData([featurized("wat is een pgb"), featurized("dank je wel")]))
    config, storage, resource, context = trained(tmp_path / "model", data)
    assert fitted_on == [len(EXAMPLES)]
    loaded = CRFEntityExtractor.load(config, storage, resource, context)
    assert entities(loaded, "heb ik recht op bijstand") == [("benefit", "bijstand")]


def test_taggers_fitted_on_the_same_examples_come_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trained(tmp_path / "first")

    def no_fitting(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("fitted again")

    monkeypatch.setattr(crf_taggers, "_rasa_train_model", no_fitting)
    # Another example without an entity changes nothing the CRF learns from.
    data = training_data().merge(TrainingData([featurized("wat is een pgb")]))
    config, storage, resource, context = trained(tmp_path / "second", data)
    loaded = CRFEntityExtractor.load(config, storage, resource, context)
    assert entities(loaded, "wat als ik wajong heb") == [("benefit", "wajong")]
    # Another example with an entity does.
    with pytest.raises(AssertionError, match="fitted again"):
        trained(tmp_path / "third", training_data([*EXAMPLES, ("ik heb ww", "ww")]))
