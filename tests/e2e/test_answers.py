"""Answers evaluation: the questions of tests/evaluation/answers.yml, each in a fresh
conversation with the live bot, must bring the right facts and never the known wrong ones.

Target: at least 95 % of the questions pass (the report of `make evaluate` shows how far we are);
the test fails below MIN_PASS_RATE, so a regression is caught. Results go to results/answers.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.conftest import say, texts

ROOT = Path(__file__).resolve().parents[2]
TARGET = 0.95
MIN_PASS_RATE = 0.90
pytestmark = pytest.mark.e2e


def check(api_url: str, entry: dict[str, Any]) -> list[str]:
    said = texts(say(api_url, entry["question"])).lower()
    problems = [f"missing {p!r}" for p in entry.get("must_contain", []) if p.lower() not in said]
    problems += [f"wrong {p!r}" for p in entry.get("must_not_contain", []) if p.lower() in said]
    return problems


def test_answers_contain_the_right_facts(api_url: str) -> None:
    entries = yaml.safe_load((ROOT / "tests" / "evaluation" / "answers.yml").read_text())["answers"]
    failures = {}
    for entry in entries:
        problems = check(api_url, entry)
        if problems:
            failures[entry["question"]] = problems
    rate = 1 - len(failures) / len(entries)
    out = ROOT / "results" / "answers.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {"questions": len(entries), "pass_rate": rate, "failures": failures},
            indent=2,
            ensure_ascii=False,
        )
    )
    print(
        f"answers: {len(entries) - len(failures)}/{len(entries)} pass ({rate:.1%}, "
        f"target {TARGET:.0%})"
    )
    for question, problems in failures.items():
        print(f"  {question!r}: {problems}")
    assert rate >= MIN_PASS_RATE, failures
