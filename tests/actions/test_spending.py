"""'Mag ik ... betalen?': the verdict of bot.pgb, and the question that decides a 'depends'."""

from __future__ import annotations

from typing import Any

from actions.spending import ActionAnswerSpending, ActionAskSpendingItem, ValidateSpendingForm
from bot.pgb import Law, spending_verdict
from tests.actions.conftest import entity, responses, slots_set, tracker_after


async def item_read(dispatcher, domain, text: str, entities: list[dict[str, Any]]) -> str:  # type: ignore[no-untyped-def]
    """What the spending form reads as the item of a spending question."""
    tracker = tracker_after("ask_spending", text, entities=entities)
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    return str(slots_set(events)["spending_item"])


async def test_the_typed_words_are_the_item_not_the_synonym(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mag ik logeeropvang betalen van mijn pgb"
    tracker = tracker_after(
        "ask_spending",
        text,
        entities=[entity("care_item", "kortdurend_verblijf", "logeeropvang", text.index("logeer"))],
    )
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": "logeeropvang"}


async def test_stop_is_not_an_item(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("stop_flow", "stop", slots={"requested_slot": "spending_item"})
    assert await ValidateSpendingForm().run(dispatcher, tracker, domain) == []


async def test_not_allowed_item_gets_verdict_reason_and_source(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("ask_spending", slots={"spending_item": "de sportschool"})
    events = await ActionAnswerSpending().run(dispatcher, tracker, domain)

    expected = spending_verdict("de sportschool")
    first = dispatcher.messages[0]
    assert first["response"] == f"utter_spending_{expected.verdict.value}"
    assert first["reason"] == expected.reason
    # The verdict's record, for the api's "did this help?" (bot/channel.py reads it back).
    assert expected.item_id and first["knowledge"] == [expected.item_id]
    assert "utter_advice_sources" in responses(dispatcher)
    assert slots_set(events)["spending_item"] is None


async def test_depends_on_the_law_asks_which_law_then_answers(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("ask_spending", slots={"spending_item": "logeeropvang"})
    events = await ActionAnswerSpending().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-1] == "utter_ask_spending_law"
    assert slots_set(events)["spending_awaiting_law"] is True

    dispatcher.messages.clear()
    answer = tracker_after(
        "inform",
        entities=[entity("law", "wlz")],
        slots={"spending_item": "logeeropvang", "spending_awaiting_law": True},
    )
    events = await ActionAnswerSpending().run(dispatcher, answer, domain)
    expected = spending_verdict("logeeropvang", Law.WLZ)
    assert dispatcher.messages[0]["reason"] == expected.reason
    assert slots_set(events)["spending_awaiting_law"] is False
    assert slots_set(events)["law"] == "wlz"


async def test_unknown_item_never_says_allowed(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("ask_spending", slots={"spending_item": "een zeilboot"})
    await ActionAnswerSpending().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_spending_unknown"


async def test_every_response_exists(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    for item in ["sportschool", "logeeropvang", "zorg in Spanje", "scootmobiel", "iets raars"]:
        tracker = tracker_after("ask_spending", slots={"spending_item": item})
        await ActionAnswerSpending().run(dispatcher, tracker, domain)
    assert all(r in domain["responses"] for r in responses(dispatcher))


async def test_an_item_tagged_word_by_word_is_read_as_one_phrase(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mag ik zorg in Spanje uit het pgb betalen?"
    entities = [
        entity("care_item", "zorg", "zorg", text.index("zorg")),
        entity("care_item", "Spanje", "Spanje", text.index("Spanje")),
    ]
    tracker = tracker_after("ask_spending", text, entities=entities)
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": "zorg in Spanje"}
    assert spending_verdict("zorg in Spanje").item_id == "spend_care_abroad"


async def test_a_care_function_in_the_item_belongs_to_it(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "kan ik de taxi naar de dagbesteding van het pgb betalen"
    entities = [
        entity("care_item", "taxi", "taxi", text.index("taxi")),
        entity("care_function", "dagbesteding", "dagbesteding", text.index("dagbesteding")),
    ]
    tracker = tracker_after("ask_spending", text, entities=entities)
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": "taxi naar de dagbesteding"}


async def test_what_the_question_names_not_what_the_story_mentions(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mag ik ook een schoonmaakster betalen? ik krijg al persoonlijke verzorging"
    entities = [
        entity("care_item", "huishoudelijke_hulp", "schoonmaakster", text.index("schoon")),
        entity(
            "care_function",
            "persoonlijke_verzorging",
            "persoonlijke verzorging",
            text.index("persoonlijke"),
        ),
    ]
    tracker = tracker_after("ask_spending", text, entities=entities)
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": "schoonmaakster"}


async def test_who_gets_the_item_is_not_the_item(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mag ik met kerst een cadeaubon aan mijn huishoudelijke hulp geven van het wmo pgb?"
    start = text.index("huishoudelijke")
    entities = [entity("care_item", "huishoudelijke_hulp", "huishoudelijke hulp", start)]
    item = await item_read(dispatcher, domain, text, entities)
    assert spending_verdict(item).item_id == "spend_holiday_bonus_gift"


async def test_paying_for_the_tagged_care_is_about_that_care(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mag ik betalen voor huishoudelijke hulp uit het pgb?"
    start = text.index("huishoudelijke")
    entities = [entity("care_item", "huishoudelijke_hulp", "huishoudelijke hulp", start)]
    tracker = tracker_after("ask_spending", text, entities=entities)
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": "huishoudelijke hulp"}


async def test_the_story_completes_an_item_the_question_names_half(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mijn zoon gaat naar de dagbesteding. mag ik een taxi betalen uit zijn pgb?"
    entities = [
        entity("care_function", "dagbesteding", "dagbesteding", text.index("dagbesteding")),
        entity("care_item", "taxi", "taxi", text.index("taxi")),
    ]
    item = await item_read(dispatcher, domain, text, entities)
    assert item == "dagbesteding. mag ik een taxi"
    assert spending_verdict(item).item_id == "spend_transport_day_care"


async def test_a_relative_in_the_story_does_not_make_it_about_paying_family(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    text = "mijn vader heeft pgb voor begeleiding. kan ik daar een alarmknop van betalen? hij valt"
    entities = [entity("care_item", "alarmknop", "alarmknop", text.index("alarmknop"))]
    tracker = tracker_after("ask_spending", text, entities=entities)
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": "alarmknop"}


async def test_the_whole_message_when_only_it_is_recognised(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "ik wil lid worden van Per Saldo, kan de contributie van mijn pgb"
    entities = [entity("care_item", "contributie", "contributie", text.index("contributie"))]
    item = await item_read(dispatcher, domain, text, entities)
    assert spending_verdict(item).item_id == "spend_per_saldo_membership"


async def test_care_during_an_outing_is_about_the_care_hours(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mag ik de zorg tijdens een weekendje weg uit het pgb betalen"
    tracker = tracker_after(
        "ask_spending", text, entities=[entity("care_item", "weekendje weg", "weekendje weg", 24)]
    )
    await ActionAnswerSpending().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_spending_depends"
    assert "zorguren" in dispatcher.messages[0]["reason"]


async def test_asking_to_be_paid_for_named_care_is_about_who_is_paid(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "ik doe het wassen aankleden van mijn moeder, kan ik betaald worden uit haar pgb"
    start = text.index("wassen")
    entities = [entity("care_function", "persoonlijke_verzorging", "wassen aankleden", start)]
    item = await item_read(dispatcher, domain, text, entities)
    assert spending_verdict(item).item_id == "spend_family_caregiver"


async def test_a_named_benefit_is_answered_with_the_verdict(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "ik heb wajong, mag ik betaald worden uit het pgb van mijn moeder"
    tracker = tracker_after("ask_spending", text, entities=[entity("benefit", "wajong")])
    await ActionAnswerSpending().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0] == "utter_spending_depends"
    assert {"utter_benefit_named_intro", "utter_offer_benefit_check"} <= set(said)
    points = next(m["points"] for m in dispatcher.messages if m.get("points", "").count("UWV"))
    assert "Wajong" in points


async def test_no_benefit_named_no_benefit_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "mag ik betaald worden uit het pgb van mijn moeder"
    await ActionAnswerSpending().run(dispatcher, tracker_after("ask_spending", text), domain)
    assert "utter_offer_benefit_check" not in responses(dispatcher)


async def test_a_parent_named_does_not_make_it_about_paying_family(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "kan de aanpassing van de badkamer van mijn vader met een pgb"
    start = text.index("aanpassing van de badkamer")
    entities = [entity("care_item", "badkamer", "aanpassing van de badkamer", start)]
    item = await item_read(dispatcher, domain, text, entities)
    assert spending_verdict(item).item_id == "spend_home_adaptation"


async def test_a_follow_up_naming_a_law_asks_the_last_question_again(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "en bij mijn moeder dan? die heeft een wlz pgb"
    last = "mag ik een kerstpakket voor mijn zorgverlener van het pgb betalen"
    slots = {"spending_last_item": last, "topic": "spending"}
    named = [entity("law", "wlz", "wlz", text.index("wlz"))]
    tracker = tracker_after(
        "ask_spending", text, slots=slots, entities=named, understood_by="law_follow_up"
    )
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": last}
    # Read as a question of its own, it is about paying the mother.
    tracker = tracker_after("ask_spending", text, slots=slots, entities=named)
    events = await ValidateSpendingForm().run(dispatcher, tracker, domain)
    assert slots_set(events) == {"spending_item": text}


async def test_a_spending_question_without_an_item_gets_the_rules_before_the_question(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("ask_spending", "wat als ik het al gedaan heb")
    await ActionAskSpendingItem().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_law_note",
        "utter_advice_sources",
        "utter_ask_spending_item",
    ]
    assert "terugbetalen" in dispatcher.messages[0]["note"]


async def test_asked_again_for_the_item_only_the_question(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after("inform", "weet ik niet", slots={"requested_slot": "spending_item"})
    await ActionAskSpendingItem().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ask_spending_item"]


async def test_a_question_pointing_back_is_about_the_sentence_before_it(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    # Written for this test, not taken from the evaluation sets.
    text = (
        "mijn zoon is 19 en heeft een wlz pgb, ik ben zijn budgethouder. voor zijn verjaardag "
        "wil ik zijn hulp een cadeaubon geven. kan dat van het pgb?"
    )
    item = await item_read(dispatcher, domain, text, [])
    assert spending_verdict(item).item_id == "spend_holiday_bonus_gift"


async def test_the_story_does_not_complete_an_item_the_question_names_itself(
    dispatcher, domain
) -> None:  # type: ignore[no-untyped-def]
    # Written for this test, not taken from the evaluation sets.
    text = "mijn dochter krijgt begeleiding. mag het lidmaatschap van per saldo van het pgb?"
    entities = [
        entity("care_function", "begeleiding", "begeleiding", text.index("begeleiding")),
        entity("care_item", "lidmaatschap", "lidmaatschap", text.index("lidmaatschap")),
    ]
    item = await item_read(dispatcher, domain, text, entities)
    assert spending_verdict(item).item_id == "spend_per_saldo_membership"
