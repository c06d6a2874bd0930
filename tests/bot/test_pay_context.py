"""Reading a message against the last spending answer and what paying someone means
(bot/pay_context.py), through parse_in_context as the channel calls it."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.questions import parts
from tests.bot.parse_table import Table, parse, parse_after, ranked


def test_a_question_about_being_paid_is_about_paying_someone() -> None:
    text = "mogen wij dan ook zelf de zorg geven en daarvoor betaald worden"
    table = Table({text: ranked(("faq_pgb_not_income", 0.44), ("ask_spending", 0.2))})
    result = parse(table, text)
    assert result["intent"]["name"] == "ask_spending"
    assert result["understood_by"] == "paid_person"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Pay, benefits and tax for the caregiver answer it already.
        ("mag ik betaald worden uit het pgb van mijn moeder, ik heb ww", "start_benefit_check"),
        ("mag mijn dochter betaald worden als ze bij mij woont", "faq_motiveringsplicht"),
        # Nobody is paid here.
        ("kan de contributie van de vereniging betaald worden", "faq_per_saldo"),
        # Not whether it may.
        ("telt het als inkomen als ik betaald word uit haar pgb", "faq_pgb_not_income"),
        # Being paid in the story, the question is another.
        ("ik word betaald uit haar pgb. hoe lang duurt een herindicatie?", "faq_pgb_duration"),
    ],
)
def test_other_questions_that_mention_pay_stay(text: str, intent: str) -> None:
    reading = ranked((intent, 0.6), ("ask_spending", 0.2))
    table = Table({piece: reading for piece in [text, *parts(text)]})
    assert parse(table, text)["intent"]["name"] == intent


def tracker_after_family_verdict(answered: str = "action_answer_spending") -> DialogueStateTracker:
    question = "mag ik mijn dochter betalen uit mijn pgb"
    events: list[Any] = [
        ActionExecuted("action_listen"),
        UserUttered(question, {"name": "ask_spending", "confidence": 0.9}),
        ActionExecuted(answered),
        SlotSet("spending_last_item", question),
        ActionExecuted("action_listen"),
    ]
    slots = [TextSlot("spending_last_item", mappings=[])]
    return DialogueStateTracker.from_events("c1", events, slots=slots)


@pytest.mark.parametrize(
    "text", ["ze woont bij mij in trouwens", "ja", "hij is huisgenoot", "hij doet het huishouden"]
)
def test_the_answer_to_the_family_verdicts_question_is_about_gebruikelijke_zorg(text: str) -> None:
    table = Table({text: ranked(("ask_spending", 0.5), ("affirm", 0.3))})
    if text == "ja":
        table.parses[text] = ranked(("affirm", 0.9))
    result = parse_after(table, text, tracker_after_family_verdict())
    assert result["intent"]["name"] == "faq_gebruikelijke_zorg"


def test_living_together_is_only_an_answer_right_after_the_family_verdict() -> None:
    text = "ze woont bij mij in trouwens"
    table = Table({text: ranked(("inform", 0.5), ("ask_spending", 0.3))})
    table.parses[f"mag ik mijn dochter betalen uit mijn pgb {text}"] = table.parses[text]
    tracker = tracker_after_family_verdict(answered="utter_faq_what_is_pgb")
    assert parse_after(table, text, tracker)["intent"]["name"] == "inform"


def test_a_law_right_after_a_spending_answer_asks_the_last_question_for_that_law() -> None:
    text = "en bij mijn moeder dan? die heeft een wlz pgb"
    which = ranked(("faq_which_financier", 0.57), ("ask_spending", 0.2), entities=(("law", "wlz"),))
    table = Table({piece: which for piece in [text, *parts(text)]})
    result = parse_after(table, text, tracker_after_family_verdict())
    assert result["intent"]["name"] == "ask_spending"
    assert result["understood_by"] == "law_follow_up"
    # Not after another answer.
    other = tracker_after_family_verdict(answered="utter_faq_what_is_pgb")
    assert parse_after(table, text, other)["intent"]["name"] == "faq_which_financier"


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize("text", ["en als ik hem al gekocht heb?", "ik heb het toch al betaald"])
def test_paid_already_right_after_a_spending_answer_asks_the_last_question_again(
    text: str,
) -> None:
    unclear = ranked(("nlu_fallback", 0.6), ("faq_leftover_budget", 0.2))
    joined = f"mag ik mijn dochter betalen uit mijn pgb {text}"
    table = Table({piece: unclear for piece in [text, *parts(text), joined]})
    result = parse_after(table, text, tracker_after_family_verdict())
    assert result["intent"]["name"] == "ask_spending"
    assert result["understood_by"] == "paid_already"
    # Not after another answer.
    other = tracker_after_family_verdict(answered="utter_faq_what_is_pgb")
    assert parse_after(table, text, other)["intent"]["name"] != "ask_spending"


def test_combining_a_benefit_with_a_pgb_is_a_benefit_question() -> None:
    text = "ww en pgb gaat dat samen"
    combine = ranked(
        ("faq_combine_natura", 0.68), ("start_benefit_check", 0.2), entities=(("benefit", "ww"),)
    )
    assert parse(Table({text: combine}), text)["intent"]["name"] == "start_benefit_check"
    text = "kan ik ww houden en pgb en thuiszorg combineren"
    assert parse(Table({text: combine}), text)["intent"]["name"] == "faq_combine_natura"


SICK = "mijn zus is ziek, wat nu"


def tracker_after_faq_answer(topic: str) -> DialogueStateTracker:
    events: list[Any] = [
        ActionExecuted("action_listen"),
        UserUttered(SICK, {"name": topic, "confidence": 0.9}),
        ActionExecuted("action_answer_faq"),
        SlotSet("topic", topic),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events("c1", events, slots=[TextSlot("topic", mappings=[])])


@pytest.mark.parametrize(
    ("text", "reading", "answered", "how"),
    [
        # An agreement right after the answer on a sick caregiver, which has a version for it.
        (
            "ze heeft een familie overeenkomst, ze is mijn zus. hoe zit het dan?",
            ranked(("faq_family_agreement_who", 0.6), ("faq_caregiver_ill", 0.2)),
            "faq_caregiver_ill",
            "agreement_follow_up",
        ),
        # A law right after the answer on the eigen bijdrage, which has a text per law.
        (
            "en mijn vader heeft wlz, betaalt die wel?",
            ranked(
                ("faq_which_financier", 0.9),
                ("faq_eigen_bijdrage", 0.05),
                entities=(("law", "wlz"),),
            ),
            "faq_eigen_bijdrage",
            "law_after_faq_answer",
        ),
    ],
)
def test_a_detail_right_after_an_answer_with_a_version_for_it_asks_it_again(
    text: str, reading: dict[str, Any], answered: str, how: str
) -> None:
    # Read alone, and with the question before it (both point back: "dat", "die").
    table = Table({piece: reading for piece in [text, *parts(text), f"{SICK} {text}"]})
    result = parse_after(table, text, tracker_after_faq_answer(answered))
    assert result["intent"]["name"] == answered
    assert result["understood_by"] == how
    # Not after an answer without such a version.
    other = tracker_after_faq_answer("faq_what_is_pgb")
    assert parse_after(table, text, other)["intent"]["name"] == reading["intent"]["name"]


def tracker_after_income_answer(question: str, entities: list[dict[str, Any]]) -> Any:
    parse_data = {"intent": {"name": "faq_pgb_not_income", "confidence": 0.9}, "entities": entities}
    events: list[Any] = [
        ActionExecuted("action_listen"),
        UserUttered(question, parse_data["intent"], entities, parse_data),
        ActionExecuted("action_answer_faq"),
        SlotSet("topic", "faq_pgb_not_income"),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events("c1", events, slots=[TextSlot("topic", mappings=[])])


@pytest.mark.parametrize(
    ("earlier", "answer"),
    [
        # The allowance named before is what the pay means something for.
        ([{"entity": "allowance", "value": "huurtoeslag"}], "start_benefit_check"),
        # Nothing named: the pay is the writer's taxed income.
        ([], "faq_caregiver_income_tax"),
    ],
)
def test_being_paid_oneself_after_an_answer_asks_what_the_pay_means(
    earlier: list[dict[str, Any]], answer: str
) -> None:
    question = "ik heb huurtoeslag. telt haar pgb als inkomen voor mij?"
    text = "ik word er zelf ook uit betaald, 10 uur per week"
    holiday = ranked(("faq_caregiver_holiday", 0.76), ("inform", 0.09))
    table = Table({piece: holiday for piece in [text, *parts(text), f"{question} {text}"]})
    result = parse_after(table, text, tracker_after_income_answer(question, earlier))
    assert result["intent"]["name"] == answer
    assert result["understood_by"] == "paid_caregiver"
    assert [e for e in result["entities"] if e["entity"] == "allowance"] == earlier


def test_being_paid_as_a_first_message_or_asking_whether_it_may_stays() -> None:
    holiday = ranked(("faq_caregiver_holiday", 0.76), ("inform", 0.09))
    text = "ik word er zelf ook uit betaald, 10 uur per week"
    table = Table({piece: holiday for piece in [text, *parts(text)]})
    assert parse(table, text)["intent"]["name"] == "faq_caregiver_holiday"
    asked = "mag ik er zelf ook uit betaald worden?"
    table = Table({piece: holiday for piece in [asked, *parts(asked), f"x {asked}"]})
    tracker = tracker_after_income_answer("x", [])
    assert parse_after(table, asked, tracker).get("understood_by") != "paid_caregiver"


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize(
    "text",
    ["en hoe hoog is die bijdrage dan ongeveer", "wat kost dat per maand?", "hoeveel is het"],
)
def test_an_amount_of_what_was_just_answered_asks_that_answer_again(text: str) -> None:
    reading = ranked(("faq_informal_care_pay", 0.7), ("faq_eigen_bijdrage", 0.2))
    table = Table({piece: reading for piece in [text, *parts(text), f"{SICK} {text}"]})
    result = parse_after(table, text, tracker_after_faq_answer("faq_eigen_bijdrage"))
    assert result["intent"]["name"] == "faq_eigen_bijdrage"
    assert result["understood_by"] == "amount_after_answer"


def test_a_new_amount_question_after_an_answer_stays() -> None:
    text = "hoeveel krijg ik dan per maand"  # asks a new amount, points back to nothing
    reading = ranked(("faq_informal_care_pay", 0.7), ("faq_eigen_bijdrage", 0.2))
    table = Table({piece: reading for piece in [text, *parts(text), f"{SICK} {text}"]})
    result = parse_after(table, text, tracker_after_faq_answer("faq_eigen_bijdrage"))
    assert result["intent"]["name"] == "faq_informal_care_pay"


# Written for this test in the way people write, not taken from the evaluation sets.
def test_a_fact_and_does_that_matter_asks_the_last_answer_again() -> None:
    text = "ze woont trouwens in een aanleunwoning, maakt dat nog uit?"
    sure_elsewhere = ranked(("faq_wlz_living", 0.9), ("faq_hulpmiddel_route", 0.05))
    table = Table({piece: sure_elsewhere for piece in [text, *parts(text), f"{SICK} {text}"]})
    result = parse_after(table, text, tracker_after_faq_answer("faq_hulpmiddel_route"))
    assert result["intent"]["name"] == "faq_hulpmiddel_route"
    assert result["understood_by"] == "changes_the_last_answer"
    # A question that names what it may change is its own.
    own = "ze woont in een aanleunwoning, maakt dat uit voor de eigen bijdrage?"
    table = Table({piece: sure_elsewhere for piece in [own, *parts(own), f"{SICK} {own}"]})
    result = parse_after(table, own, tracker_after_faq_answer("faq_hulpmiddel_route"))
    assert result["intent"]["name"] == "faq_wlz_living"


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize(
    "text",
    [
        "ik zorg al jaren voor mijn schoonvader via zijn pgb. bouw ik daarmee pensioen op",
        "hoe zit het met mijn pensioenopbouw als ik uit het pgb betaald word",
    ],
)
def test_a_question_about_building_a_pension_gets_the_answer_on_pgb_income(text: str) -> None:
    reading = ranked(("faq_family_agreement_who", 0.6), ("faq_pgb_not_income", 0.2))
    table = Table({piece: reading for piece in [text, *parts(text)]})
    result = parse(table, text)
    assert result["intent"]["name"] == "faq_pgb_not_income"
    assert result["understood_by"] == "pension_question"
    # A pension named as income is no such question.
    own = "mijn vader heeft aow en een klein pensioen. hoe hoog is zijn eigen bijdrage"
    table = Table({piece: reading for piece in [own, *parts(own)]})
    assert parse(table, own)["intent"]["name"] == "faq_family_agreement_who"
