"""scripts/evaluate.py: how a parse becomes the label that is scored."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from evaluate import label_of, label_with_fallback, record_next_to_model  # noqa: E402


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


def test_the_figures_are_recorded_next_to_the_model(tmp_path: Path) -> None:
    """bot/channel.py reads them back for the console (models/pgb-<hash>.evaluation.json)."""
    model = tmp_path / "pgb-abc123.tar.gz"
    report = {"examples": 3, "intent_accuracy": 0.9, "intent_macro_f1": 0.8, "entity_f1": 0.7,
              "entity_value_f1": 0.6, "errors": [{"text": "not copied"}]}  # fmt: skip
    written = record_next_to_model(model, report, datetime(2026, 12, 2, 9, tzinfo=timezone.utc))
    assert written == tmp_path / "pgb-abc123.evaluation.json"
    recorded = json.loads(written.read_text())
    assert recorded["intent_macro_f1"] == 0.8 and "errors" not in recorded
    assert recorded["evaluated_at"] == "2026-12-02T09:00:00+00:00"
