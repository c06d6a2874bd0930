"""The rule policy that reads each rule once (bot/components/rule_policy.py) finds the same rules
as Rasa's, along a conversation with forms, a reverted message and a new session."""

from __future__ import annotations

import json
from pathlib import Path

from rasa.core.policies.rule_policy import RulePolicy as RasaRulePolicy
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.components.rule_policy import RulePolicy
from tests.bot.check_conversation import check_events

ROOT = Path(__file__).resolve().parents[2]


def create(cls: type, tmp_path: Path) -> RasaRulePolicy:
    return cls.create(
        {**cls.get_default_config()},
        LocalModelStorage(tmp_path),
        Resource(cls.__name__),
        ExecutionContext(node_name=cls.__name__, graph_schema=None),  # type: ignore[arg-type]
    )


def test_the_same_rules_fit_at_every_turn(tmp_path: Path) -> None:
    domain = Domain.load(str(ROOT / "bot" / "domain"))
    tracker = DialogueStateTracker.from_events("a", check_events(), domain.slots)
    states = tracker.past_states(domain)
    # Rules of one to four states, cut from the conversation itself, so that many fit somewhere;
    # and a rule that starts a conversation.
    lookup = {
        json.dumps(states[start : start + length]): "utter_x"
        for length in range(1, 5)
        for start in range(len(states) - length + 1)
    }
    lookup[json.dumps([{}, *states[2:4]])] = "utter_start"
    # The same rules with their oldest state one that never happened: they must not fit, which
    # only looking back their whole length shows.
    never = {"prev_action": {"action_name": "utter_never"}}
    for length in range(2, 5):
        for start in range(len(states) - length + 1):
            lookup[json.dumps([never, *states[start + 1 : start + length]])] = "utter_y"
    # Rules that name no intent (the previous actions alone).
    for length in range(1, 4):
        for start in range(len(states) - length + 1):
            window = [{k: v for k, v in state.items() if k != "user"} for state in states]
            lookup[json.dumps(window[start : start + length])] = "utter_z"
    ours, rasas = create(RulePolicy, tmp_path / "ours"), create(RasaRulePolicy, tmp_path / "rasa")
    fitted = 0
    for end in range(1, len(states) + 1):
        found = ours._get_possible_keys(lookup, states[:end])
        assert found == rasas._get_possible_keys(lookup, states[:end]), end
        fitted += len(found)
    assert fitted > len(states)  # rules fit, and more than one at some turns
