"""Consequences of being paid from a pgb: the form's answers and the overview of bot.pgb."""

from __future__ import annotations

from datetime import date

from actions.benefits import (
    ActionAnswerBenefitQuestion,
    ActionBenefitConsequences,
    ValidateBenefitForm,
    profile_from,
)
from bot.pgb import Allowance, Benefit, benefit_consequences
from tests.actions.conftest import entity, responses, slots_set, tracker_after


async def test_no_benefit_and_no_allowance_are_answers(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    none = tracker_after(
        "inform", entities=[entity("benefit", "geen")], slots={"requested_slot": "benefits"}
    )
    assert slots_set(await ValidateBenefitForm().run(dispatcher, none, domain))["benefits"] == [
        "geen"
    ]
    deny = tracker_after("deny", "nee", slots={"requested_slot": "allowances"})
    assert slots_set(await ValidateBenefitForm().run(dispatcher, deny, domain))["allowances"] == [
        "geen"
    ]


async def test_yes_answers_the_toeslagpartner_question(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("affirm", "ja", slots={"requested_slot": "toeslagpartner"})
    assert slots_set(await ValidateBenefitForm().run(dispatcher, tracker, domain)) == {
        "toeslagpartner": "ja",
        "failed_attempts": 0,
    }


def test_slots_become_the_profile() -> None:
    profile = profile_from(
        tracker_after(
            None,
            slots={
                "benefits": ["bijstand", "geen"],
                "allowances": ["zorgtoeslag"],
                "toeslagpartner": "nee",
                "law": "wlz",
            },
        )
    )
    assert profile.benefits == {Benefit.BIJSTAND}
    assert profile.allowances == {Allowance.ZORGTOESLAG}
    assert profile.caregiver_is_toeslagpartner is False


async def test_the_overview_shows_every_consequence_and_offers_an_advisor(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        None,
        slots={
            "benefits": ["bijstand"],
            "allowances": ["zorgtoeslag", "huurtoeslag"],
            "toeslagpartner": "ja",
            "law": "wlz",
        },
    )
    await ActionBenefitConsequences().run(dispatcher, tracker, domain)

    expected = benefit_consequences(profile_from(tracker), current_year=date.today().year)
    shown = " ".join(m.get("points", "") for m in dispatcher.messages)
    assert all(c.text in shown for c in expected)
    assert dispatcher.messages[0]["year"] == str(date.today().year)
    assert responses(dispatcher)[-1] == "utter_offer_advisor"
    assert all(r in domain["responses"] for r in responses(dispatcher))


async def test_the_contract_and_days_per_week_reach_the_profile(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    asked = tracker_after(
        "inform", "we hebben een arbeidsovereenkomst", slots={"requested_slot": "contract"}
    )
    found = slots_set(await ValidateBenefitForm().run(dispatcher, asked, domain))
    assert found["contract"] == "arbeidsovereenkomst" and "days_per_week" not in found
    days = tracker_after("inform", "2 dagen", slots={"requested_slot": "days_per_week"})
    assert (
        slots_set(await ValidateBenefitForm().run(dispatcher, days, domain))["days_per_week"] == "2"
    )
    profile = profile_from(
        tracker_after(None, slots={"contract": "arbeidsovereenkomst", "days_per_week": "2"})
    )
    ids = [c.id for c in benefit_consequences(profile, current_year=date.today().year)]
    # CRvB 30-03-2023 and Kamerstuk 36744: never "not insured" for under 4 days.
    assert "cons_short_employment_rights_changing" in ids


async def test_a_family_agreement_skips_the_days_question(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "inform",
        entities=[entity("contract", "zorgovereenkomst_familie")],
        slots={"requested_slot": "contract"},
    )
    found = slots_set(await ValidateBenefitForm().run(dispatcher, tracker, domain))
    assert found["days_per_week"] == "nvt"


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_a_contribution_question_gets_it_for_the_persons_law(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "ik ga mijn man verzorgen via zijn wlz pgb, gaat zijn eigen bijdrage dan omhoog"
    law = entity("law", "wlz", "wlz", text.index("wlz"))
    tracker = tracker_after("start_benefit_check", text, entities=[law])
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq_eigen_bijdrage_wlz"
    said = domain["responses"]["utter_faq_eigen_bijdrage_wlz"][0]["text"]
    assert "partner" in said and "hogere bijdrage" in said
    # A benefit question without it: no contribution answer.
    dispatcher.messages.clear()
    tracker = tracker_after("start_benefit_check", "telt het pgb geld mee als inkomen")
    await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
    assert not any(r.startswith("utter_faq_eigen_bijdrage") for r in responses(dispatcher))


async def test_an_office_is_named_once_among_those_to_ask(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    # Huurtoeslag (Dienst Toeslagen) with a toeslagpartner point (the Belastingdienst).
    tracker = tracker_after(
        None,
        slots={"benefits": ["geen"], "allowances": ["huurtoeslag"], "toeslagpartner": "ja"},
    )
    await ActionBenefitConsequences().run(dispatcher, tracker, domain)
    asked = next(m["contacts"] for m in dispatcher.messages if "contacts" in m)
    assert "de Belastingdienst (Dienst Toeslagen)" in asked
    assert asked.count("Belastingdienst") == 1
