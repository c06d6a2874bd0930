"""What a parse is made of, for the readings of bot/understanding.py and bot/pay_context.py:
the pipeline's fallback settings, the intents that say nothing about a question, and a few
helpers on intent rankings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.trackers import DialogueStateTracker

# The FallbackClassifier's settings in bot/config.yml (a test checks they agree).
THRESHOLD = 0.25
AMBIGUITY = 0.05
FALLBACK = "nlu_fallback"
DISTRESS = "express_distress"
# Set by the safety net for an emergency or abuse (bot/components/safety.yml); never reread.
DANGER = "report_danger"
SAFETY = frozenset({DISTRESS, DANGER})
FAQ = "faq_"
# A reading the pipeline is this sure of is not second-guessed.
SURE = 0.85
# Intents that are never a question ("ben jij een mens?" is bot_challenge, a question).
SMALL_TALK = frozenset({"thank", "goodbye", "greet", "affirm", "deny", "say_dont_know"})
# Intents that say nothing about what a follow-up asks.
UNCLEAR = SMALL_TALK | {FALLBACK, "out_of_scope", "inform", "chitchat"}
# Steering a guided check ("stop maar"): not what "en als ze maar 2 dagen werkt" means.
STEERING = frozenset({"stop_flow", "go_back", "restart_flow"})
REQUEST_HUMAN = "request_human"
# Intents that are not a question about a topic: small talk, steering, safety, a person.
NOT_A_TOPIC = UNCLEAR | STEERING | SAFETY | {REQUEST_HUMAN}
BENEFIT_QUESTION = "start_benefit_check"
# The `topic` slot after an answer about benefits or allowances (actions/benefits.py).
BENEFIT_TOPIC = "benefits"
SPENDING = "ask_spending"
BENEFIT_ENTITIES = frozenset({"benefit", "allowance"})
MAX_FOLLOW_UP_WORDS = 25
FOLLOW_UP_OPENERS = ("en ", "maar ", "ook ", "dus ", "en?", "stel ")
# The parse's `understood_by` for a follow-up that only adds a law to the last spending question
# (bot/pay_context.py); the action server reads it (actions/spending.py). No Rasa imports here.
LAW_FOLLOW_UP = "law_follow_up"
# ... and for "wat als ik het al gedaan heb" after it: the last question, with what paying anyway
# can cost.
PAID_ALREADY = "paid_already"
# ... and for news of a rule changing after an FAQ answer ("ik hoorde dat het volgend jaar anders
# wordt"): what is known of a change to that answer's rule (bot/follow_ups.py, actions/faq.py).
HEARD_OF_A_CHANGE = "heard_of_a_change"
# A caregiver on an overeenkomst van opdracht: the SVB's agreement with a partner or relative
# ("familie-overeenkomst", "familiemodel") is one, and so is a freelancer's. Answers that differ
# for them (sick pay, holidays) have a response of their own (text_opdracht in answers.yaml,
# actions/faq.py), and a follow-up that names such an agreement right after one of those
# answers asks the same question for it (bot/pay_context.py).
OPDRACHT = re.compile(
    r"\b(familie[ -]?(zorg)?overeenkomst|familie[ -]?contract|familiemodel"
    r"|(zorg)?overeenkomst (met|voor) (een |mijn |de )?(familie|familielid|partner)"
    r"|(overeenkomst|contract) van opdracht|zzp(-?ers?|'ers?)?)\b"
)
AGREEMENT_TOPICS = frozenset({"faq_caregiver_ill", "faq_caregiver_holiday"})
FAQ_ANSWER = "action_answer_faq"


class Parser(Protocol):
    """The trained pipeline (Rasa's MessageProcessor), or a stand-in for it in tests."""

    async def parse_message(
        self, message: UserMessage, tracker: DialogueStateTracker | None = None
    ) -> dict[str, Any]: ...


def is_clear(ranking: list[dict[str, Any]]) -> bool:
    if not ranking or ranking[0]["name"] == FALLBACK:
        return False
    top = ranking[0]["confidence"]
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    return top >= THRESHOLD and top - second >= AMBIGUITY


def ranking_of(parse: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in parse.get("intent_ranking") or [] if r.get("name") != FALLBACK]


def averaged(*parses: dict[str, Any]) -> list[dict[str, Any]]:
    """The intents of several parses, by their mean confidence (absent counts as 0)."""
    total: dict[str, float] = {}
    for parse in parses:
        for r in ranking_of(parse):
            total[r["name"]] = total.get(r["name"], 0.0) + float(r["confidence"])
    ranked = sorted(total.items(), key=lambda item: -item[1])
    return [{"name": name, "confidence": value / len(parses)} for name, value in ranked]


def taken_as(parse: dict[str, Any], intent: str, how: str) -> dict[str, Any]:
    """The parse read as `intent` for sure, the rest of its ranking after it."""
    rest = [r for r in ranking_of(parse) if r["name"] != intent]
    return with_intent(parse, [{"name": intent, "confidence": 1.0}, *rest], how)


def next_reading(
    parse: dict[str, Any], excluded: frozenset[str], how: str, share: bool = False
) -> dict[str, Any]:
    """The parse read as the likeliest intent outside `excluded`, or as unclear (FALLBACK first)
    when that reading is not clear. With `share`, the rest of the ranking is scaled to sum to one
    first, so a reading that was second to an excluded one can still be clear."""
    rest = [r for r in ranking_of(parse) if r["name"] not in excluded]
    if share:
        total = sum(float(r["confidence"]) for r in rest) or 1.0
        rest = [{**r, "confidence": float(r["confidence"]) / total} for r in rest]
    if not is_clear(rest):
        rest = [{"name": FALLBACK, "confidence": 1.0}, *rest]
    return with_intent(parse, rest, how)


def with_intent(parse: dict[str, Any], ranking: list[dict[str, Any]], how: str) -> dict[str, Any]:
    """The parse with a new intent ranking; `how` says which reading was taken (for review)."""
    return {**parse, "intent": dict(ranking[0]), "intent_ranking": ranking, "understood_by": how}


def said_since_last_message(tracker: Any, response: str) -> bool:
    """Whether the bot said the response `response` since the person's latest message, as an
    action of its own or from inside another action (a Rasa tracker)."""
    for event in reversed(tracker.events):
        if event.type_name == "user":
            return False
        if event.type_name == "bot" and (event.metadata or {}).get("utter_action") == response:
            return True
    return False


def ran_since_last_message(tracker: Any, action: str) -> bool:
    """Whether the bot ran `action` since the person's latest message (a Rasa tracker)."""
    for event in reversed(tracker.events):
        if event.type_name == "user":
            return False
        if getattr(event, "action_name", None) == action:
            return True
    return False
