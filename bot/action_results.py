"""Check the action server's replies against Rasa's schema without checking the schema each time.

Rasa 3.6.21 checks every reply of the action server with `jsonschema.validate(reply, schema)`.
That call first checks the schema itself against JSON Schema's meta-schema, every time, and
builds a new validator. Under load (20 conversations at once, 2026-12-04, py-spy on Rasa) the
checking took 21 % of Rasa's time, about half of it on the schema, which never changes.

install() replaces RemoteAction._validate_action_result with the same check made by one
validator, built (and its schema checked) once: replies are checked as strictly as before and a
bad reply raises the same error. `python -m bot.rasa_cli` installs it before Rasa starts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def reply_validator() -> Validator:
    """What jsonschema.validate builds for Rasa's reply schema, built once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator: Validator = cls(schema)
    return validator


class _CheckedOnce(RemoteAction):
    """Holds the method install() gives RemoteAction."""

    def _validate_action_result(self, result: dict[str, Any]) -> bool:
        """Rasa's check and error, with the validator built once."""
        error: ValidationError | None = best_match(reply_validator().iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def install() -> None:
    RemoteAction._validate_action_result = _CheckedOnce._validate_action_result
