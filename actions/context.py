"""Context across turns: a follow-up that only adds a detail, and a plain yes to an offer.

A follow-up such as "en als ik wajong heb?" names one thing; it is read against what the person
can mean by it: a benefit or allowance gets the benefit answer, something to pay for gets the
spending verdict. A plain "ja" accepts the first offer in the bot's last message (its first
button), as if the person had pressed it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import entity_values, law_from, law_in_conversation
from actions.benefits import answer_named, named_in
from actions.checks import reset_events
from actions.faq import AMOUNT_LAWS, AMOUNTS_BY_TOPIC, say_amount
from actions.presenting import say_note
from actions.spending import answer_spending

# What a "ja" to an offer starts: the payload of the offer's first button -> what the bot says
# and the action it then runs.
ACCEPTED: dict[str, tuple[str, str]] = {
    "/request_human": ("utter_handoff_explain", "action_request_handoff"),
    "/start_benefit_form": ("utter_benefit_intro", "benefit_form"),
    "/start_suitability_form": ("utter_suitability_intro", "suitability_form"),
}


def last_offer(tracker: Tracker) -> str | None:
    """The first button payload of the bot's last reply with buttons, in its latest turn only
    (an offer made earlier in the conversation is not what "ja" answers)."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return None
        elif event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            if buttons:
                return str(buttons[0].get("payload") or "")
    return None


def _after_the_wmo_contribution(tracker: Tracker) -> bool:
    return (
        tracker.get_slot("topic") == "faq_eigen_bijdrage"
        and law_in_conversation(tracker) in AMOUNT_LAWS
    )


class ActionFollowUp(Action):
    def name(self) -> str:
        return "action_follow_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        benefits, allowances = named_in(tracker)
        if benefits == ["aow"] and not allowances and _after_the_wmo_contribution(tracker):
            # "en als ik zelf ook aow krijg?" after the Wmo contribution: the AOW age decides
            # that contribution; the AOW itself is not what is asked.
            say_note(dispatcher, tracker, "wmo_contribution_both_aow")
            say_amount(dispatcher, AMOUNTS_BY_TOPIC["eigen_bijdrage"], date.today())
            return []
        if benefits or allowances:
            return answer_named(dispatcher, tracker, benefits, allowances)
        if entity_values(tracker, "care_item") or entity_values(tracker, "care_function"):
            return answer_spending(dispatcher, tracker, domain, None)
        last_item = tracker.get_slot("spending_last_item")
        if law_from(tracker) and tracker.get_slot("topic") == "spending" and last_item:
            # "hij heeft een wmo pgb": the last spending question again, for that law.
            return answer_spending(dispatcher, tracker, domain, last_item)
        dispatcher.utter_message(response="utter_how_can_i_help")
        return []


class ActionAcceptOffer(Action):
    def name(self) -> str:
        return "action_accept_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        offer = last_offer(tracker) or ""
        accepted = ACCEPTED.get(offer)
        if accepted is None:
            dispatcher.utter_message(response="utter_how_can_i_help")
            return []
        response, action = accepted
        events: list[Any] = reset_events() if action == "suitability_form" else []
        dispatcher.utter_message(response=response)
        return [*events, FollowupAction(action)]
