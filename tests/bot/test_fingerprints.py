"""A token's fingerprint is one hash of all its parts (bot/fingerprints.py): the same parts give
the same fingerprint, any other part another."""

from __future__ import annotations

import pytest
from rasa.nlu.tokenizers.tokenizer import Token

from bot import fingerprints


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Token, "fingerprint", None)
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
