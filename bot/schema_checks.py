"""Rasa's JSON Schema checks, each with a validator built once instead of on every call.

Rasa 3.6.21 checks data with `jsonschema.validate(data, schema)`. That call first checks the
schema itself against JSON Schema's meta-schema, every time, and builds a new validator:
- every reply of the action server. Under load (20 conversations at once, 2026-12-04, py-spy on
  Rasa) the checking took 21 % of Rasa's time, about half of it on the schema, which never
  changes;
- every entity annotation with attributes in the training data (`[..]{"entity": ...}`): 6 % of a
  retraining after one new example (py-spy, 2026-12-04).

install() makes both checks with validators built (and their schemas checked) once per schema:
data is checked as strictly as before and bad data raises the same error.

It also remembers which YAML files passed Rasa's schema check (pykwalify): a training checks again
only the files whose text changed. Checking every data file took 9 s of a retraining after one
new example (py-spy, 2026-12-06). `python -m bot.rasa_cli` installs all this before Rasa starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import rasa
import rasa.shared.utils.validation
from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL, DOCS_URL_TRAINING_DATA, PACKAGE_NAME
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


ROOT = Path(__file__).resolve().parents[1]
# The texts that passed, by hash. PGB_SCHEMA_CACHE: another folder, such as an empty one to
# time training from nothing (as PGB_CRF_CACHE, bot/crf_taggers.py).
PASSED = Path(os.environ.get("PGB_SCHEMA_CACHE") or ROOT / "build" / "schema-cache") / "passed.txt"
_check_yaml = rasa.shared.utils.validation.validate_yaml_schema


def _key(content: str, schema_path: str, package_name: str) -> str:
    text = "\0".join((rasa.__version__, package_name, schema_path, content))
    return hashlib.sha256(text.encode()).hexdigest()


def _passed() -> set[str]:
    try:
        return set(PASSED.read_text(encoding="utf-8").split())
    except OSError:
        return set()


def validate_yaml_schema(
    yaml_file_content: str, schema_path: str, package_name: str = PACKAGE_NAME
) -> None:
    """Rasa's check of a YAML text against its schema, skipped for a text that passed before
    (with the same schema and Rasa version). A text that fails is never remembered."""
    key = _key(yaml_file_content, schema_path, package_name)
    passed = _passed()
    if key in passed:
        return
    _check_yaml(yaml_file_content, schema_path, package_name)
    try:
        PASSED.parent.mkdir(parents=True, exist_ok=True)
        # Written whole and renamed, so a reader never sees half a list.
        with tempfile.NamedTemporaryFile("w", dir=PASSED.parent, delete=False) as out:
            out.write("\n".join(sorted(passed | {key})))
        os.replace(out.name, PASSED)
    except OSError:
        pass  # a read-only folder: the check simply runs again next time


def install() -> None:
    RemoteAction._validate_action_result = _CheckedOnce._validate_action_result
    rasa.shared.utils.validation.validate_training_data = validate_training_data
    rasa.shared.utils.validation.validate_yaml_schema = validate_yaml_schema
