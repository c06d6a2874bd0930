"""Repair: choices when the bot is unsure, a person after two misses, FAQ topic buttons."""

from __future__ import annotations

from actions.clarify import ActionAnswerFaqTopic, ActionClarify, misses_in_a_row, topic_payload
from bot.pgb import get_answer
from tests.actions.conftest import entity, responses, tracker_after

RANKING = {
    "intent_ranking": [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "faq_pgb_portaal", "confidence": 0.4},
        {"name": "ask_spending", "confidence": 0.3},
        {"name": "greet", "confidence": 0.2},
    ],
}


async def test_unsure_offers_the_two_likeliest_and_something_else(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("nlu_fallback", "portaal pgb kopen", **RANKING)
    await ActionClarify().run(dispatcher, tracker, domain)

    [message] = dispatcher.messages
    assert message["response"] == "utter_clarify"
    assert [b["payload"] for b in message["buttons"]] == [
        topic_payload("pgb_portaal"),
        "/ask_spending",
        "/deny",
    ]
    assert message["buttons"][0]["title"] == get_answer("pgb_portaal").get("title")


async def test_the_second_miss_in_a_row_offers_a_person(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("nlu_fallback", "xyz", previous_intents=["nlu_fallback"], **RANKING)
    assert misses_in_a_row(tracker) == 2
    await ActionClarify().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ask_rephrase_or_person"]


def test_an_understood_message_breaks_the_row() -> None:
    tracker = tracker_after("nlu_fallback", previous_intents=["nlu_fallback", "greet"])
    assert misses_in_a_row(tracker) == 1


async def test_a_topic_button_answers_that_topic(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("choose_faq_topic", entities=[entity("faq_topic", "caregiver_ill")])
    await ActionAnswerFaqTopic().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq_caregiver_ill"]
    assert "utter_faq_caregiver_ill" in domain["responses"]


async def test_an_unknown_topic_is_not_guessed(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("choose_faq_topic", entities=[entity("faq_topic", "bitcoin")])
    await ActionAnswerFaqTopic().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ask_rephrase_or_person"]
