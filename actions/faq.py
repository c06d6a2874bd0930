"""A single question answered from the knowledge base (the FAQ topic the NLU selected)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.feelings import acknowledge


def selected_topic(tracker: Tracker) -> str | None:
    """The FAQ answer id ("what_is_pgb") the response selector chose for the latest message."""
    selected = tracker.latest_message.get("response_selector", {}).get("faq", {})
    key = (selected.get("response") or {}).get("intent_response_key") or ""
    return key.split("/", 1)[1] if key.startswith("faq/") else None


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(dispatcher, tracker)
        topic = selected_topic(tracker)
        if topic is None or f"utter_faq/{topic}" not in domain.get("responses", {}):
            dispatcher.utter_message(response="utter_ask_rephrase_or_person")
            return []
        dispatcher.utter_message(response=f"utter_faq/{topic}")
        return [SlotSet("topic", f"faq/{topic}")]
