"""'Mag ik ... betalen met mijn pgb?': the verdict of bot.pgb.spending_verdict, and when it
depends on the law, the one question that decides it."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import intent_of, law_from, law_of, raw_entity_text
from actions.feelings import acknowledge
from actions.guided_form import is_control
from actions.presenting import BULLET, say_law_note, say_note, source_values
from actions.settings import local_areas
from bot.parses import LAW_FOLLOW_UP, PAID_ALREADY
from bot.pgb import Verdict, spending_verdict
from bot.pgb.spending import asked_about, match_item
from bot.questions import is_question, parts, questions

MAX_ITEM_WORDS = 6
# Records about the care around something (an outing, shopping): the whole question decides.
ABOUT_THE_CARE = frozenset({"spend_care_hours_during_activity"})
FAMILY_CAREGIVER = "spend_family_caregiver"
# bot/knowledge/texts.yaml
SPENDING_RULES = "spending_rules"
# Words before tagged words that make them who the item is for: "een cadeaubon aan mijn
# huishoudelijke hulp", "een kerstpakket voor onze hulp". bot.pgb.spending cuts the item text at
# these and "van"; here "van" names whose pgb it is ("uit het pgb van mijn moeder").
_TO_WHOM = r"\b(?:aan|voor)\s+(?:(?:de|het|een|mijn|m'n|onze|ons|zijn|haar|uw|je|jouw)\s+)?"


def _is_recipient(typed: str, text: str) -> bool:
    """Whether the tagged words follow "aan" or "voor" in the message: who, not what."""
    return re.search(_TO_WHOM + re.escape(typed.lower()), text.lower()) is not None


def _item(tracker: Tracker) -> str | None:
    """What the person asks to pay for: the tagged words ("taxi naar de dagbesteding"), or the
    whole message when bot.pgb recognises that and not the tagged words; after a spending
    answer, a follow-up that only adds a law, or says it was paid already, asks the last question
    again."""
    last = tracker.get_slot("spending_last_item")
    if last and tracker.latest_message.get("understood_by") in (LAW_FOLLOW_UP, PAID_ALREADY):
        # "en bij mijn moeder dan? die heeft een wlz pgb" (bot/pay_context.py): not about
        # paying the mother, but the last question for the Wlz.
        return str(last)
    typed = raw_entity_text(tracker, "care_item", "care_function")
    typed_item = match_item(typed) if typed else None
    text = (tracker.latest_message.get("text") or "").strip()
    # With tagged words, only the question parts of a story count as the whole question:
    # "mijn vader heeft begeleiding. kan ik een alarmknop betalen?" is not about paying him.
    asked = " ".join(questions(text)) if typed else text
    whole = match_item(asked)
    if typed and typed_item is None and whole is None:
        # "... gaat naar dagbesteding. mag ik een taxi betalen?": the story completes the item,
        # unless the question itself names one ("mag ik het lidmaatschap van per saldo ...").
        wider = raw_entity_text(tracker, "care_item", "care_function", in_question=False)
        wider_item = match_item(wider) if wider else None
        if wider_item is not None:
            typed, typed_item = wider, wider_item
    if not text or text.startswith("/"):
        return typed or None
    if whole is None and asked != text:
        # A record the story names completes the question ("ik wil lid worden van Per Saldo,
        # kan de contributie van mijn pgb"); a relative in the story does not make it a
        # question about paying family.
        story = match_item(text)
        if story is not None and story.id != FAMILY_CAREGIVER:
            asked, whole = text, story
    if typed and asked_about(text) is not None:
        # "kan ik betaald worden voor het wassen": who may be paid, not the washing.
        return text
    if typed and whole is not None and (typed_item is None or whole.id in ABOUT_THE_CARE):
        # "zorg tijdens een weekendje weg": the question is about the care, not the trip.
        return asked
    other = whole is not None and typed_item is not None and whole.id != typed_item.id
    if typed and other and _is_recipient(typed, asked):
        # "een cadeaubon aan mijn huishoudelijke hulp": the gift is asked about, not the help.
        return asked
    if typed:
        return typed
    # "mag ik zelf betaald worden uit het pgb van mijn moeder": no tagged words, but the
    # question itself names what it is about.
    if whole is not None:
        return _pointed_to(text) or text
    if tracker.get_slot("requested_slot") == "spending_item":
        return text
    return None


def _pointed_to(text: str) -> str | None:
    """A question that points back ("mag dat van het pgb?") with the sentence before it, when
    that names something to pay for: "ik ben budgethouder voor mijn zoon. met kerst wil ik zijn
    begeleiders bloemen geven. mag dat van het pgb?" asks about the flowers, not about paying
    the son."""
    pieces = parts(text)
    for before, piece in zip(pieces, pieces[1:], strict=False):
        if is_question(piece) and match_item(piece) is None:
            joined = f"{before} {piece}"
            if match_item(joined) is not None:
                return joined
    return None


def _shown(item: str, domain: DomainDict) -> str:
    """The item as the answer names it: a whole question is shown as "Uw vraag"."""
    if len(item.split()) <= MAX_ITEM_WORDS:
        return item
    variants = domain.get("responses", {}).get("utter_spending_your_question") or [{}]
    return str(variants[0].get("text") or item)


class ValidateSpendingForm(Action):
    """The spending form has one slot: what the person wants to pay for."""

    def name(self) -> str:
        return "validate_spending_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if is_control(intent_of(tracker)):
            return []
        item = _item(tracker)
        return [SlotSet("spending_item", item)] if item else []


def ask_for_item(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Ask what the person wants to pay for. The first time a spending question names nothing
    to buy ("wat mag ik allemaal van het pgb betalen", "wat als ik het al gedaan heb"), the
    general rules come first: an answer before a question (issue 16), once per conversation."""
    if tracker.get_slot("requested_slot") != "spending_item":
        say_note(dispatcher, tracker, SPENDING_RULES)
    dispatcher.utter_message(response="utter_ask_spending_item")


class ActionAskSpendingItem(Action):
    """How the spending form asks for its slot (Rasa calls action_ask_<slot> before
    utter_ask_<slot>); the form has not set requested_slot yet when it first asks."""

    def name(self) -> str:
        return "action_ask_spending_item"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        ask_for_item(dispatcher, tracker)
        return []


class ActionAnswerSpending(Action):
    def name(self) -> str:
        return "action_answer_spending"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        item = tracker.get_slot("spending_item")
        events = answer_spending(dispatcher, tracker, domain, item)
        asked = match_item(item or _item(tracker) or "")
        if asked is not None and asked.id == FAMILY_CAREGIVER:
            # "ik heb iva, mag ik betaald worden uit haar pgb?": what it means for that benefit
            # too. Imported here: actions.benefits uses this module for the reverse case.
            from actions.benefits import answer_named, named_in

            law = law_from(tracker) or tracker.get_slot("law")
            if law:
                say_law_note(dispatcher, tracker, "informal_care_pay", law)
            benefits, allowances = named_in(tracker)
            if benefits or allowances:
                events += answer_named(dispatcher, tracker, benefits, allowances)
        return events


def answer_spending(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, item: str | None
) -> list[EventType]:
    """The verdict on what the person asks to pay for (the item, or what the message names)."""
    item = item or _item(tracker)
    if not item:
        ask_for_item(dispatcher, tracker)
        return [SlotSet("spending_awaiting_law", False)]
    law_value = law_from(tracker) or tracker.get_slot("law")
    law = law_of(law_value)
    paid_already = tracker.latest_message.get("understood_by") == PAID_ALREADY
    verdict = spending_verdict(item, law, local_areas=local_areas(), paid_already=paid_already)
    events: list[dict[str, Any]] = [SlotSet("law", law.value if law else law_value)]

    acknowledge(dispatcher, tracker)
    dispatcher.utter_message(
        response=f"utter_spending_{verdict.verdict.value}",
        item=_shown(item, domain),
        reason=verdict.reason,
        # The record the verdict comes from, for the api's "did this help?" (bot/channel.py).
        knowledge=[verdict.item_id] if verdict.item_id else [],
    )
    if verdict.conditions:
        points = "\n".join(BULLET + c for c in verdict.conditions)
        dispatcher.utter_message(response="utter_spending_conditions", points=points)
    if verdict.sources:
        dispatcher.utter_message(response="utter_advice_sources", **source_values(verdict.sources))
    if verdict.depends_on_law:
        dispatcher.utter_message(response="utter_ask_spending_law", question=verdict.question)
        return [*events, SlotSet("spending_awaiting_law", True)]
    if verdict.verdict is not Verdict.ALLOWED and verdict.question:
        dispatcher.utter_message(response="utter_spending_question", question=verdict.question)
    return [
        *events,
        SlotSet("spending_awaiting_law", False),
        SlotSet("spending_item", None),
        SlotSet("spending_last_item", item),
        SlotSet("topic", "spending"),
    ]
