"""FAQ answers: made specific for the law the person has (actions/presenting.py, LAW_NOTES), and a
second question of the same message answered after the first; a couple under the AOW age hears
first that they pay no Wmo contribution."""

from __future__ import annotations

from datetime import date

import pytest

from actions.faq import (
    ActionAnswerAlsoAsked,
    ActionAnswerFaq,
    ActionAnswerMaybeMeant,
    partner_under_aow_age,
    say_minimum_wage,
)
from actions.spending import ActionAnswerSpending
from actions.suitability import ActionAnswerSuitabilityQuestion
from bot.pgb import get_answer
from bot.pgb.knowledge import load_knowledge
from tests.actions.conftest import entity, responses, slots_set, tracker_after


def _notes(dispatcher) -> list[str]:  # type: ignore[no-untyped-def]
    return [m["note"] for m in dispatcher.messages if m.get("response") == "utter_law_note"]


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_a_family_agreement_gets_the_answer_for_that(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "ik zorg voor mijn moeder met een familie-overeenkomst en ben ziek, krijg ik nog geld",
        "mijn broer werkt bij ons via de overeenkomst met familie, hij heeft de griep",
        "ik ben zzp'er en de budgethouder vraagt of ik doorbetaald word als ik ziek ben",
    ):
        dispatcher.messages.clear()
        await ActionAnswerFaq().run(dispatcher, tracker_after("faq_caregiver_ill", text), domain)
        assert responses(dispatcher)[0] == "utter_faq_caregiver_ill_opdracht", text
    said = domain["responses"]["utter_faq_caregiver_ill_opdracht"][0]["text"]
    assert "104 weken" not in said and "niet doorbetaald" in said


async def test_an_employee_or_no_agreement_gets_the_whole_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    for text in ("mijn hulp heeft een arbeidsovereenkomst en is ziek", "mijn zorgverlener is ziek"):
        dispatcher.messages.clear()
        await ActionAnswerFaq().run(dispatcher, tracker_after("faq_caregiver_ill", text), domain)
        assert responses(dispatcher)[0] == "utter_faq_caregiver_ill", text
    # A topic without an answer of its own for them gets its one answer.
    dispatcher.messages.clear()
    text = "ik heb een familie-overeenkomst, hoe vraag ik een pgb aan"
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_how_to_apply", text), domain)
    assert responses(dispatcher)[0] == "utter_faq_how_to_apply"


async def test_a_named_law_adds_what_its_financier_does(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "hoe vraag ik een pgb aan via de zvw"
    tracker = tracker_after(
        "faq_how_to_apply", text, entities=[entity("law", "zvw", "zvw", text.index("zvw"))]
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq_how_to_apply"
    assert _notes(dispatcher) == [load_knowledge().get("apply_zvw").text]
    assert "utter_advice_sources" in responses(dispatcher)


async def test_an_earlier_law_counts_and_a_note_is_said_once(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    note = load_knowledge().get("law_wlz").text
    tracker = tracker_after("faq_death_budget_holder", "wat moet ik regelen", slots={"law": "wlz"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert _notes(dispatcher) == [note]

    dispatcher.messages.clear()
    tracker.events.append({"event": "bot", "text": note})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert _notes(dispatcher) == []


async def test_no_note_without_a_law_or_for_a_topic_that_does_not_vary(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_how_to_apply", "hoe"), domain)
    tracker = tracker_after("faq_caregiver_holiday", "vakantie", slots={"law": "wmo"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert _notes(dispatcher) == []


async def test_paying_a_relative_under_a_named_law_names_its_financier(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "kan ik via een pgb uit de jeugdwet zelf betaald worden voor haar zorg"
    tracker = tracker_after(
        "ask_spending", text, entities=[entity("law", "jeugdwet", "jeugdwet", text.index("jeugd"))]
    )
    await ActionAnswerSpending().run(dispatcher, tracker, domain)
    assert _notes(dispatcher) == [load_knowledge().get("law_jeugdwet").text]


async def test_a_waiting_list_gets_that_a_pgb_is_a_choice(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "de gemeente zegt er is een wachtlijst, neem maar een pgb. moet dat?"
    tracker = tracker_after(
        "start_suitability_check",
        text,
        entities=[entity("pgb_reason", "waiting_list", "wachtlijst", text.index("wacht"))],
    )
    await ActionAnswerSuitabilityQuestion().run(dispatcher, tracker, domain)
    assert _notes(dispatcher) == [load_knowledge().get("pgb_not_for_waiting_lists").text]


async def test_a_second_question_gets_its_title_and_answer_and_becomes_the_topic(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "faq_pgb_not_income", "...", slots={"also_asked": "faq_eigen_bijdrage_deduction"}
    )
    events = await ActionAnswerAlsoAsked().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_also_asked", "utter_faq_eigen_bijdrage_deduction"]
    title = get_answer("eigen_bijdrage_deduction").get("title")
    assert dispatcher.messages[0]["title"] == title
    # The last answer: a follow-up ("en bij de wlz?") is read against it.
    assert slots_set(events) == {"also_asked": None, "topic": "faq_eigen_bijdrage_deduction"}


async def test_a_topic_maybe_meant_is_introduced_as_such(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("faq_budget_plan", "...", slots={"also_asked": "faq_how_to_apply"})
    events = await ActionAnswerMaybeMeant().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_maybe_meant", "utter_faq_how_to_apply"]
    assert dispatcher.messages[0]["title"] == get_answer("how_to_apply").get("title")
    # Only a guess: the first answer stays the topic.
    assert slots_set(events) == {"also_asked": None}


async def test_a_second_question_already_answered_this_turn_is_not_repeated(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("faq_x", "...", slots={"also_asked": "faq_eigen_bijdrage"})
    tracker.events.append(
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq_eigen_bijdrage"}}
    )
    events = await ActionAnswerAlsoAsked().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == []
    assert slots_set(events) == {"also_asked": None}


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_a_law_named_only_to_compare_is_not_the_persons_law(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "betaal ik voor de jeugdhulp van mijn zoon ook een eigen bijdrage, net als bij de wmo"
    law = entity("law", "wmo", "wmo", text.index("wmo"))
    tracker = tracker_after("faq_eigen_bijdrage", text, entities=[law], slots={"law": "jeugdwet"})
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    # The Wmo's amount is not said to a parent with a Jeugdwet pgb, and the law stays the same.
    assert "utter_amount_wmo_abonnementstarief" not in responses(dispatcher)
    assert "law" not in slots_set(events)
    # Named as their own, the law counts.
    dispatcher.messages.clear()
    text = "ik heb een pgb van de wmo, betaal ik een eigen bijdrage"
    law = entity("law", "wmo", "wmo", text.index("wmo"))
    tracker = tracker_after("faq_eigen_bijdrage", text, entities=[law], slots={"law": "jeugdwet"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert "utter_amount_wmo_abonnementstarief" in responses(dispatcher)


def after_naming(law: str, tracker):  # type: ignore[no-untyped-def]
    """The tracker with an earlier message of the person that named the law."""
    earlier = {
        "event": "user",
        "text": f"mijn vrouw heeft een {law} pgb",
        "parse_data": {"intent": {"name": "inform"}, "entities": [entity("law", law)]},
    }
    tracker.events.insert(0, earlier)
    return tracker


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_a_law_named_a_message_earlier_chooses_the_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = after_naming("wlz", tracker_after("faq_eigen_bijdrage", "en de eigen bijdrage dan"))
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq_eigen_bijdrage_wlz"
    # The Wmo's fixed amount is not said after the Wlz's contribution.
    assert "utter_amount_wmo_abonnementstarief" not in responses(dispatcher)
    # Without the earlier message: the whole answer, with the Wmo's amount.
    dispatcher.messages.clear()
    await ActionAnswerFaq().run(
        dispatcher, tracker_after("faq_eigen_bijdrage", "en de eigen bijdrage dan"), domain
    )
    assert responses(dispatcher)[0] == "utter_faq_eigen_bijdrage"
    assert "utter_amount_wmo_abonnementstarief" in responses(dispatcher)


# Written for this test in the way people write, not taken from the evaluation sets.
async def test_the_persons_law_gets_that_laws_answer_when_there_is_one(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "moet mijn vader dan ook zelf nog iets betalen"
    tracker = tracker_after("faq_eigen_bijdrage", text, slots={"law": "wlz"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq_eigen_bijdrage_wlz"
    said = domain["responses"]["utter_faq_eigen_bijdrage_wlz"][0]["text"]
    # Only the Wlz's rule, and not the note on the Wmo's coming change.
    assert "geen eigen bijdrage" not in said and "Wmo-bijdrage" not in said
    # A law the message names counts over the earlier one.
    dispatcher.messages.clear()
    text = "en bij een pgb van de zorgverzekeraar, betaal ik dan ook iets"
    financier = entity("financier", "zorgverzekeraar", "zorgverzekeraar", text.index("zorg"))
    tracker = tracker_after("faq_eigen_bijdrage", text, entities=[financier], slots={"law": "wlz"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq_eigen_bijdrage_zvw"
    # The Wmo gets its own rule with the coming change; no law known, the whole answer.
    for law, response in (
        ("wmo", "utter_faq_eigen_bijdrage_wmo"),
        (None, "utter_faq_eigen_bijdrage"),
    ):
        dispatcher.messages.clear()
        text = "betaal ik een eigen bijdrage"
        tracker = tracker_after("faq_eigen_bijdrage", text, slots={"law": law})
        await ActionAnswerFaq().run(dispatcher, tracker, domain)
        assert responses(dispatcher)[0] == response, law
        said = domain["responses"][response][0]["text"]
        assert "Wmo-bijdrage" in said and "abonnementstarief" in said
    assert "Wlz" not in domain["responses"]["utter_faq_eigen_bijdrage_wmo"][0]["text"]


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
    notes = [m["note"] for m in dispatcher.messages if m.get("response") == "utter_law_note"]
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
    notes = [m["note"] for m in dispatcher.messages if m.get("response") == "utter_law_note"]
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
    notes = [m["note"] for m in dispatcher.messages if m.get("response") == "utter_law_note"]
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
