"""Shared behaviour of the guided checks (the forms): slot extraction and repair.

- Control intents (stop, back, start again, a person, distress, a side question) are left to the
  rules in data/rules/checks.yml: the form rejects the turn and a rule takes over.
- An answer the form cannot use counts as a failed attempt; after two in a row the bot explains
  the question and asks whether to go on (pattern from RasaHQ/financial-demo).
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.answers import intent_of

CONTROL_INTENTS = frozenset(
    {
        "stop_flow",
        "restart_flow",
        "go_back",
        "request_human",
        "express_distress",
        "report_danger",
        "report_refusal",
        "report_reclaim",
        "report_conflict",
        "speak_english",
        "choose_faq_topic",
    }
)
FAQ_PREFIX = "faq_"  # every FAQ topic is an intent faq_<answer id>, a side question in a check


def is_control(intent: str | None) -> bool:
    """Whether a rule, not the form, handles this intent (a side question is one too)."""
    return bool(intent) and (intent in CONTROL_INTENTS or intent.startswith(FAQ_PREFIX))  # type: ignore[union-attr]


# "Ja, doorgaan" after an explanation is not an answer, but not a failure either.
NEUTRAL_INTENTS = frozenset({"affirm", "deny"})
MAX_FAILED_ATTEMPTS = 2

Extractor = Callable[[Tracker], Any]


class GuidedFormValidation(FormValidationAction):
    """Subclasses map each slot to a function that reads its value from the latest message."""

    extractors: dict[str, Extractor] = {}
    # Slots whose answer is yes or no, so affirm and deny are answers there.
    yes_no_slots: frozenset[str] = frozenset()

    @abc.abstractmethod
    def name(self) -> str:
        """The validation action's name: validate_<form name>."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = intent_of(tracker)
        if is_control(intent):
            return []
        requested = tracker.get_slot("requested_slot")
        events = [SlotSet(slot, value) for slot, value in self.extract(tracker, requested).items()]
        if requested is None:
            return events
        if any(e["name"] == requested and e["value"] is not None for e in events):
            return [*events, SlotSet("failed_attempts", 0)]
        if intent in NEUTRAL_INTENTS and requested not in self.yes_no_slots:
            return [*events, SlotSet("failed_attempts", 0)]
        failures = int(tracker.get_slot("failed_attempts") or 0) + 1
        if failures >= MAX_FAILED_ATTEMPTS:
            dispatcher.utter_message(response=f"utter_explain_{requested}")
            dispatcher.utter_message(response="utter_continue_or_stop")
            failures = 0
        return [*events, SlotSet("failed_attempts", failures)]

    def extract(self, tracker: Tracker, requested: str | None) -> dict[str, Any]:
        """Values for every slot the latest message answers.

        The requested slot takes whatever the message gives; other empty slots are filled
        when the person volunteers them ("via het zorgkantoor, voor mijn moeder"), and a
        filled slot changes when the person corrects it.
        """
        found = {}
        for slot, extractor in self.extractors.items():
            value = extractor(tracker)
            if value is not None and (slot == requested or value != tracker.get_slot(slot)):
                found[slot] = value
        return found
