"""A token's, a feature matrix's and a message's fingerprint is one hash of all its parts
(bot/fingerprints.py): the same parts give the same fingerprint, any other part another."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from bot import fingerprints


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    for cls in (Token, Features, Message):
        monkeypatch.setattr(cls, "fingerprint", None)
    fingerprints.install()


def token(text: str = "pgb", start: int = 4, lemma: str = "pgb", **data: object) -> Token:
    return Token(text, start, data=dict(data), lemma=lemma)


def test_the_same_parts_give_the_same_fingerprint_whatever_the_order_of_the_data() -> None:
    first = token(pos="NOUN", pattern={"law": True, "benefit": False})
    second = token(pattern={"benefit": False, "law": True}, pos="NOUN")
    assert first.fingerprint() == second.fingerprint()


BASE = {"pos": "NOUN", "pattern": {"law": True}}


@pytest.mark.parametrize(
    "other",
    [
        token(text="pgp", **BASE),
        token(start=5, **BASE),
        token(lemma="pgbs", **BASE),
        token(pos="VERB", pattern={"law": True}),
        token(pos="NOUN", pattern={"law": False}),
    ],
)
def test_any_other_part_gives_another_fingerprint(other: Token) -> None:
    assert other.fingerprint() != token(**BASE).fingerprint()


def features(values: list[float], kind: str = "sentence", sparse: bool = True) -> Features:
    matrix = scipy.sparse.coo_matrix([values]) if sparse else np.array([values])
    return Features(matrix, kind, TEXT, "CountVectorsFeaturizer")


def test_features_with_the_same_values_get_the_same_fingerprint() -> None:
    assert features([0, 1, 2]).fingerprint() == features([0, 1, 2]).fingerprint()
    assert (
        features([0, 1], sparse=False).fingerprint() == features([0, 1], sparse=False).fingerprint()
    )


@pytest.mark.parametrize(
    "other",
    [
        features([0, 1, 3]),
        features([0, 2, 1]),
        features([0, 1, 2, 0]),
        features([0, 1, 2], "sequence"),
    ],
)
def test_features_with_other_values_or_kind_get_another_fingerprint(other: Features) -> None:
    assert other.fingerprint() != features([0, 1, 2]).fingerprint()


def test_dense_features_of_another_shape_get_another_fingerprint() -> None:
    row = Features(np.array([[0.0, 1.0]]), "sentence", TEXT, "e5")
    column = Features(np.array([[0.0], [1.0]]), "sentence", TEXT, "e5")
    assert row.fingerprint() != column.fingerprint()


def message(text: str = "mag ik een taxi", intent: str = "ask_spending", **data: object) -> Message:
    m = Message({TEXT: text, "intent": intent, **data})
    m.set("text_tokens", [token(text=word, start=0, lemma=word) for word in text.split()])
    m.add_features(features([0, 1, 2]))
    return m


def test_the_same_message_gets_the_same_fingerprint_whatever_the_order_of_its_data() -> None:
    first = message(entities=[{"entity": "care_item", "value": "taxi"}], extra=1)
    second = message(extra=1, entities=[{"value": "taxi", "entity": "care_item"}])
    assert first.fingerprint() == second.fingerprint()


def test_a_message_with_another_text_token_entity_or_feature_gets_another_fingerprint() -> None:
    base = message().fingerprint()
    assert message(text="mag ik een fiets").fingerprint() != base
    assert message(intent="faq_what_is_pgb").fingerprint() != base
    assert message(entities=[{"entity": "care_item", "value": "taxi"}]).fingerprint() != base
    relemmatised = message()
    relemmatised.set("text_tokens", [token(text="mag", start=0, lemma="mogen")])
    assert relemmatised.fingerprint() != base
    featured = message()
    featured.add_features(features([1.0], sparse=False))
    assert featured.fingerprint() != base
