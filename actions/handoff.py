"""Ask the api to hand the conversation to a human mantelzorgmakelaar.

The bot never decides who takes over: it emits a custom payload that the api acts on
(see ARCHITECTURE.md, "Handoff is a state machine owned by the api").
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.benefits import (
    BUDGET_HOLDER_ANSWER,
    answer_named,
    is_budget_holders_question,
    named_before,
    named_in,
)
from actions.checks import CHECK_SLOTS
from actions.faq import answer_response
from actions.guided_form import FAQ_PREFIX
from bot.parses import BENEFIT_TOPIC
from bot.person import reason_for_a_person
from bot.whom_to_call import whom_to_call

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


RECLAIM = "report_reclaim"
# An FAQ topic this likely, among the first readings of a refusal, reclaim or dispute, is what
# the message asks besides ("de gemeente zegt dat de rest gebruikelijke zorg is, kan dat
# zomaar?"): it is answered before the person takes over.
ANSWER_FIRST_CONFIDENCE = 0.15
ANSWER_FIRST_RANK = 3


def likely_topic(tracker: Tracker) -> str | None:
    """The likeliest FAQ topic among the message's first readings, when likely enough."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    for reading in ranking[:ANSWER_FIRST_RANK]:
        name = str(reading.get("name") or "")
        if name.startswith(FAQ_PREFIX):
            confident = float(reading.get("confidence") or 0) >= ANSWER_FIRST_CONFIDENCE
            return name.removeprefix(FAQ_PREFIX) if confident else None
    return None


class ActionComplexCase(Action):
    """A refusal, a reclaim or a dispute: a person takes over (data/rules/handoff.yml), but the
    person hears first what the message already lets the bot say (issue 16, answer first): for a
    benefit or allowance it names, what pgb money means for that one, else the FAQ topic it
    likely asks about too; for a reclaim of an allowance, how to pay it back and prevent the
    next; then why a person helps, in the words of the situation when the domain has them
    (utter_complex_case_<kind>)."""

    def name(self) -> str:
        return "action_complex_case"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events: list[EventType] = []
        benefits, allowances = named_in(tracker)
        text = (tracker.latest_message.get("text") or "").lower()
        holder = bool(benefits or allowances) and is_budget_holders_question(text)
        if holder:
            dispatcher.utter_message(response=BUDGET_HOLDER_ANSWER)
            events.append(SlotSet("topic", BENEFIT_TOPIC))
        elif benefits or allowances:
            events += answer_named(dispatcher, tracker, benefits, allowances, offer=False)
        else:
            topic = likely_topic(tracker)
            answer = answer_response(tracker, topic, domain) if topic else None
            if answer in domain.get("responses", {}):
                dispatcher.utter_message(response=answer)
                events.append(SlotSet("topic", f"{FAQ_PREFIX}{topic}"))
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        if intent == RECLAIM and not holder and (allowances or named_before(tracker)[1]):
            # "kan ik dat in termijnen betalen?" after the reclaim of a zorgtoeslag, too.
            dispatcher.utter_message(response="utter_reclaim_allowance")
        own = f"utter_complex_case_{intent.removeprefix('report_')}"
        known = own in domain.get("responses", {})
        dispatcher.utter_message(response=own if known else "utter_complex_case")
        return events


def previous_answer(tracker: Tracker) -> str:
    """What the bot said between the person's previous message and the latest one."""
    said: list[str] = []
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                break
        elif event.get("event") == "bot" and users == 1:
            said.insert(0, event.get("text") or "")
    return " ".join(said)


class ActionWhomToCall(Action):
    """ "wie moet ik bellen" after an answer: the organisation it is about, and how to reach it
    (bot/whom_to_call.py). Says nothing when neither the message nor that answer names one."""

    def name(self) -> str:
        return "action_whom_to_call"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        response = whom_to_call(text, previous_answer(tracker))
        if response is not None and response in domain.get("responses", {}):
            dispatcher.utter_message(response=response)
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
