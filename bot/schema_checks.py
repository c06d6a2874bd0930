"""Rasa's JSON Schema checks, each with a validator built once instead of on every call.

Rasa 3.6.21 checks data with `jsonschema.validate(data, schema)`. That call first checks the
schema itself against JSON Schema's meta-schema, every time, and builds a new validator:
- every reply of the action server. Under load (20 conversations at once, 2026-12-04, py-spy on
  Rasa) the checking took 21 % of Rasa's time, about half of it on the schema, which never
  changes;
- every entity annotation with attributes in the training data (`[..]{"entity": ...}`): 6 % of a
  retraining after one new example (py-spy, 2026-12-04).

install() makes both checks with validators built (and their schemas checked) once per schema:
data is checked as strictly as before and bad data raises the same error. `python -m
bot.rasa_cli` installs it before Rasa starts.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import rasa.shared.utils.validation
from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL, DOCS_URL_TRAINING_DATA
from rasa.shared.exceptions import SchemaValidationError


@lru_cache(maxsize=16)
def _validator(schema_json: str) -> Validator:
    """What jsonschema.validate builds for a schema, built once per schema."""
    schema = json.loads(schema_json)
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator: Validator = cls(schema)
    return validator


@lru_cache(maxsize=1)
def _reply_validator() -> Validator:
    """The validator for the action server's replies (their schema is fixed), looked up once."""
    return _validator(json.dumps(RemoteAction.action_response_format_spec(), sort_keys=True))


def first_error(data: Any, validator: Validator) -> ValidationError | None:
    """The error jsonschema.validate(data, schema) would raise, or None."""
    error: ValidationError | None = best_match(validator.iter_errors(data))
    return error


class _CheckedOnce(RemoteAction):
    """Holds the method install() gives RemoteAction."""

    def _validate_action_result(self, result: dict[str, Any]) -> bool:
        """Rasa's check and error, with the validator built once."""
        error = first_error(result, _reply_validator())
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def validate_training_data(json_data: dict[str, Any], schema: dict[str, Any]) -> None:
    """rasa.shared.utils.validation.validate_training_data, with the validator built once."""
    error = first_error(json_data, _validator(json.dumps(schema, sort_keys=True)))
    if error is None:
        return
    error.message += (
        f". Failed to validate data, make sure your data is valid. For more information about "
        f"the format visit {DOCS_URL_TRAINING_DATA}."
    )
    raise SchemaValidationError.create_from(error) from error


def install() -> None:
    RemoteAction._validate_action_result = _CheckedOnce._validate_action_result
    rasa.shared.utils.validation.validate_training_data = validate_training_data
