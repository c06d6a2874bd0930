"""Repair: offer what the person probably meant, and a person after two misses in a row."""

from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import entity_values
from actions.feelings import acknowledge
from actions.guided_form import FAQ_PREFIX
from bot.pgb import get_answer
from bot.pgb.knowledge import answer_ids

FALLBACK = "nlu_fallback"
MAX_CHOICES = 2
MIN_CONFIDENCE = 0.1


def topic_payload(answer_id: str) -> str:
    """A button payload that answers one FAQ topic without asking the NLU to guess it."""
    return "/choose_faq_topic" + json.dumps({"faq_topic": answer_id})


def misses_in_a_row(tracker: Tracker) -> int:
    """How many of the person's last messages in a row the bot did not understand."""
    misses = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if (event.get("parse_data", {}).get("intent") or {}).get("name") != FALLBACK:
            break
        misses += 1
    return misses


def _response_text(domain: DomainDict, name: str) -> str | None:
    variants = domain.get("responses", {}).get(name) or []
    return variants[0].get("text") if variants else None


def choices(tracker: Tracker, domain: DomainDict) -> list[dict[str, str]]:
    """Buttons for the likeliest intents (and FAQ topics) the bot could answer."""
    message = tracker.latest_message
    buttons: list[dict[str, str]] = []
    for ranked in message.get("intent_ranking") or []:
        name, confidence = ranked.get("name") or "", ranked.get("confidence") or 0
        if name == FALLBACK or confidence < MIN_CONFIDENCE:
            continue
        if name.startswith(FAQ_PREFIX):
            topic = name.removeprefix(FAQ_PREFIX)
            if topic in answer_ids():
                buttons.append(
                    {"title": str(get_answer(topic).get("title")), "payload": topic_payload(topic)}
                )
        else:
            title = _response_text(domain, f"utter_title_{name}")
            if title:
                buttons.append({"title": title, "payload": f"/{name}"})
        if len(buttons) == MAX_CHOICES:
            break
    return buttons


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(dispatcher, tracker)
        buttons = choices(tracker, domain)
        if misses_in_a_row(tracker) >= 2 or not buttons:
            dispatcher.utter_message(response="utter_ask_rephrase_or_person")
            return []
        something_else = _response_text(domain, "utter_clarify_none") or ""
        buttons.append({"title": something_else, "payload": "/deny"})
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        return []


class ActionAnswerFaqTopic(Action):
    """Answer the FAQ topic a button names, without asking the NLU to guess it again."""

    def name(self) -> str:
        return "action_answer_faq_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        topics = [t for t in entity_values(tracker, "faq_topic") if t in answer_ids()]
        if topics:
            dispatcher.utter_message(response=f"utter_faq_{topics[0]}")
        else:
            dispatcher.utter_message(response="utter_ask_rephrase_or_person")
        return []
