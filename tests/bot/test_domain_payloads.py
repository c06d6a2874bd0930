"""Button payloads in the domain reach the person as Rasa can read them back, without errors.

Rasa fills "{slot}" in every part of a response, buttons included, so a payload such as
'/inform{"law":"wmo"}' was read as a slot name and logged an error for every answer that had
such a button. The domain doubles the braces, which Rasa's interpolator turns back into single
ones; this checks it for every payload, with Rasa's own interpolator.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg.interpolator import interpolate_text
from structlog.testing import capture_logs

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"
PAYLOAD = re.compile(r"/(\w+)(\{.*\})?")


def payloads() -> list[str]:
    found = []
    for path in sorted(DOMAIN.glob("*.yml")):
        responses = (yaml.safe_load(path.read_text()) or {}).get("responses") or {}
        for variants in responses.values():
            for variant in variants:
                found += [b["payload"] for b in variant.get("buttons") or []]
    return found


def test_there_are_payloads_with_entities() -> None:
    assert sum("{" in p for p in payloads()) > 50


@pytest.mark.parametrize("payload", sorted(set(payloads())))
def test_a_payload_comes_out_as_rasa_reads_it(payload: str) -> None:
    with capture_logs() as logged:
        sent = interpolate_text(payload, {"law": "wmo", "topic": None})
    assert logged == []
    match = PAYLOAD.fullmatch(sent)
    assert match, sent
    if match.group(2):
        assert isinstance(json.loads(match.group(2)), dict)


def test_single_braces_would_log_an_error() -> None:
    with capture_logs() as logged:
        interpolate_text('/inform{"law":"wmo"}', {"law": "wmo"})
    assert [entry["log_level"] for entry in logged] == ["error"]
