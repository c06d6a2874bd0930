"""B1 Dutch: the bot's own responses keep sentences to 20 words; knowledge texts are flagged by
scripts/readability.py and may not get worse than today."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from readability import long_sentences  # noqa: E402

# Flagged knowledge sentences today (mostly lists such as "De SVB wil weten: a, b, c").
KNOWLEDGE_BUDGET = 23


def test_domain_responses_have_no_sentence_over_20_words() -> None:
    assert [f for f in long_sentences() if ".yml:" in f[0]] == []


def test_long_knowledge_sentences_do_not_increase() -> None:
    flagged = [f for f in long_sentences() if ".yaml:" in f[0]]
    assert len(flagged) <= KNOWLEDGE_BUDGET, "\n".join(f"{w} {where}" for where, w, _ in flagged)
