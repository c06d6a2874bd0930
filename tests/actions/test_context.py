"""Answer first, follow-ups, a plain yes or no, and feelings before the answer (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction

from actions.benefits import ActionAnswerBenefitQuestion
from actions.context import ActionAcceptOffer, ActionFollowUp, last_offer
from actions.faq import ActionAnswerFaq
from actions.spending import ActionAnswerSpending
from tests.actions.conftest import entity, responses, slots_set, tracker_after


def _texts(dispatcher: Any) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


async def test_a_named_benefit_is_answered_at_once(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "start_benefit_check",
        "ik krijg bijstand, telt het pgb-geld als inkomen",
        entities=[entity("benefit", "bijstand")],
    )
    events = await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert "utter_ask_benefits" not in said
    assert said[0] == "utter_benefit_named_intro"
    assert "bijstand" in dispatcher.messages[1]["points"].lower()
    assert said[-1] == "utter_offer_benefit_check"
    assert slots_set(events)["benefits"] == ["bijstand"]
    assert slots_set(events)["topic"] == "benefits"


async def test_the_answer_for_a_benefit_leaves_out_the_general_points(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("start_benefit_check", entities=[entity("benefit", "wajong")])
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    points = dispatcher.messages[1]["points"]
    assert "pensioen" not in points.lower()
    assert "wajong" in points.lower() or "uwv" in points.lower()


async def test_a_general_benefit_question_gets_the_fact_and_a_choice(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("start_benefit_check", "wat betekent een pgb voor mijn uitkering")
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_benefit_general"]
    payloads = [b["payload"] for b in domain["responses"]["utter_benefit_general"][0]["buttons"]]
    # Braces doubled in the domain: Rasa fills slots in buttons and turns "{{" back into "{".
    assert '/inform{{"benefit":"wajong"}}' in payloads and "/start_benefit_form" in payloads


async def test_a_general_tax_question_gets_the_tax_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "moet ik belasting betalen over pgb geld voor de zorg voor mijn vader"
    tracker = tracker_after("start_benefit_check", text)
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq_caregiver_income_tax", "utter_offer_benefit_check"]


async def test_a_budget_holder_asking_about_their_own_benefit_hears_the_pgb_is_no_income(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = "ik heb zelf een wmo pgb voor huishoudelijke hulp, krijg ik nu minder huurtoeslag"
    named = [entity("allowance", "huurtoeslag")]
    tracker = tracker_after("start_benefit_check", text, entities=named)
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq_pgb_not_income", "utter_offer_benefit_check"]
    # A caregiver who is paid from someone else's pgb gets the answer for their benefit.
    text = "mijn moeder heeft een pgb en wil mij betalen, ik heb huurtoeslag"
    tracker = tracker_after("start_benefit_check", text, entities=named)
    dispatcher.messages.clear()
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_benefit_named_intro"


async def test_a_question_right_after_a_benefit_answer_is_about_that_benefit(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "start_benefit_check",
        "moet ik dat meteen melden of kan dat bij de jaaropgave",
        slots={"topic": "benefits", "benefits": ["wao_wia"]},
    )
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_benefit_named_intro"
    assert "1 week" in dispatcher.messages[1]["points"]


async def test_after_another_topic_the_earlier_benefit_is_not_assumed(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "start_benefit_check",
        "wat betekent een pgb voor mijn uitkering",
        slots={"topic": "spending", "benefits": ["wao_wia"]},
    )
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_benefit_general"]


async def test_a_follow_up_naming_a_benefit_gets_the_benefit_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform", "en als ik wajong heb", entities=[entity("benefit", "wajong")]
    )
    await ActionFollowUp().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_benefit_named_intro"


async def test_a_follow_up_naming_an_item_gets_the_spending_verdict(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "en een traplift"
    tracker = tracker_after(
        "inform", text, entities=[entity("care_item", "traplift", "traplift", 7)]
    )
    await ActionFollowUp().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith("utter_spending_")


async def test_a_follow_up_with_nothing_to_go_on_asks_how_to_help(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    await ActionFollowUp().run(dispatcher, tracker_after("inform", "ok"), domain)
    assert responses(dispatcher) == ["utter_how_can_i_help"]


def _after_bot(buttons: list[dict[str, str]]) -> Tracker:
    tracker = tracker_after("affirm", "ja")
    tracker.events.insert(-1, {"event": "bot", "text": "?", "data": {"buttons": buttons}})
    return tracker


async def test_yes_accepts_the_first_button_of_the_last_offer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = _after_bot([{"title": "Ja", "payload": "/start_benefit_form"}])
    assert last_offer(tracker) == "/start_benefit_form"
    events = await ActionAcceptOffer().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_benefit_intro"]
    assert events[-1] == FollowupAction("benefit_form")


async def test_yes_to_a_person_starts_the_handoff(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = _after_bot([{"title": "Ja, graag", "payload": "/request_human"}])
    events = await ActionAcceptOffer().run(dispatcher, tracker, domain)
    assert events[-1] == FollowupAction("action_request_handoff")


async def test_yes_without_an_offer_asks_how_to_help(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    events = await ActionAcceptOffer().run(dispatcher, tracker_after("affirm", "ja"), domain)
    assert responses(dispatcher) == ["utter_how_can_i_help"] and events == []


async def test_grief_is_acknowledged_before_the_faq_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "faq_death_budget_holder",
        "mijn vader is overleden, wat nu met zijn pgb",
        entities=[entity("feeling", "grief")],
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ack_grief", "utter_faq_death_budget_holder"]


async def test_an_unknown_faq_topic_asks_to_rephrase(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_no_such_topic", "?"), domain)
    assert responses(dispatcher) == ["utter_ask_rephrase_or_person"]


async def test_a_relative_asking_to_be_paid_gets_a_verdict_not_a_question(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "ask_spending", "kan ik zelf betaald worden uit het pgb van mijn moeder"
    )
    await ActionAnswerSpending().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert "utter_ask_spending_item" not in said
    assert said[0] == "utter_spending_depends"
    assert dispatcher.messages[0]["item"] == "Uw vraag"


async def test_a_childrens_allowance_gets_its_own_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "start_benefit_check", entities=[entity("allowance", "kindgebonden_budget")]
    )
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_faq_child_benefits_toeslagen",
        "utter_offer_benefit_check",
    ]


async def test_a_law_after_a_spending_answer_answers_it_again_for_that_law(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform",
        "hij heeft een wlz pgb",
        entities=[entity("law", "wlz")],
        slots={"topic": "spending", "spending_last_item": "kerstcadeau voor de hulp"},
    )
    events = await ActionFollowUp().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith("utter_spending_")
    assert slots_set(events)["law"] == "wlz"


async def test_the_eigen_bijdrage_answer_says_the_amount_in_force(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from actions.faq import say_amount

    say_amount(dispatcher, "wmo_abonnementstarief", date(2026, 3, 1))
    assert dispatcher.messages[0]["amount"] == "€ 21,80"
    assert dispatcher.messages[0]["valid_from"] == "01-01-2026"
    later = type(dispatcher)()
    say_amount(later, "wmo_abonnementstarief", date(2031, 3, 1))
    assert responses(later) == ["utter_amount_unknown"]


def test_the_income_answer_says_the_zorgtoeslag_limits_of_the_year(dispatcher) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from actions.faq import say_zorgtoeslag_limits

    say_zorgtoeslag_limits(dispatcher, date(2026, 5, 1))
    said = dispatcher.messages[0]
    assert (said["year"], said["single"], said["partner"]) == ("2026", "€ 40.857", "€ 51.142")
    later = type(dispatcher)()
    say_zorgtoeslag_limits(later, date(2031, 5, 1))
    assert later.messages == []


@pytest.mark.parametrize(
    ("intent", "text", "benefit"),
    [
        (
            "faq_pgb_not_income",
            "ik krijg bijstand en mijn moeder wil mij betalen uit haar pgb, telt dat als inkomen",
            "bijstand",
        ),
        (
            "faq_informal_care_pay",
            "ik heb iva, mag ik een paar uur mijn moeder verzorgen en betaald worden uit haar pgb",
            "wao_wia",
        ),
        (
            "faq_pgb_not_income",
            "ik heb wajong, mijn tante wil me elke maand een vast bedrag geven uit haar pgb",
            "wajong",
        ),
    ],
)
async def test_a_caregiver_on_benefits_is_not_answered_as_the_budget_holder(
    dispatcher, domain, intent: str, text: str, benefit: str
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(intent, text, entities=[entity("benefit", benefit)])
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_benefit_named_intro"


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_a_budget_holder_on_benefits_is_not_answered_as_the_caregiver(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = "mijn vader heeft ww en krijgt nu een pgb van het zorgkantoor, gaat zijn ww omlaag"
    tracker = tracker_after(
        "faq_caregiver_rights_changing", text, entities=[entity("benefit", "ww")]
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq_pgb_not_income"
    assert slots_set(events)["topic"] == "faq_pgb_not_income"
    # Someone paid from the pgb is the caregiver: their answer stays.
    paid = "mijn vader heeft ww en wordt betaald uit het pgb van mijn moeder, gaat zijn ww omlaag"
    tracker = tracker_after(
        "faq_caregiver_rights_changing", paid, entities=[entity("benefit", "ww")]
    )
    later = type(dispatcher)()
    await ActionAnswerFaq().run(later, tracker, domain)
    assert responses(later)[0] == "utter_faq_caregiver_rights_changing"


async def test_any_answer_to_a_paid_caregiver_on_benefits_adds_their_benefit(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = "mijn moeder betaalt me uit haar pgb. ik heb een iow uitkering. moet ik dat doorgeven"
    tracker = tracker_after("faq_motiveringsplicht", text, entities=[entity("benefit", "iow")])
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0] == "utter_faq_motiveringsplicht"
    assert "utter_benefit_named_intro" in said


async def test_a_pension_question_gets_the_pension_point(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "start_benefit_check",
        "ik heb ww, bouw ik pensioen op als ik uit het pgb betaald word",
        entities=[entity("benefit", "ww")],
    )
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert "pensioen" in dispatcher.messages[1]["points"]


async def test_yes_does_not_answer_an_offer_of_an_earlier_turn(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("affirm", "ja")
    tracker.events[:0] = [
        {"event": "bot", "text": "?", "data": {"buttons": [{"payload": "/request_human"}]}},
        {"event": "user", "text": "wat is een pgb"},
        {"event": "bot", "text": "Een pgb is ...", "data": {}},
    ]
    assert last_offer(tracker) is None


async def test_the_wmo_contribution_amount_is_not_said_to_a_jeugdwet_parent(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    asked = "moet ik dan ook een eigen bijdrage betalen"
    jeugd = tracker_after("faq_eigen_bijdrage", asked, slots={"law": "jeugdwet"})
    await ActionAnswerFaq().run(dispatcher, jeugd, domain)
    # The Jeugdwet's own answer, without an amount.
    assert responses(dispatcher) == ["utter_faq_eigen_bijdrage_jeugdwet"]

    dispatcher.messages.clear()
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_eigen_bijdrage", asked), domain)
    assert responses(dispatcher)[0] == "utter_faq_eigen_bijdrage"
    assert responses(dispatcher)[1].startswith("utter_amount_")


async def test_a_law_named_in_a_question_is_kept_for_the_next(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "faq_how_to_apply",
        "waar vraag ik jeugdhulp met een pgb aan",
        entities=[entity("law", "jeugdwet")],
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"topic": "faq_how_to_apply", "law": "jeugdwet"}


async def test_the_aow_after_the_wmo_contribution_is_about_that_contribution(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform",
        "en als mijn vrouw straks ook aow heeft?",
        slots={"topic": "faq_eigen_bijdrage", "law": "wmo"},
        entities=[entity("benefit", "aow")],
    )
    await ActionFollowUp().run(dispatcher, tracker, domain)
    assert "allebei de AOW-leeftijd" in dispatcher.messages[0]["note"]
    assert "utter_benefit_named_intro" not in responses(dispatcher)
