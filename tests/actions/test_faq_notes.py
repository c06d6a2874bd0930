"""FAQ answers with what the message's own words call for: the zorgtoeslag limits, a couple under
the AOW age, news of a change, the minimum wage, the Wmo contribution's exemptions, whether care
is voluntary, the case law on a network tariff (actions/faq.py)."""

from __future__ import annotations

from datetime import date

import pytest

from actions.faq import ActionAnswerFaq, partner_under_aow_age, say_minimum_wage
from tests.actions.conftest import entity, law_notes, responses, tracker_after


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_the_zorgtoeslag_limits_only_when_the_zorgtoeslag_may_be_meant(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    limits = "utter_amount_zorgtoeslag_income_limit"
    for text, allowances, said in (
        ("welk inkomen telt er voor toeslagen als ik betaald word uit een pgb", [], True),
        ("telt het pgb geld mee voor mijn zorgtoeslag inkomen", ["zorgtoeslag"], True),
        (
            "ik krijg huurtoeslag en kgb, welk inkomen telt dan",
            ["huurtoeslag", "kindgebonden_budget"],
            False,
        ),
    ):
        dispatcher.messages.clear()
        found = [entity("allowance", a) for a in allowances]
        tracker = tracker_after("faq_toetsingsinkomen", text, entities=found)
        await ActionAnswerFaq().run(dispatcher, tracker, domain)
        assert (limits in responses(dispatcher)) is said, text


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mijn vrouw (58) heeft een wmo pgb, ik ben 69. betalen we een eigen bijdrage", 67),
        ("wij zijn getrouwd, ik ben 64 jaar en hij 70", 67),
        ("mijn man is 72 en ik ben 68, betalen wij de eigen bijdrage?", None),
        ("ik ben 55 en woon alleen, moet ik de eigen bijdrage betalen", None),
        ("mijn man werkt 20 uur, de rekening is 22 euro", None),
    ],
)
def test_a_partner_under_the_aow_age_is_read_from_the_message(
    text: str, expected: int | None
) -> None:
    assert partner_under_aow_age(text, date(2026, 12, 6)) == expected
    assert partner_under_aow_age(text, date(2031, 1, 1)) is None  # a year without a known age


async def test_a_couple_under_the_aow_age_hears_first_that_they_pay_nothing(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = (
        "mijn vrouw heeft begeleiding van de wmo met een pgb. zij is 61 en ik 66. wat kost ons dat"
    )
    law = entity("law", "wmo", "wmo", text.index("wmo"))
    tracker = tracker_after("faq_eigen_bijdrage", text, entities=[law])
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[:2] == ["utter_wmo_contribution_partner_under_aow", "utter_faq_eigen_bijdrage_wmo"]
    # Another law: no Wmo exemption.
    dispatcher.messages.clear()
    text = "mijn vrouw heeft een wlz pgb. zij is 61 en ik 66. wat kost ons dat"
    law = entity("law", "wlz", "wlz", text.index("wlz"))
    tracker = tracker_after("faq_eigen_bijdrage", text, entities=[law])
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert "utter_wmo_contribution_partner_under_aow" not in responses(dispatcher)


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_news_of_a_change_gets_what_is_known_of_it(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "ze zeggen dat die bijdrage volgend jaar verandert"
    heard = {"understood_by": "heard_of_a_change"}
    tracker = tracker_after("faq_eigen_bijdrage", text, **heard)
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_change_known"]
    note = dispatcher.messages[0]["note"]
    assert "wetsvoorstel" in note and "CAK" in note  # the bill, not yet certain; whom to ask
    # A rule with no change on record: no change is known, and a plan is not yet a rule.
    dispatcher.messages.clear()
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_pgb_portaal", text, **heard), domain)
    assert responses(dispatcher) == ["utter_change_not_known"]
    # Without that reading the topic is answered as always.
    dispatcher.messages.clear()
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_pgb_portaal", text), domain)
    assert responses(dispatcher) == ["utter_faq_pgb_portaal"]


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_the_minimum_wage_is_said_when_asked_or_where_to_find_it(dispatcher) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("faq_informal_care_pay", "hoeveel is dat minimumloon eigenlijk")
    say_minimum_wage(dispatcher, tracker, date(2026, 3, 1))
    assert "€ 14,71" in dispatcher.messages[0]["note"]
    assert "veranderd" not in dispatcher.messages[0]["note"]
    # After 1 July 2026, whose amount no source gives: not known, and where to find it.
    dispatcher.messages.clear()
    say_minimum_wage(dispatcher, tracker, date(2026, 12, 7))
    note = dispatcher.messages[0]["note"]
    assert "€" not in note and "sinds 01-07-2026 veranderd" in note and "rijksoverheid.nl" in note
    # Only when the message names it.
    dispatcher.messages.clear()
    say_minimum_wage(dispatcher, tracker_after("faq_x", "hoeveel mag ik betalen"), date(2026, 3, 1))
    assert dispatcher.messages == []


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_wlz_and_wmo_named_hear_first_that_there_is_no_double_contribution(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = "hij betaalt al eigen bijdrage voor de wlz, nu ook hulp via de wmo. weer betalen?"
    laws = [
        entity("law", "wlz", "wlz", text.index("wlz")),
        entity("law", "wmo", "wmo", text.index("wmo")),
    ]
    await ActionAnswerFaq().run(
        dispatcher, tracker_after("faq_eigen_bijdrage", text, entities=laws), domain
    )
    said = responses(dispatcher)
    assert said[0] == "utter_law_note" and said[2].startswith("utter_faq_eigen_bijdrage")
    assert "geen eigen bijdrage" in dispatcher.messages[0]["note"]
    # One law only: the answer as always.
    dispatcher.messages.clear()
    only_wmo = [entity("law", "wmo", "wmo", text.index("wmo"))]
    await ActionAnswerFaq().run(
        dispatcher, tracker_after("faq_eigen_bijdrage", text, entities=only_wmo), domain
    )
    assert responses(dispatcher)[0].startswith("utter_faq_eigen_bijdrage")


async def test_a_wlz_representative_hears_whether_they_may_also_give_paid_care(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = "ik ben wettelijk vertegenwoordiger van mijn zoon (wlz), mag ik mezelf betalen?"
    wlz = [entity("law", "wlz", "wlz", text.index("wlz"))]
    tracker = tracker_after("faq_roles_representative", text, entities=wlz)
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:2] == ["utter_faq_roles_representative", "utter_law_note"]
    assert "ouder die wettelijk vertegenwoordiger" in dispatcher.messages[1]["note"]
    # No such rule on record for the Wmo: the answer alone.
    dispatcher.messages.clear()
    wmo = [entity("law", "wmo", "wlz", text.index("wlz"))]
    tracker = tracker_after("faq_roles_representative", text, entities=wmo)
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq_roles_representative"]


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("moeten we eigen bijdrage betalen voor de rolstoel van de gemeente?", True),
        ("onze zoon van 12 krijgt begeleiding via de wmo, betalen wij dan eigen bijdrage", True),
        ("mijn dochter is 15, moet zij een eigen bijdrage betalen?", True),
        # An adult child, or hours: not a minor.
        ("mijn zoon van 34 krijgt een pgb, betaalt hij eigen bijdrage", False),
        ("ik krijg 12 uur hulp, wat is de eigen bijdrage", False),
    ],
)
async def test_a_wheelchair_or_a_minor_hears_the_wmo_exemptions_first(
    dispatcher, domain, text: str, said: bool
) -> None:  # type: ignore[no-untyped-def]
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_eigen_bijdrage", text), domain)
    first = dispatcher.messages[0]
    assert (first.get("response") == "utter_law_note" and "rolstoel" in first["note"]) is said


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_a_question_whether_one_must_give_the_care_hears_that_it_is_voluntary(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = "de gemeente zegt dat ik voor mijn vader moet zorgen omdat ik bij hem woon, moet ik dat?"
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_gebruikelijke_zorg", text), domain)
    notes = law_notes(dispatcher)
    assert responses(dispatcher)[0] == "utter_faq_gebruikelijke_zorg"
    assert any("altijd vrijwillig" in n for n in notes)
    # A plain question about what it is: the answer alone.
    dispatcher.messages.clear()
    plain = "wat is gebruikelijke zorg precies"
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_gebruikelijke_zorg", plain), domain)
    assert responses(dispatcher) == ["utter_faq_gebruikelijke_zorg"]


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("mijn dochter woont bij mij, dus geen eigen bijdrage want zij heeft geen aow?", True),
        ("ik ben 70 en mijn kleinzoon woont in, telt dat voor de aow regel van de bijdrage", True),
        # A partner: the rule itself applies; no AOW asked: nothing to correct.
        ("mijn man is 60 en woont bij mij, ik heb aow, betalen wij eigen bijdrage", False),
        ("mijn zoon woont bij mij, hoe hoog is de eigen bijdrage", False),
    ],
)
async def test_someone_living_with_a_child_hears_that_the_aow_exemption_is_for_partners(
    dispatcher, domain, text: str, said: bool
) -> None:  # type: ignore[no-untyped-def]
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_eigen_bijdrage", text), domain)
    notes = law_notes(dispatcher)
    assert any("alleen voor partners" in n for n in notes) is said


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("de gemeente wil mijn zus nog maar het minimumloon geven, mag dat zomaar?", True),
        ("de wmo betaalt mijn dochter 6 euro per uur, dat is toch belachelijk", True),
        # The Wlz has a national maximum; no dispute: the answer alone.
        ("het zorgkantoor betaalt maar weinig, mag dat wel? het is een wlz pgb", False),
        ("hoeveel mag ik mijn buurvrouw betalen uit het wmo pgb", False),
    ],
)
async def test_a_dispute_about_the_network_tariff_hears_the_case_law(
    dispatcher, domain, text: str, said: bool
) -> None:  # type: ignore[no-untyped-def]
    entities = [entity("law", law, law, text.index(law)) for law in ("wmo", "wlz") if law in text]
    tracker = tracker_after("faq_informal_care_pay", text, entities=entities)
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    notes = law_notes(dispatcher)
    assert any("Centrale Raad van Beroep" in n for n in notes) is said


async def test_a_contribution_question_naming_the_aow_is_no_benefit_question(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    # Written for this test, not taken from the evaluation sets.
    text = (
        "ik ben 80, mijn kleindochter woont in. hoef ik dan niks te betalen want zij heeft geen aow"
    )
    tracker = tracker_after(
        "faq_eigen_bijdrage", text, entities=[entity("benefit", "aow", "aow", text.index("aow"))]
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert "utter_benefit_named_intro" not in responses(dispatcher)
    assert {"event": "slot", "name": "topic", "value": "faq_eigen_bijdrage"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]
