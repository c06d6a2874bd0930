"""Consequences of being paid from a pgb: the form's answers and the overview of bot.pgb."""

from __future__ import annotations

from datetime import date

from actions.benefits import ActionBenefitConsequences, ValidateBenefitForm, profile_from
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
