"""The Rasa test stories (tests/stories) against the trained model: every flow and repair path
must take the expected actions, turn by turn (`rasa test core`, through scripts/story_check.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def test_every_test_story_passes() -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "scripts/story_check.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((ROOT / "results" / "stories.json").read_text())
    assert len(report["stories"]) >= 25
    assert report["failed"] == []
