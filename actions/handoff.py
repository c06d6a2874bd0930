"""Ask the api to hand the conversation to a human mantelzorgmakelaar.

The bot never decides who takes over: it emits a custom payload that the api acts on
(see ARCHITECTURE.md, "Handoff is a state machine owned by the api").
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# Why the bot hands off, derived from what the person last said. The api shows the reason
# to the advisor in the queue.
REASON_BY_INTENT = {
    "request_human": "user_request",
    "express_distress": "distress",
    "nlu_fallback": "not_understood",
    "report_refusal": "complex_case",
    "report_reclaim": "complex_case",
    "report_conflict": "complex_case",
}
DEFAULT_REASON = "user_request"


def handoff_payload(reason: str) -> dict[str, Any]:
    """The custom message the api recognises as a handoff request."""
    return {"handoff": {"reason": reason}}


class ActionRequestHandoff(Action):
    def name(self) -> str:
        return "action_request_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        reason = REASON_BY_INTENT.get(intent or "", DEFAULT_REASON)
        dispatcher.utter_message(json_message=handoff_payload(reason))
        return []
