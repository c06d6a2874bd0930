"""Moving around inside a guided check: back one question, or start again."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

# Every slot the guided checks fill; starting a check clears the answers of an earlier one.
CHECK_SLOTS = (
    "law",
    "assessor",
    "care_functions",
    "care_giver",
    "caregiver_lives_in",
    "mantelzorger_overloaded",
    "administrator",
    "representative_is_caregiver",
    "pgb_reasons",
    "benefits",
    "allowances",
    "toeslagpartner",
    "contract",
    "days_per_week",
    "spending_item",
    "spending_last_item",
    "spending_awaiting_law",
)
# Answered together with the question before them, so "back" skips over them.
DERIVED_SLOTS = frozenset({"assessor"})
# Values a check fills in itself for a question it did not need to ask.
SKIPPED = frozenset({"not_needed", "nvt"})


def reset_events() -> list[EventType]:
    """Clear every answer of an earlier check."""
    return [SlotSet(slot, None) for slot in CHECK_SLOTS] + [SlotSet("failed_attempts", 0)]


class ActionResetChecks(Action):
    def name(self) -> str:
        return "action_reset_checks"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return reset_events()


class ActionGoBack(Action):
    """Clear the answer to the previous question, so the form asks it again."""

    def name(self) -> str:
        return "action_go_back"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        form = tracker.active_loop.get("name")
        required = list(domain.get("forms", {}).get(form, {}).get("required_slots", []))
        requested = tracker.get_slot("requested_slot")
        if requested not in required:
            return []
        # Questions that were skipped as not needed are skipped on the way back too.
        earlier = [
            s
            for s in required[: required.index(requested)]
            if s not in DERIVED_SLOTS and str(tracker.get_slot(s)) not in SKIPPED
        ]
        if not earlier:
            dispatcher.utter_message(response="utter_nothing_to_go_back_to")
            return []
        previous = earlier[-1]
        # Clear everything from that question on: answers filled in because of it go with it.
        cleared = set(required[required.index(previous) : required.index(requested) + 1])
        return [SlotSet(slot, None) for slot in sorted(cleared)] + [SlotSet("failed_attempts", 0)]
