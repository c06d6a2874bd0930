"""A conversation as a Rasa test story (the format of tests/stories/): the intents an advisor
corrected, not the ones the bot guessed, and the actions the bot took after each message.

Only the turns the bot read are in it (messages to an advisor never reached Rasa). The person's
words are not: a test story names intents, and the stories go into the repository. Entities come
from button payloads ('/inform{"law": "wlz"}'); the api stores no entities or slots per turn, so
a conversation with a guided check may need its `slot_was_set` steps added by hand (see
tests/stories/README.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.errors import Conflict
from api.models import Correction, Message, Sender

# '/intent' or '/intent{"entity": "value"}', as the bot's buttons send them.
_PAYLOAD = re.compile(r"^/(?P<intent>[\w/]+)(?P<entities>\{.*\})?$", re.DOTALL)
FORM_SUFFIX = "_form"


@dataclass(frozen=True)
class StoryTurn:
    intent: str
    actions: list[str]
    entities: list[tuple[str, str]] = field(default_factory=list)
    guessed: str | None = None  # the bot's intent, when an advisor corrected it


def payload_entities(text: str | None) -> list[tuple[str, str]]:
    match = _PAYLOAD.match((text or "").strip())
    if not match or not match.group("entities"):
        return []
    try:
        given = json.loads(match.group("entities"))
    except ValueError:
        return []
    if not isinstance(given, dict):
        return []
    return [(str(k), str(v)) for k, v in given.items() if isinstance(v, (str, int, float))]


def turns_of(session: Session, conversation_id: str) -> list[StoryTurn]:
    """The person's messages the bot read, with the latest correction of each."""
    messages = session.scalars(
        select(Message)
        .where(
            Message.conversation_id == conversation_id,
            Message.sender == Sender.USER,
            Message.intent.is_not(None),
        )
        .order_by(Message.id)
    ).all()
    latest: dict[int, Correction] = {}
    corrections = session.scalars(
        select(Correction)
        .where(Correction.message_id.in_([m.id for m in messages]))
        .order_by(Correction.id)
    )
    for correction in corrections:
        if correction.kind in ("intent", "new_intent"):
            latest[correction.message_id] = correction
    turns = []
    for message in messages:
        verdict = latest.get(message.id)
        if verdict is not None and verdict.kind == "new_intent":
            raise Conflict("story_new_intent")
        intent = verdict.intent if verdict is not None else message.intent
        assert intent is not None
        turns.append(
            StoryTurn(
                intent=intent,
                actions=list(message.actions or []),
                entities=payload_entities(message.text),
                guessed=message.intent if intent != message.intent else None,
            )
        )
    return turns


def _steps(turn: StoryTurn) -> list[str]:
    comment = f"  # the bot guessed {turn.guessed}" if turn.guessed else ""
    lines = [f"      - intent: {turn.intent}{comment}"]
    if turn.entities:
        lines.append("        entities:")
        lines += [f"          - {name}: {json.dumps(value)}" for name, value in turn.entities]
    for n, action in enumerate(turn.actions):
        lines.append(f"      - action: {action}")
        if action.endswith(FORM_SUFFIX):
            # A form that another action follows in the same turn has finished.
            finished = n + 1 < len(turn.actions)
            lines.append(f"      - active_loop: {'null' if finished else action}")
    return lines


def story_yaml(conversation_id: str, turns: list[StoryTurn], exported_by: str, on: date) -> str:
    """The test story file; refused (409) when no turn reached the bot."""
    if not turns:
        raise Conflict("story_empty")
    corrected = sum(1 for t in turns if t.guessed)
    lines = [
        'version: "3.1"',
        "",
        f"# Conversation {conversation_id}, exported on {on.isoformat()} by {exported_by}.",
        f"# Intents as advisors corrected them ({corrected} corrected); review, then add the",
        "# story to tests/stories/.",
        "stories:",
        f"  - story: conversation {conversation_id[:12]}",
        "    steps:",
    ]
    for turn in turns:
        lines += _steps(turn)
    return "\n".join(lines) + "\n"
