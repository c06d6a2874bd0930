"""Rasa's RulePolicy, reading each rule once and trying only the rules that can fit.

At every prediction RulePolicy finds the rules that fit the conversation, state by state from the
latest one back. Rasa tries all its rules (895 here), parses each from its JSON key again for
every rule and every state of the whole conversation, though a rule longer ago than its own
length fits by definition. Under 20 conversations at once (py-spy, 2026-12-05) that was a quarter
of Rasa's time, and it grows with the conversation. This subclass parses each rule once, tries
only the rules whose latest state names the latest message's intent or no intent, and looks back
only as far as the longest rule; which rules fit is the same (tests/bot/test_rule_policy.py
compares it with Rasa's).

Rasa's recipe validator recognises only its own class by identity: training warns "'RulePolicy'
is not included in the model's policy configuration" (it is, as this subclass), and skips its
check of the configured fallback action against the domain (RulePolicy.train runs it anyway).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache

from rasa.core.policies.rule_policy import RulePolicy as RasaRulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.core.domain import State
from rasa.shared.nlu.constants import INTENT


@cache
def rule_states(rule_key: str) -> list[State]:
    """A rule's states from its key (callers only read them)."""
    return list(json.loads(rule_key))


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class RulePolicy(RasaRulePolicy):
    """Rasa's RulePolicy; only how it reads its rules differs."""

    @staticmethod
    def _rule_key_to_state(rule_key: str) -> list[State]:
        return rule_states(rule_key)

    def _get_possible_keys(self, lookup: dict[str, str], states: list[State]) -> set[str]:
        if not lookup or not states:
            return super()._get_possible_keys(lookup, states)
        index = _index(tuple(lookup))
        latest = states[-1]
        if latest.get(PREVIOUS_ACTION):
            # A rule that names another intent for the latest message cannot fit (its latest state
            # is compared with the conversation's, which has a previous action).
            intent = latest.get(USER, {}).get(INTENT)
            keys = index.open | index.by_intent.get(str(intent), frozenset())
            lookup = {key: lookup[key] for key in keys}
        return super()._get_possible_keys(lookup, states[-index.longest :])


class _Index:
    """A lookup's rules by the intent their latest state names, and the longest rule's length."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        by_intent: dict[str, set[str]] = {}
        opened: set[str] = set()
        for key in keys:
            intent = rule_states(key)[-1].get(USER, {}).get(INTENT)
            if intent and intent != SHOULD_NOT_BE_SET:
                by_intent.setdefault(str(intent), set()).add(key)
            else:
                opened.add(key)
        self.open = frozenset(opened)
        self.by_intent = {intent: frozenset(found) for intent, found in by_intent.items()}
        self.longest = max(len(rule_states(key)) for key in keys)


# Keyed by the rules themselves, not the lookup dict: training adds rules to the same dict.
@lru_cache(maxsize=8)
def _index(keys: tuple[str, ...]) -> _Index:
    return _Index(keys)
