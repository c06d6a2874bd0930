"""The correction loop: advisors' verdicts on messages, exported for training and the knowledge
base. NLU corrections become Rasa 3 training data, ready to merge into data/nlu/."""

from __future__ import annotations

import re
from collections import defaultdict

import yaml

from api.review.schemas import CorrectionOut

INTENT = re.compile(r"^[a-z][a-z0-9_]{0,60}(/[a-z0-9_]{1,60})?$")
NEW_INTENT = "new_intent_needed"  # where "new intent needed" examples are collected


class _Literal(str):
    """A block scalar (`|`) in YAML, as Rasa's own training files write examples."""


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, _literal)


def nlu_yaml(corrections: list[CorrectionOut]) -> str:
    """Corrected user messages grouped per intent, as a Rasa NLU file (version 3.1).

    Examples with "new intent needed" go under `new_intent_needed`, to be named by a person.
    The texts were redacted before storing, so no identifiers reach the training data.
    """
    examples: dict[str, list[str]] = defaultdict(list)
    for correction in corrections:
        if correction.kind not in ("intent", "new_intent") or not correction.text:
            continue
        intent = correction.intent if correction.kind == "intent" else NEW_INTENT
        line = " ".join(correction.text.split())
        if intent and line not in examples[intent]:
            examples[intent].append(line)
    blocks = [
        {"intent": intent, "examples": _Literal("".join(f"- {e}\n" for e in lines))}
        for intent, lines in sorted(examples.items())
    ]
    body = yaml.dump(
        {"version": "3.1", "nlu": blocks}, Dumper=_Dumper, allow_unicode=True, sort_keys=False
    )
    return "# Corrections from the advisor console. Review, then merge into data/nlu/.\n" + body


def incorrect_advice(corrections: list[CorrectionOut]) -> list[dict[str, object]]:
    """Bot answers that advisors marked as incorrect advice, for the knowledge base."""
    return [
        {
            "conversation_id": c.conversation_id,
            "message_id": c.message_id,
            "answer": c.text,
            "note": c.note,
            "reported_by": c.advisor,
            "reported_at": c.created_at.isoformat(),
        }
        for c in corrections
        if c.kind == "incorrect_advice"
    ]
