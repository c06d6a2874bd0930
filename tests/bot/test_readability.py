"""B1 Dutch: every sentence the bot can say (domain responses and knowledge texts) keeps to 20
words, as scripts/readability.py counts them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from readability import long_sentences  # noqa: E402


def test_no_bot_sentence_over_20_words() -> None:
    flagged = long_sentences()
    assert flagged == [], "\n".join(f"{words} words: {where}" for where, words, _ in flagged)
