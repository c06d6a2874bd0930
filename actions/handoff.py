"""Ask the api to hand the conversation to a human mantelzorgmakelaar.

The bot never decides who takes over: it emits a custom payload that the api acts on
(see ARCHITECTURE.md, "Handoff is a state machine owned by the api").
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.checks import CHECK_SLOTS
from bot.person import reason_for_a_person

# Why the bot hands off, derived from what the person last said: its intent, else the situation
# of bot/person.yml that the message is. The api shows the reason to the advisor in the queue.
REASON_BY_INTENT = {
    "request_human": "user_request",
    "express_distress": "distress",
    "report_danger": "danger",
    "nlu_fallback": "not_understood",
    "report_refusal": "complex_case",
    "report_reclaim": "complex_case",
    "report_conflict": "complex_case",
}
DEFAULT_REASON = "user_request"


# The answers of the guided checks, so the advisor does not have to ask them again.
SUMMARY_SLOTS = tuple(slot for slot in CHECK_SLOTS if slot != "spending_awaiting_law")


def handoff_payload(reason: str, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """The custom message the api recognises as a handoff request."""
    handoff: dict[str, Any] = {"reason": reason}
    if answers:
        handoff["answers"] = answers
    return {"handoff": handoff}


class ActionRequestHandoff(Action):
    def name(self) -> str:
        return "action_request_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        latest = tracker.latest_message
        intent = (latest.get("intent") or {}).get("name")
        situation = reason_for_a_person(
            latest.get("text") or "",
            intent,
            latest.get("entities") or [],
            tracker.get_slot,
        )
        reason = REASON_BY_INTENT.get(intent or "") or situation or DEFAULT_REASON
        answers = {s: tracker.get_slot(s) for s in SUMMARY_SLOTS if tracker.get_slot(s)}
        dispatcher.utter_message(json_message=handoff_payload(reason, answers))
        return []


# "Is there someone who speaks English I can talk to?": an English message that asks for a
# person gets one at once; otherwise the offer of one.
ASKS_FOR_A_PERSON = re.compile(
    r"\b(someone|somebody|anyone|a person|a human|talk to|speak to|speak with|talk with|"
    r"call me|advisor|adviser)\b",
    re.IGNORECASE,
)


class ActionAnswerEnglish(Action):
    def name(self) -> str:
        return "action_answer_english"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if ASKS_FOR_A_PERSON.search(text):
            dispatcher.utter_message(response="utter_english_person")
            return [FollowupAction("action_request_handoff")]
        dispatcher.utter_message(response="utter_english")
        return []
