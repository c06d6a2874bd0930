"""The action server's replies are checked as strictly as Rasa checks them, by a validator built
once (bot/action_results.py)."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import action_results


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", None)
    action_results.install()


def check(result: dict[str, Any]) -> bool:
    action = RemoteAction("action_answer_faq", None)
    return action._validate_action_result(result)


def test_a_good_reply_passes() -> None:
    reply = {
        "events": [{"event": "slot", "name": "topic", "value": "spending"}],
        "responses": [{"text": "Ja, dat mag.", "buttons": []}],
    }
    assert check(reply) is True


@pytest.mark.parametrize(
    "reply",
    [
        {"events": "not a list", "responses": []},
        {"events": [{"no_event_key": 1}], "responses": []},
        {"events": [], "responses": ["not an object"]},
    ],
)
def test_a_bad_reply_raises_rasas_error(reply: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        check(reply)
