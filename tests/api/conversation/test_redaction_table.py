"""The redaction tables under tests/evaluation/: recall of identifiers, and ordinary words kept.

Prints recall and keep-precision for the closing note and the report; fails below 99 % recall
or when a single word that must stay is redacted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from api.conversation.redaction import redact

EVALUATION = Path(__file__).resolve().parents[2] / "evaluation"
# A second set, written by someone who did not write the patterns, is added here by name.
# redaction_blind.yml was written by someone who never saw the patterns (issue 17).
TABLES = ["redaction.yml", "redaction_blind.yml"]
TODAY = date(2026, 11, 23)
MIN_RECALL = 0.99


@dataclass
class Score:
    secrets: int = 0
    missed: int = 0
    keeps: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 1 - self.missed / self.secrets if self.secrets else 1.0

    @property
    def keep_precision(self) -> float:
        return 1 - self.lost / self.keeps if self.keeps else 1.0


def score(cases: list[dict[str, Any]]) -> Score:
    """Count each `secret` still in the redacted text as missed, each `keep` gone as lost."""
    result = Score()
    for case in cases:
        text = str(case["text"])
        clean = redact(text, today=TODAY)
        for secret in case.get("secrets") or []:
            result.secrets += 1
            if secret in clean:
                result.missed += 1
                result.problems.append(f"missed {secret!r}: {text!r} -> {clean!r}")
        for word in case.get("keep") or []:
            result.keeps += 1
            if word not in clean:
                result.lost += 1
                result.problems.append(f"lost {word!r}: {text!r} -> {clean!r}")
    return result


def test_score_counts_misses_and_lost_words() -> None:
    result = score(
        [
            {"text": "bsn 111222333", "secrets": ["111222333"]},
            {"text": "zomaar 111222334", "secrets": ["111222334"], "keep": ["zomaar"]},
            {"text": "geboren 12-03-1956", "keep": ["12-03-1956"]},
        ]
    )
    assert (result.secrets, result.missed, result.keeps, result.lost) == (2, 1, 2, 1)
    assert result.recall == 0.5 and result.keep_precision == 0.5


@pytest.mark.parametrize("table", TABLES)
def test_redaction_recall_and_keep_precision(table: str) -> None:
    cases = yaml.safe_load((EVALUATION / table).read_text(encoding="utf-8"))["cases"]
    result = score(cases)
    print(
        f"{table}: {len(cases)} cases; recall {result.recall:.1%} "
        f"({result.secrets - result.missed}/{result.secrets}); keep-precision "
        f"{result.keep_precision:.1%} ({result.keeps - result.lost}/{result.keeps})"
    )
    print("\n".join(result.problems))
    assert result.recall >= MIN_RECALL, result.problems
    assert result.lost == 0, result.problems
