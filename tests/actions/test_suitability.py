"""The suitability check: slot filling from entities, buttons and 'weet ik niet', and the advice."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.suitability import ActionSuitabilityAdvice, ValidateSuitabilityForm, answers_from
from bot.pgb import CareFunction, CaregiverSource, DutiesBy, Law, assess_suitability
from tests.actions.conftest import entity, responses, slots_set, tracker_after


async def validate(tracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]):  # type: ignore[no-untyped-def]
    return slots_set(await ValidateSuitabilityForm().run(dispatcher, tracker, domain))


async def test_a_law_button_fills_law_and_skips_the_assessor_question(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform", entities=[entity("law", "wlz")], slots={"requested_slot": "law"}
    )
    assert await validate(tracker, dispatcher, domain) == {
        "law": "wlz",
        "assessor": "not_needed",
        "failed_attempts": 0,
    }


async def test_a_financier_names_the_law(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform",
        "via de zorgverzekeraar",
        entities=[entity("financier", "zorgverzekeraar")],
        slots={"requested_slot": "law"},
    )
    assert (await validate(tracker, dispatcher, domain))["law"] == "zvw"


async def test_dont_know_the_law_then_the_assessor_decides_it(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    unknown = tracker_after("say_dont_know", "geen idee", slots={"requested_slot": "law"})
    assert await validate(unknown, dispatcher, domain) == {"law": "unknown", "failed_attempts": 0}

    ciz = tracker_after(
        "inform",
        entities=[entity("assessor", "ciz")],
        slots={"requested_slot": "assessor", "law": "unknown"},
    )
    assert await validate(ciz, dispatcher, domain) == {
        "assessor": "ciz",
        "law": "wlz",
        "failed_attempts": 0,
    }


async def test_two_useless_answers_get_an_explanation(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    first = tracker_after("greet", "hoi", slots={"requested_slot": "care_giver"})
    assert await validate(first, dispatcher, domain) == {"failed_attempts": 1}
    assert dispatcher.messages == []

    second = tracker_after(
        "chitchat", "hoe gaat het", slots={"requested_slot": "care_giver", "failed_attempts": 1}
    )
    assert await validate(second, dispatcher, domain) == {"failed_attempts": 0}
    assert responses(dispatcher) == ["utter_explain_care_giver", "utter_continue_or_stop"]
    assert all(r in domain["responses"] for r in responses(dispatcher))


async def test_control_intents_are_left_to_the_rules(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    for intent in ["stop_flow", "go_back", "restart_flow", "request_human", "express_distress"]:
        tracker = tracker_after(intent, slots={"requested_slot": "care_giver"})
        assert await ValidateSuitabilityForm().run(dispatcher, tracker, domain) == []


async def test_an_earlier_answer_can_be_corrected_later(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform",
        "het is toch de wmo",
        entities=[entity("law", "wmo")],
        slots={"requested_slot": "administrator", "law": "wlz", "assessor": "not_needed"},
    )
    assert (await validate(tracker, dispatcher, domain))["law"] == "wmo"


async def test_two_kinds_of_care_giver_mean_both(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform",
        entities=[entity("care_giver", "netwerk"), entity("care_giver", "professional")],
        slots={"requested_slot": "care_giver"},
    )
    assert (await validate(tracker, dispatcher, domain))["care_giver"] == "beide"


def test_slots_become_the_answers_of_bot_pgb() -> None:
    tracker = tracker_after(
        None,
        slots={
            "law": "wmo",
            "care_functions": ["begeleiding", "dagbesteding"],
            "care_giver": "netwerk",
            "administrator": "vertegenwoordiger",
            "pgb_reasons": ["own_network", "flexibility"],
        },
    )
    answers = answers_from(tracker)
    assert answers.law is Law.WMO
    assert answers.care_needed == {
        CareFunction.BEGELEIDING_INDIVIDUEEL,
        CareFunction.BEGELEIDING_GROEP,
    }
    assert answers.caregivers is CaregiverSource.OWN_NETWORK
    assert answers.duties_by is DutiesBy.REPRESENTATIVE


async def test_the_advice_follows_bot_pgb(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        None,
        slots={
            "law": "wlz",
            "care_functions": ["persoonlijke_verzorging"],
            "care_giver": "netwerk",
            "administrator": "niemand",
            "pgb_reasons": ["waiting_list"],
        },
    )
    expected = assess_suitability(answers_from(tracker))
    await ActionSuitabilityAdvice().run(dispatcher, tracker, domain)

    sent = responses(dispatcher)
    assert sent[0] == f"utter_advice_fit_{expected.fit.value}"
    assert "utter_advice_risks" in sent
    assert sent[-1] == ("utter_offer_advisor" if expected.offer_advisor else "utter_offer_more")
    assert all(r in domain["responses"] for r in sent)
    risks = next(m for m in dispatcher.messages if m["response"] == "utter_advice_risks")
    assert all(r.text is None or r.text in risks["points"] for r in expected.risks)


async def test_care_from_the_network_asks_what_its_warnings_need(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    network = tracker_after(
        "inform",
        entities=[entity("care_giver", "netwerk")],
        slots={"requested_slot": "care_giver", "law": "wmo"},
    )
    found = slots_set(await ValidateSuitabilityForm().run(dispatcher, network, domain))
    assert found["care_giver"] == "netwerk" and "caregiver_lives_in" not in found
    professional = tracker_after(
        "inform",
        entities=[entity("care_giver", "professional")],
        slots={"requested_slot": "care_giver", "law": "wmo"},
    )
    found = slots_set(await ValidateSuitabilityForm().run(dispatcher, professional, domain))
    assert found["caregiver_lives_in"] == found["mantelzorger_overloaded"] == "not_needed"
    assert found["representative_is_caregiver"] == "not_needed"


def test_the_answers_reach_the_warnings() -> None:
    answers = answers_from(
        tracker_after(
            None,
            slots={
                "law": "wlz",
                "care_giver": "netwerk",
                "caregiver_lives_in": "ja",
                "mantelzorger_overloaded": "ja",
                "administrator": "vertegenwoordiger",
                "representative_is_caregiver": "ja",
            },
        )
    )
    advice = assess_suitability(answers)
    risks = {r.id for r in advice.risks}
    assert {"risk_gebruikelijke_zorg", "risk_overloaded_mantelzorger"} <= risks
    assert "risk_representative_caregiver" in risks and advice.offer_advisor


async def test_yes_answers_whether_the_caregiver_lives_in(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("affirm", "ja", slots={"requested_slot": "caregiver_lives_in"})
    found = slots_set(await ValidateSuitabilityForm().run(dispatcher, tracker, domain))
    assert found["caregiver_lives_in"] == "ja"
