"""Fingerprints for Rasa's training cache in one hash each instead of one per part.

Rasa's training cache fingerprints the output of every component it trains: the whole training
data with its tokens and features, so that a later training can tell what changed. Rasa 3.6.21
hashes a token by hashing each of its parts (text, start, end, lemma and every entry of its data)
separately and then the list of those hashes: about ten JSON dumps and MD5 sums per token, for
each of the 9,300 examples, after each featurizer. In a retraining after one new example (py-spy,
2026-12-04) fingerprinting took 30 % of the time, two thirds of it in tokens.

install() replaces Token.fingerprint with one MD5 sum of one JSON dump of the same parts (keys
sorted, so the order of the data does not matter, as in Rasa's). Tokens with the same parts get
the same fingerprint and tokens with other parts another, so the cache decides as before; only
the values differ, so a cache filled by plain Rasa is not reused once. `python -m bot.rasa_cli`
installs it before Rasa starts.

The same for the two other things fingerprinted per example (py-spy on a retraining after one new
example, 2026-12-04: 18 % of its samples): a sparse feature matrix was written out as text, one
line per value, before it was hashed; now its coordinates and values are hashed as bytes, in the
same order. A message was hashed part by part like a token; now it is one dump of its data (its
tokens by their parts) and of its features' fingerprints.
"""

from __future__ import annotations

import json
from hashlib import md5
from typing import Any

from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message


def _hash(*parts: bytes) -> str:
    digest = md5(usedforsecurity=False)
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def _token_parts(token: Token) -> list[Any]:
    """What a token's fingerprint covers."""
    return [token.text, token.start, token.end, token.lemma, token.data]


def _part(value: Any) -> Any:
    """What json.dumps cannot write inside a message's data: a token as its parts (as its own
    fingerprint hashes them), anything else with a fingerprint by it, the rest as text."""
    if isinstance(value, Token):
        return _token_parts(value)
    if callable(getattr(value, "fingerprint", None)):
        return str(value.fingerprint())
    return str(value)


class _OneHash(Token):
    """Holds the method install() gives Token."""

    def fingerprint(self) -> str:
        dumped = json.dumps(_token_parts(self), sort_keys=True, default=str, ensure_ascii=False)
        return _hash(dumped.encode("utf-8"))


class _FeaturesAsBytes(Features):
    """Holds the method install() gives Features."""

    def fingerprint(self) -> str:
        if self._cached_fingerprint is None:
            m = self.features if self.is_dense() else self.features.tocoo()
            kind = json.dumps([self.type, self.origin, self.attribute, m.shape, str(m.dtype)])
            if self.is_dense():
                self._cached_fingerprint = _hash(kind.encode(), m.tobytes())
            else:
                # As Rasa's: the values in the order the featurizer stored them.
                arrays = (m.row.tobytes(), m.col.tobytes(), m.data.tobytes())
                self._cached_fingerprint = _hash(kind.encode(), *arrays)
        return str(self._cached_fingerprint)


class _MessageInOneDump(Message):
    """Holds the method install() gives Message."""

    def fingerprint(self) -> str:
        if self._cached_fingerprint is None:
            parts = [self.data, [f.fingerprint() for f in self.features]]
            dumped = json.dumps(parts, sort_keys=True, default=_part, ensure_ascii=False)
            self._cached_fingerprint = _hash(dumped.encode("utf-8"))
        return str(self._cached_fingerprint)


def install() -> None:
    Token.fingerprint = _OneHash.fingerprint
    Features.fingerprint = _FeaturesAsBytes.fingerprint
    Message.fingerprint = _MessageInOneDump.fingerprint
