"""action_request_handoff emits the payload the api turns into a handoff request."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.benefits import BUDGET_HOLDER_ANSWER
from actions.handoff import (
    ActionAnswerEnglish,
    ActionComplexCase,
    ActionRequestHandoff,
    ActionWhomToCall,
)
from tests.actions.conftest import entity, responses, slots_set, tracker_after


@pytest.mark.parametrize(
    ("intent", "reason"),
    [
        ("request_human", "user_request"),
        ("express_distress", "distress"),
        ("nlu_fallback", "not_understood"),
        ("report_refusal", "complex_case"),
        ("report_reclaim", "complex_case"),
        ("report_conflict", "complex_case"),
        ("deny", "user_request"),
        (None, "user_request"),
    ],
)
async def test_handoff_payload_names_the_reason(
    dispatcher: CollectingDispatcher, intent: str | None, reason: str
) -> None:
    events = await ActionRequestHandoff().run(dispatcher, tracker_after(intent), domain={})

    assert events == []
    assert dispatcher.messages == [
        {
            "text": None,
            "buttons": [],
            "elements": [],
            "custom": {"handoff": {"reason": reason}},
            "template": None,
            "response": None,
            "image": None,
            "attachment": None,
        }
    ]


async def test_english_asking_for_someone_is_handed_off(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "Is there someone who speaks English I can talk to about my father's care budget?"
    events = await ActionAnswerEnglish().run(
        dispatcher, tracker_after("speak_english", text), domain
    )
    assert responses(dispatcher) == ["utter_english_person"]
    assert events == [FollowupAction("action_request_handoff")]


async def test_english_without_asking_for_someone_gets_the_offer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "What is a pgb and can I get paid for helping my mother?"
    events = await ActionAnswerEnglish().run(
        dispatcher, tracker_after("speak_english", text), domain
    )
    assert responses(dispatcher) == ["utter_english"]
    assert events == []


@pytest.mark.parametrize(
    ("intent", "said"),
    [
        ("report_reclaim", "utter_complex_case_reclaim"),
        ("report_conflict", "utter_complex_case_conflict"),
        # No words of its own: the general sentence.
        ("report_refusal", "utter_complex_case"),
    ],
)
async def test_a_complex_case_says_why_a_person_helps_in_its_own_words(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], intent: str, said: str
) -> None:
    events = await ActionComplexCase().run(
        dispatcher, tracker_after(intent, "ik moet het terugbetalen"), domain
    )

    assert responses(dispatcher) == [said]
    assert events == []


async def test_a_complex_case_naming_an_allowance_answers_for_it_first(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "ik moet 1800 euro zorgtoeslag terugbetalen omdat ik door het pgb meer verdiende"
    tracker = tracker_after("report_reclaim", text, entities=[entity("allowance", "zorgtoeslag")])

    events = await ActionComplexCase().run(dispatcher, tracker, domain)

    said = responses(dispatcher)
    assert said[0] == "utter_benefit_named_intro"
    assert said[-2:] == ["utter_reclaim_allowance", "utter_complex_case_reclaim"]
    # A person takes over next (the rule): no offer of the benefit check in between.
    assert "utter_offer_benefit_check" not in said
    assert slots_set(events)["allowances"] == ["zorgtoeslag"]


async def test_a_budget_holder_afraid_to_pay_back_hears_the_pgb_is_not_their_income(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "ik heb zelf een pgb. telt dat voor mijn huurtoeslag? "
        "ik ben bang dat ik alles terug moet betalen"
    )
    tracker = tracker_after("report_reclaim", text, entities=[entity("allowance", "huurtoeslag")])

    await ActionComplexCase().run(dispatcher, tracker, domain)

    assert responses(dispatcher) == [BUDGET_HOLDER_ANSWER, "utter_complex_case_reclaim"]


async def test_whom_to_call_names_the_organisation_of_the_previous_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = tracker_after("request_human", "wie moet ik bellen")
    tracker.events[-1:-1] = [
        {"event": "user", "text": "moet mijn moeder een eigen bijdrage betalen"},
        {"event": "bot", "text": "Met een Wmo-pgb betaalt uw huishouden het CAK een vast bedrag."},
    ]

    assert await ActionWhomToCall().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_call_cak"]


async def test_whom_to_call_says_nothing_when_no_organisation_was_named(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = tracker_after("request_human", "wie moet ik bellen")
    tracker.events[-1:-1] = [
        {"event": "user", "text": "hallo"},
        {"event": "bot", "text": "Hallo! Waar kan ik u mee helpen?"},
    ]

    await ActionWhomToCall().run(dispatcher, tracker, domain)

    assert responses(dispatcher) == []


async def test_a_refusal_likely_about_an_faq_topic_answers_it_first(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "de gemeente zegt dat de rest gebruikelijke zorg is, kan dat zomaar?"
    ranking = [
        {"name": "report_refusal", "confidence": 0.5},
        {"name": "faq_gebruikelijke_zorg", "confidence": 0.3},
    ]
    tracker = tracker_after("report_refusal", text, intent_ranking=ranking)

    events = await ActionComplexCase().run(dispatcher, tracker, domain)

    assert responses(dispatcher) == ["utter_faq_gebruikelijke_zorg", "utter_complex_case"]
    assert slots_set(events) == {"topic": "faq_gebruikelijke_zorg"}
    # An unlikely topic is not answered: only why a person helps.
    unlikely = [ranking[0], {"name": "faq_gebruikelijke_zorg", "confidence": 0.05}]
    dispatcher = CollectingDispatcher()
    tracker = tracker_after("report_refusal", text, intent_ranking=unlikely)
    await ActionComplexCase().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_complex_case"]


async def test_paying_back_in_instalments_after_an_allowance_reclaim_hears_how(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = tracker_after(
        "report_reclaim", "kan ik dat in termijnen betalen?", slots={"allowances": ["zorgtoeslag"]}
    )

    await ActionComplexCase().run(dispatcher, tracker, domain)

    assert responses(dispatcher) == ["utter_reclaim_allowance", "utter_complex_case_reclaim"]
    # Without an allowance in the conversation: only why a person helps.
    dispatcher = CollectingDispatcher()
    tracker = tracker_after("report_reclaim", "ik moet terugbetalen")
    await ActionComplexCase().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_complex_case_reclaim"]
