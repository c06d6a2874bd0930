"""The action server's replies are checked as strictly as Rasa checks them, by a validator built
once (bot/schema_checks.py), and so are the entity annotations of the training data. A YAML
text is checked against Rasa's schema until it has passed once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rasa.shared.utils.validation
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.exceptions import SchemaValidationError
from rasa.shared.nlu.training_data.entities_parser import get_validated_dict
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.utils.validation import YamlValidationException

from bot import schema_checks


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", None)
    monkeypatch.setattr(rasa.shared.utils.validation, "validate_training_data", None)
    monkeypatch.setattr(rasa.shared.utils.validation, "validate_yaml_schema", None)
    monkeypatch.setattr(schema_checks, "PASSED", tmp_path / "schema-cache" / "passed.txt")
    schema_checks.install()


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


def test_an_entity_annotation_is_checked_as_rasa_checks_it() -> None:
    attributes = get_validated_dict('"entity": "benefit", "value": "wajong"')
    assert attributes == {"entity": "benefit", "value": "wajong"}
    with pytest.raises(SchemaValidationError, match="Failed to validate data"):
        get_validated_dict('"entity": 3')
    with pytest.raises(SchemaValidationError):
        get_validated_dict('"value": "wajong"')


GOOD_NLU = 'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - hoi\n'
BAD_NLU = 'version: "3.1"\nnlu:\n  - intnt: greet\n    examples: |\n      - hoi\n'


def test_a_yaml_text_that_passed_is_remembered_and_still_read() -> None:
    assert not schema_checks.PASSED.exists()
    for _ in range(2):
        data = RasaYAMLReader().reads(GOOD_NLU)
        assert [m.get("intent") for m in data.intent_examples] == ["greet"]
    assert schema_checks.PASSED.read_text().split() == [
        schema_checks._key(GOOD_NLU, "shared/nlu/training_data/schemas/nlu.yml", "rasa")
    ]


def test_a_yaml_text_that_fails_is_checked_every_time() -> None:
    RasaYAMLReader().reads(GOOD_NLU)
    for _ in range(2):
        with pytest.raises(YamlValidationException):
            RasaYAMLReader().reads(BAD_NLU)
    assert len(schema_checks.PASSED.read_text().split()) == 1
