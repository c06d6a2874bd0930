"""FAQ answers: made specific for the law the person has (actions/presenting.py, LAW_NOTES), and a
second question of the same message answered after the first. The notes a message's own words
call for are in test_faq_notes.py."""

from __future__ import annotations

from actions.faq import (
    ActionAnswerAlsoAsked,
    ActionAnswerFaq,
    ActionAnswerMaybeMeant,
)
from actions.spending import ActionAnswerSpending
from actions.suitability import ActionAnswerSuitabilityQuestion
from bot.pgb import get_answer
from bot.pgb.knowledge import load_knowledge
from tests.actions.conftest import entity, law_notes, responses, slots_set, tracker_after


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
    assert law_notes(dispatcher) == [load_knowledge().get("apply_zvw").text]
    assert "utter_advice_sources" in responses(dispatcher)


async def test_an_earlier_law_counts_and_a_note_is_said_once(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    note = load_knowledge().get("law_wlz").text
    tracker = tracker_after("faq_death_budget_holder", "wat moet ik regelen", slots={"law": "wlz"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert law_notes(dispatcher) == [note]

    dispatcher.messages.clear()
    tracker.events.append({"event": "bot", "text": note})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert law_notes(dispatcher) == []


async def test_no_note_without_a_law_or_for_a_topic_that_does_not_vary(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    await ActionAnswerFaq().run(dispatcher, tracker_after("faq_how_to_apply", "hoe"), domain)
    tracker = tracker_after("faq_caregiver_holiday", "vakantie", slots={"law": "wmo"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert law_notes(dispatcher) == []


async def test_paying_a_relative_under_a_named_law_names_its_financier(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "kan ik via een pgb uit de jeugdwet zelf betaald worden voor haar zorg"
    tracker = tracker_after(
        "ask_spending", text, entities=[entity("law", "jeugdwet", "jeugdwet", text.index("jeugd"))]
    )
    await ActionAnswerSpending().run(dispatcher, tracker, domain)
    assert law_notes(dispatcher) == [load_knowledge().get("law_jeugdwet").text]


async def test_a_waiting_list_gets_that_a_pgb_is_a_choice(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "de gemeente zegt er is een wachtlijst, neem maar een pgb. moet dat?"
    tracker = tracker_after(
        "start_suitability_check",
        text,
        entities=[entity("pgb_reason", "waiting_list", "wachtlijst", text.index("wacht"))],
    )
    await ActionAnswerSuitabilityQuestion().run(dispatcher, tracker, domain)
    assert law_notes(dispatcher) == [load_knowledge().get("pgb_not_for_waiting_lists").text]


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
