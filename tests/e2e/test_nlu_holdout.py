"""The short form of `make evaluate` in CI: the trained model on the held-out Dutch test set.

The floor guards against regressions; the target (macro-F1 0.92) and the measured numbers are in
the printed report and results/nlu_evaluation.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MIN_MACRO_F1 = 0.90
pytestmark = pytest.mark.e2e


def test_held_out_intent_macro_f1_does_not_regress() -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "scripts/evaluate.py", "--min-macro-f1", str(MIN_MACRO_F1)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads((ROOT / "results" / "nlu_evaluation.json").read_text())
    assert report["examples"] >= 600
    assert report["intent_macro_f1"] >= MIN_MACRO_F1
