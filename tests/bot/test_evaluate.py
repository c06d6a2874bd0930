"""scripts/evaluate.py: how a parse becomes the label that is scored."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from evaluate import label_of, label_with_fallback  # noqa: E402


def parse(*ranking: tuple[str, float]) -> dict[str, Any]:
    """A parse as Rasa gives it after the FallbackClassifier (0.55) ran."""
    intents = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    top = intents[0]
    if top["confidence"] < 0.55:
        intents.insert(0, {"name": "nlu_fallback", "confidence": 0.55})
    return {"intent": intents[0], "intent_ranking": intents}


def test_a_faq_parse_is_labelled_with_its_topic() -> None:
    assert label_of(parse(("faq_what_is_pgb", 0.9), ("greet", 0.1))) == "faq/what_is_pgb"
    assert label_of(parse(("greet", 0.9), ("faq_what_is_pgb", 0.1))) == "greet"


@pytest.mark.parametrize(
    ("threshold", "ambiguity", "expected"),
    [
        (0.55, 0.0, "nlu_fallback"),  # as trained
        (0.4, 0.0, "faq/what_is_pgb"),  # a lower threshold lets the top intent through
        (0.4, 0.2, "nlu_fallback"),  # but not when the runner-up is too close
    ],
)
def test_other_fallback_settings_are_replayed_from_the_ranking(
    threshold: float, ambiguity: float, expected: str
) -> None:
    understood = parse(("faq_what_is_pgb", 0.45), ("ask_spending", 0.3))
    assert label_of(understood) == "nlu_fallback"
    assert label_with_fallback(understood, threshold, ambiguity) == expected
