"""Dialogue evaluation: every flow of tests/evaluation/dialogues.yml against the live bot.

Results also go to results/dialogues.json for the report of `make evaluate`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.conftest import payloads, say, texts

ROOT = Path(__file__).resolve().parents[2]
DIALOGUES = yaml.safe_load((ROOT / "tests" / "evaluation" / "dialogues.yml").read_text())[
    "dialogues"
]
pytestmark = pytest.mark.e2e
RESULTS: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def write_results() -> Iterator[None]:
    yield
    out = ROOT / "results" / "dialogues.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(RESULTS, indent=2, ensure_ascii=False))


def problems_in(reply: dict[str, Any], turn: dict[str, Any]) -> list[str]:
    said = texts(reply).lower()
    found = [f"missing {p!r}" for p in turn.get("expect", []) if p.lower() not in said]
    found += [f"unwanted {p!r}" for p in turn.get("expect_not", []) if p.lower() in said]
    if "button" in turn and turn["button"] not in payloads(reply):
        found.append(f"no button {turn['button']!r}")
    if "state" in turn and reply["state"] != turn["state"]:
        found.append(f"state {reply['state']!r}, expected {turn['state']!r}")
    return found


@pytest.mark.parametrize("dialogue", DIALOGUES, ids=[d["name"] for d in DIALOGUES])
def test_dialogue(api_url: str, dialogue: dict[str, Any]) -> None:
    conversation = None
    RESULTS[dialogue["name"]] = "failed"
    for number, turn in enumerate(dialogue["turns"], start=1):
        reply = say(api_url, turn["user"], conversation)
        conversation = reply["conversation_id"]
        problems = problems_in(reply, turn)
        assert not problems, f"turn {number} ({turn['user']!r}): {problems}\n{texts(reply)}"
    RESULTS[dialogue["name"]] = "passed"
