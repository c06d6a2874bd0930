"""A single question answered from the knowledge base (the FAQ topic the NLU selected)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import intent_of
from actions.feelings import acknowledge
from actions.guided_form import FAQ_PREFIX


def selected_topic(tracker: Tracker) -> str | None:
    """The FAQ answer id ("what_is_pgb") of the latest message's intent (faq_what_is_pgb)."""
    intent = intent_of(tracker) or ""
    return intent.removeprefix(FAQ_PREFIX) if intent.startswith(FAQ_PREFIX) else None


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(dispatcher, tracker)
        topic = selected_topic(tracker)
        if topic is None or f"utter_faq_{topic}" not in domain.get("responses", {}):
            dispatcher.utter_message(response="utter_ask_rephrase_or_person")
            return []
        dispatcher.utter_message(response=f"utter_faq_{topic}")
        return [SlotSet("topic", f"faq_{topic}")]
